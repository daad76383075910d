/* fazhi serve: the 审稿 room and the figures table of 汇总 (helpers from app.js). Plain ES2017 for
   Chromium 64+; the forms they enhance also work without it. */
"use strict";
window.fazhiRooms = function (h) {
  var $ = h.$, el = h.el, post = h.post, status = h.status, downloads = h.downloads, showProblems = h.showProblems;
  var fixesOf = h.fixesOf, fixLabel = h.fixLabel, fixButton = h.fixButton;

  var SEVERITY = { error: "错误", warning: "警告", info: "提示" };
  var kinds = document.querySelector('meta[name="fazhi-kinds"]');
  var KINDS = kinds ? JSON.parse(kinds.content) : {};  // kind → its Chinese name (generator.kinds)

  function reviewRoom() {
    var form = $("draft"), input = form.querySelector('input[type="file"]'), report = $("report");
    var current = null;  // the draft as last fixed here (a File), else the chosen file
    input.addEventListener("change", function () { current = null; });
    function draft() { return current || input.files[0]; }
    function fields() {
      if (!input.files.length) { status("请先选择草稿文件", "bad"); return null; }
      var data = new FormData();
      data.append("file", draft());
      return data;
    }
    downloads(form, fields);

    async function run(note) {
      var data = fields();
      if (!data) return;
      status("正在检查……", "busy");
      showProblems($("problems"), []);
      try {
        var result = await (await post("/api/check", data)).json();
        var fixes = [];
        if (/\.(docx|txt)$/i.test(draft().name)) {  // the drafts `check --fix` edits
          try { fixes = (await (await post("/api/fixes", fields())).json()).fixes; } catch (e) { fixes = []; }
        }
        showReport(report, result.files[0], fixes, fixRule);
        status(note || "检查完成");
      } catch (error) {
        status("失败", "bad");
        showProblems($("problems"), error.problems || [], error.message);
      }
    }

    // One finding's button: the fixes of its rule (check --fix's fixer), the draft replaced by the result.
    async function fixRule(rule) {
      var data = fields();
      data.append("rule", rule);
      status("正在修正……", "busy");
      try {
        var response = await post("/api/fix", data);
        var made = JSON.parse(decodeURIComponent(response.headers.get("X-Fazhi-Fixes") || "%5B%5D"));
        current = new File([await response.blob()], draft().name, { type: draft().type });
        var list = made.map(function (f) { return "第" + f.line + "行「" + f.before + "」→「" + (f.after || "（删去）") + "」"; });
        await run("已修正 " + made.length + " 处：" + list.join("；") + "。下列为修正后的检查结果；「下载修正稿」下载的是修正后的稿件");
      } catch (error) {
        status("修正失败：" + error.message, "bad");
      }
    }

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      run();
    });
  }

  function showReport(box, file, fixes, fixRule) {
    box.textContent = "";
    box.appendChild(el("h2", "", file.path + (file.kind ? "（" + (KINDS[file.kind] || file.kind) + "）" : "")));
    var parts = el("table", "parts"), head = el("tr"), row = el("tr");
    Object.keys(file.parts).forEach(function (key) {
      var part = file.parts[key];
      head.appendChild(el("th", "", "第" + key + "部分"));
      row.appendChild(el("td", part.found ? "" : "missing", part.found ? (part.heading || "已找到") : "缺少"));
    });
    parts.appendChild(head); parts.appendChild(row);
    box.appendChild(el("h2", "", "法定部分")); box.appendChild(parts);
    box.appendChild(el("h2", "", "问题（" + file.findings.length + "）"));
    var table = el("table", "findings-table"), top = el("tr");
    ["行", "严重程度", "规则", "说明", "依据", "机械修正"].forEach(function (t) { top.appendChild(el("th", "", t)); });
    table.appendChild(top);
    file.findings.forEach(function (f) {
      var tr = el("tr");
      tr.appendChild(el("td", "", f.line ? String(f.line) : ""));
      tr.appendChild(el("td", f.severity, SEVERITY[f.severity] || f.severity));
      tr.appendChild(el("td", "", f.rule));
      tr.appendChild(el("td", "", f.message));
      tr.appendChild(el("td", "", f.basis || ""));
      var same = (fixes || []).filter(function (x) { return x.rule === f.rule; });
      var cell = el("td", "fix"), own = f.line ? fixesOf(f, fixes) : same;  // a finding about the whole file: all its rule's fixes
      if (own.length) {
        cell.appendChild(fixButton(same.length > own.length ? "修正此类（" + same.length + " 处）" : "修正", fixLabel(same), function () { fixRule(f.rule); }));
      }
      tr.appendChild(cell);
      table.appendChild(tr);
    });
    box.appendChild(table);
  }

  function figuresRoom() {
    var form = $("figures"), input = form.querySelector('input[type="file"]'), box = $("figure-table");
    function fields() {
      if (!input.files.length) { status("请先选择数据文件", "bad"); return null; }
      var data = new FormData();
      for (var i = 0; i < input.files.length; i++) data.append("files", input.files[i]);
      return data;
    }
    downloads(form, fields);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var data = fields();
      if (!data) return;
      status("正在对比……", "busy");
      post("/api/figures", data).then(function (r) { return r.json(); }).then(function (result) {
        box.textContent = "";
        var table = el("table"), head = el("tr");
        result.header.forEach(function (t) { head.appendChild(el("th", "", t)); });
        table.appendChild(head);
        result.rows.forEach(function (cells) {
          var tr = el("tr");
          cells.forEach(function (t) { tr.appendChild(el("td", "", t)); });
          table.appendChild(tr);
        });
        box.appendChild(table);
        showProblems($("problems"), [], result.problems.join("；"));
        status("共 " + result.rows.length + " 个数字");
      }).catch(function (error) {
        status("失败", "bad");
        showProblems($("problems"), error.problems || [], error.message);
      });
    });
  }

  return { review: reviewRoom, figures: figuresRoom };
};
