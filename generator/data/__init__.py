"""The package's data files (YAML) and parsed.py, their snapshot (generator.snapshot)."""
