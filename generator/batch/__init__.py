"""The supervising office's tools: many drafts or specs at once, in parallel, summarised.

collect   walk folders, run a function over chunks of files in worker processes
summary   one row per checked draft (unit, kind, year, date, deadline, parts, counts, findings)
xlsx, csv, html, terminal   the summary written out
render    many specs rendered into one folder (PDF through one LibreOffice process)
figures   the named figures of many specs side by side
"""
