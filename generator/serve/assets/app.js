/* fazhi serve: plain ES2017 for Chromium 64+ (no modules, no optional chaining, no event.submitter).
   Every form also works without this script: it only keeps the page in place and shows results inline. */
"use strict";
(function () {
  var meta = document.querySelector('meta[name="fazhi-token"]');
  var token = meta ? meta.content : "";
  document.documentElement.className += " js";

  function $(id) { return document.getElementById(id); }
  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined) node.textContent = text;
    return node;
  }
  // A list item whose text jumps to its line of the YAML pane (when there is one).
  function lineItem(item, text, line) {
    if (line && $("yaml")) {
      var link = el("a", "", text);
      link.addEventListener("click", function () { jump(line); });
      item.appendChild(link);
    } else {
      item.textContent = text;
    }
    return item;
  }

  function status(text, kind) {
    var node = $("status");
    if (!node) return;
    node.textContent = text;
    node.className = "status" + (kind ? " " + kind : "");
  }

  async function post(url, body, type) {
    var headers = { "X-Fazhi-Token": token };
    if (type) headers["Content-Type"] = type;
    var response = await fetch(url, { method: "POST", headers: headers, body: body, credentials: "same-origin" });
    if (response.ok) return response;
    var message = "服务器错误（" + response.status + "）";
    var problems = [];
    try {
      var data = await response.json();
      message = data.error.message;
      problems = data.error.problems || [];
    } catch (e) { /* not JSON: keep the status line */ }
    var error = new Error(message);
    error.problems = problems;
    throw error;
  }

  function fileName(response, fallback) {
    var header = response.headers.get("Content-Disposition") || "";
    var match = /filename\*=UTF-8''([^;]+)/i.exec(header);
    return match ? decodeURIComponent(match[1]) : fallback;
  }

  async function download(response, fallback) {
    var blob = await response.blob();
    var link = el("a");
    link.href = URL.createObjectURL(blob);
    link.download = fileName(response, fallback);
    document.body.appendChild(link);
    link.click();
    setTimeout(function () { URL.revokeObjectURL(link.href); link.remove(); }, 1000);
  }

  // Problems with a line jump to that line of the editor when there is one.
  function showProblems(box, problems, message) {
    box.textContent = "";
    if (!problems.length && !message) return;
    var list = el("ul");
    (problems.length ? problems : [{ text: message }]).forEach(function (p) {
      list.appendChild(lineItem(el("li"), p.text || p.message, p.line));
    });
    box.appendChild(list);
  }

  var yamlShown = function () {};
  function jump(line) {
    yamlShown();
    var area = $("yaml"), lines = area.value.split("\n"), start = 0;
    for (var i = 0; i < line - 1 && i < lines.length; i++) start += lines[i].length + 1;
    var end = start + (lines[line - 1] || "").length;
    area.focus();
    area.setSelectionRange(start, end);
    var height = area.scrollHeight / Math.max(lines.length, 1);
    area.scrollTop = Math.max(0, (line - 5) * height);
  }

  // Buttons that bring a file back: fetched, so an error shows here instead of replacing the page.
  function downloads(form, fields) {
    form.querySelectorAll("button[data-download]").forEach(function (button) {
      button.addEventListener("click", function (event) {
        event.preventDefault();
        var data = fields();
        if (!data) return;
        if (button.name) data.append(button.name, button.value);
        var action = button.getAttribute("formaction") || form.getAttribute("action");
        status("正在生成……", "busy");
        post(action, data).then(function (response) {
          return download(response, "fazhi").then(function () { status("已下载：" + fileName(response, "")); });
        }).catch(function (error) {
          status("失败：" + error.message, "bad");
          if ($("problems")) showProblems($("problems"), error.problems || [], error.message);
        });
      });
    });
  }

  // Only the blocks that changed are replaced: a whole new document would make the browser shape
  // and lay out every line of 20 pages again on each keystroke.
  function patch(pane, html) {
    var holder = document.createElement("template");
    holder.innerHTML = html;
    var fresh = holder.content.firstElementChild, old = pane.firstElementChild;
    if (!fresh || !old || old.className !== fresh.className || old.children.length !== fresh.children.length) {
      pane.innerHTML = html;
      return;
    }
    for (var i = 0; i < fresh.children.length; i++) patchChildren(old.children[i], fresh.children[i]);
  }

  function patchChildren(old, fresh) {
    if (old.tagName !== fresh.tagName || old.className !== fresh.className) {
      old.replaceWith(fresh.cloneNode(true));
      return;
    }
    var a = Array.prototype.slice.call(old.children), b = Array.prototype.slice.call(fresh.children);
    var start = 0, endA = a.length - 1, endB = b.length - 1;
    while (start <= endA && start <= endB && a[start].isEqualNode(b[start])) start++;
    while (endA >= start && endB >= start && a[endA].isEqualNode(b[endB])) { endA--; endB--; }
    var after = a[endA + 1] || null;
    for (var i = start; i <= endA; i++) a[i].remove();
    for (var j = start; j <= endB; j++) old.insertBefore(b[j], after);
  }

  function writeRoom() {
    var area = $("yaml"), preview = $("preview"), problems = $("problems"), findings = $("findings");
    var busy = false, dirty = false, checkTimer = null, note = "";  // note: what the last action did

    async function refresh() {
      if (busy) { dirty = true; return; }
      busy = true; dirty = false;
      var started = performance.now();
      try {
        var response = await post("/api/preview", area.value, "text/yaml; charset=utf-8");
        var html = await response.text();
        if (!dirty) {
          patch(preview, html);
          showProblems(problems, []);
          status(note + "预览已更新（" + Math.round(performance.now() - started) + " 毫秒）");
          note = "";
          document.body.dataset.previews = String(Number(document.body.dataset.previews || 0) + 1);
        }
      } catch (error) {
        showProblems(problems, error.problems || [], error.message);
        status("数据文件有错误，预览保持上一次的结果", "bad");
      }
      busy = false;
      if (dirty) { refresh(); return; }
      clearTimeout(checkTimer);
      checkTimer = setTimeout(check, 600);
    }

    async function check() {
      var data = new FormData(), text = area.value;
      data.append("file", new Blob([text], { type: "text/yaml" }), "报告.yaml");
      try {
        var found = await Promise.all([
          post("/api/check", data).then(function (r) { return r.json(); }),
          post("/api/fixes", JSON.stringify({ yaml: text }), "application/json").then(function (r) { return r.json(); })
        ]);
        if (text !== area.value) return;  // typed on meanwhile: the next check follows
        listFindings(findings, found[0].files[0] ? found[0].files[0].findings : [], found[1].fixes, applyFixes);
      } catch (error) {
        findings.textContent = "";
      }
    }

    // The fixer of `check --fix`, run by the server on the spec's strings; the YAML comes back.
    function applyFixes(picks) {
      status("正在修正……", "busy");
      post("/api/fix", JSON.stringify({ yaml: area.value, picks: picks }), "application/json").then(function (r) {
        return r.json();
      }).then(function (result) {
        area.value = result.yaml;
        formPane.stale();
        if (showing === "form") formPane.show();
        note = "已修正 " + result.fixes.length + " 处：" + fixLabel(result.fixes) + "；";
        status(note);
        refresh();
      }).catch(function (error) {
        status("修正失败：" + error.message, "bad");
      });
    }

    var formPane = window.fazhiForm({ box: $("form"), area: area, post: post, changed: refresh });
    var showing = "form", editor = $("editor");
    function show(which) {
      showing = which;
      editor.className = "pane editor show-" + which;
      $("tab-form").className = "tab" + (which === "form" ? " here" : "");
      $("tab-yaml").className = "tab" + (which === "yaml" ? " here" : "");
      if (which === "form") formPane.show();
    }
    $("tab-form").addEventListener("click", function () { show("form"); });
    $("tab-yaml").addEventListener("click", function () { show("yaml"); });
    show("form");
    yamlShown = function () { show("yaml"); };

    function fit() {  // the A4 sheet (210 mm) scaled to the pane's width
      var sheet = 210 * 96 / 25.4 + 24;
      preview.style.setProperty("--fit", String(Math.min(1, (preview.clientWidth - 8) / sheet)));
    }
    window.addEventListener("resize", fit);
    fit();
    $("exact").addEventListener("click", function () {
      var started = performance.now();
      status("正在用 LibreOffice 排版……", "busy");
      post("/api/pages", area.value, "text/yaml; charset=utf-8").then(function (response) {
        return response.text();
      }).then(function (html) {
        preview.innerHTML = html;
        var count = preview.querySelector(".gw-pages").getAttribute("data-pages");
        status("精确预览：" + count + " 页（" + ((performance.now() - started) / 1000).toFixed(1) + " 秒）；继续输入则回到实时预览");
      }).catch(function (error) {
        status("精确预览失败：" + error.message, "bad");
      });
    });
    area.addEventListener("input", function () { formPane.stale(); refresh(); });
    area.addEventListener("keydown", function (event) {
      if (event.key !== "Tab") return;  // two spaces: YAML forbids tabs in indentation
      event.preventDefault();
      document.execCommand("insertText", false, "  ");
    });
    downloads($("spec"), function () { var data = new FormData(); data.append("yaml", area.value); return data; });
    document.querySelectorAll("form[data-fill]").forEach(function (form) {
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        status("正在读取……", "busy");
        post(form.getAttribute("action"), new FormData(form)).then(function (response) {
          return response.text();
        }).then(function (text) {
          area.value = text;
          formPane.stale();
          if (showing === "form") formPane.show();
          status("已载入，请检查带注释的推断值");
          refresh();
        }).catch(function (error) {
          status("失败：" + error.message, "bad");
          showProblems(problems, error.problems || [], error.message);
        });
      });
    });
    check();
  }

  // The fixes (from /api/fixes) that remove a finding: same rule, same line.
  function fixesOf(finding, fixes) {
    return (fixes || []).filter(function (x) { return x.rule === finding.rule && x.line === finding.line; });
  }
  function fixLabel(fixes) {
    return fixes.map(function (x) { return "「" + x.before + "」→「" + (x.after || "（删去）") + "」"; }).join(" ");
  }
  function fixButton(label, title, action) {
    var b = el("button", "small fix", label);
    b.type = "button";
    b.title = title;
    b.addEventListener("click", action);
    return b;
  }

  function listFindings(box, items, fixes, apply) {
    box.textContent = "";
    if (!items.length) { box.appendChild(el("p", "", "检查：没有发现问题。")); return; }
    var head = el("p", "", "检查发现 " + items.length + " 个问题（点击跳到所在行）："), picks = [];
    box.appendChild(head);
    var list = el("ul");
    items.forEach(function (f) {
      var item = lineItem(el("li", f.severity), (f.line ? "第" + f.line + "行：" : "") + f.message, f.line);
      var own = f.line ? fixesOf(f, fixes) : (fixes || []).filter(function (x) { return x.rule === f.rule; });
      var mine = own.map(function (x) { return [x.line, x.rule]; });
      if (own.length && apply) {
        picks = picks.concat(mine);
        item.appendChild(fixButton(f.line ? "修正" : "修正（" + own.length + " 处）", fixLabel(own), function () { apply(mine); }));
      }
      list.appendChild(item);
    });
    if (picks.length > 1) head.appendChild(fixButton("全部机械修正（" + picks.length + " 处）", "应用下列各条的修正", function () { apply(picks); }));
    box.appendChild(list);
  }

  var rooms = window.fazhiRooms({
    $: $, el: el, post: post, status: status, downloads: downloads, showProblems: showProblems,
    fixesOf: fixesOf, fixLabel: fixLabel, fixButton: fixButton
  });
  if ($("yaml")) writeRoom();
  if ($("figures")) rooms.figures();
  if ($("draft")) rooms.review();
})();
