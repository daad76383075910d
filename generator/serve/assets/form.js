/* fazhi serve: the form of 写报告, built from the kind's schema (POST /api/form gives it), kept in
   step with the YAML pane. Every edit goes to the server, which writes it into the YAML text with
   its comments kept and sends the new text back. Plain ES2017 for Chromium 64+. */
"use strict";
window.fazhiForm = function (options) {
  var box = options.box, area = options.area, post = options.post;
  var schema = null, kind = null, data = null, stale = true, pending = [], flying = false, restructure = false;
  var opened = { "": true };  // the groups the clerk has unfolded, by path

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined) node.textContent = text;
    return node;
  }
  function key(path) { return path.join("."); }

  function request(edits, wantForm) {
    var body = JSON.stringify({ yaml: area.value, edits: edits, form: wantForm });
    return post("/api/form", body, "application/json").then(function (r) { return r.json(); });
  }

  function setYaml(text) {
    if (area.value === text) return;
    var top = area.scrollTop;
    area.value = text;
    area.scrollTop = top;
  }

  // The YAML was edited by hand: read it again when the form is next shown.
  function load() {
    stale = false;
    return request([], true).then(function (state) {
      schema = state.form; kind = state.kind; data = state.data;
      render();
    }).catch(function (error) {
      stale = true;
      showError(error);
    });
  }

  function showError(error) {
    var note = box.querySelector(".form-error") || box.insertBefore(el("div", "form-error problems"), box.firstChild);
    note.textContent = "表单暂时无法与数据文件同步：" + error.message + "（请在「YAML 数据文件」中改正）";
  }

  function queue(edit, structural) {
    pending = pending.filter(function (e) {
      return !(key(e.path) === key(edit.path) && "value" in e && "value" in edit);
    });
    pending.push(edit);
    if (structural) restructure = true;
    send();
  }

  function send() {
    if (flying || !pending.length) return;
    var edits = pending, again = restructure;
    pending = []; restructure = false; flying = true;
    request(edits, false).then(function (state) {
      flying = false;
      setYaml(state.yaml);
      data = state.data;
      var note = box.querySelector(".form-error");
      if (note) note.remove();
      if (state.kind !== kind) load();
      else if (again) render();
      options.changed();
      send();
    }).catch(function (error) {
      flying = false;
      showError(error);
      send();
    });
  }

  function render() {
    var top = box.scrollTop;
    box.textContent = "";
    if (!schema) {
      box.appendChild(el("p", "form-error problems", "数据文件没有可识别的文档类型（kind），无法生成表单：请在 YAML 中写 kind: annual-report、department-report 或 work-plan"));
      return;
    }
    var basic = el("fieldset", "basic");
    basic.appendChild(el("legend", "", schema.label + "：基本信息"));
    box.appendChild(basic);
    schema.fields.forEach(function (f) {
      var value = data[f.key], t = f.node.t;
      var compound = t === "ref" || t === "dict" || (t === "list" && f.node.item.t === "ref");
      if (!compound) { basic.appendChild(field(f, [f.key], value)); return; }
      box.appendChild(fold(f.label, [f.key], function () { return field(f, [f.key], value, true); }, f.help));
    });
    box.scrollTop = top;
  }

  // A group that is built when first unfolded (a 20-page report has hundreds of fields).
  function fold(title, path, build, help) {
    var details = el("details", "fold");
    var summary = el("summary", "", title);
    if (help) summary.title = help;
    details.appendChild(summary);
    details.setAttribute("data-path", key(path));
    var built = false;
    function fill() { if (!built) { built = true; details.appendChild(build()); } }
    details.addEventListener("toggle", function () {
      opened[key(path)] = details.open;
      if (details.open) fill();
    });
    if (opened[key(path)]) { details.open = true; fill(); }
    return details;
  }

  function field(f, path, value, bare) {
    var wrap = el("div", "field f-" + f.node.t);
    if (!bare) {
      var label = el("label", "", f.label + (f.required ? " *" : ""));
      if (f.help) label.title = f.help;
      wrap.appendChild(label);
    }
    if (f.help) wrap.appendChild(el("small", "help", f.help));
    wrap.appendChild(input(f.node, path, value, f));
    return wrap;
  }

  function input(node, path, value, f) {
    var t = node.t;
    if (t === "ref") return group(schema.defs[node.name], path, value || {});
    if (t === "list") return list(node, path, value || []);
    if (t === "dict") return table(node, path, value || {});
    if (t === "bool" || t === "enum") return choice(node, path, value, f);
    return text(node, path, value, f);
  }

  function group(def, path, value) {
    var box = el("div", "group");
    def.fields.forEach(function (f) { box.appendChild(field(f, path.concat(f.key), value[f.key])); });
    return box;
  }

  function rowTitle(value, index) {
    var name = value && typeof value === "object" ? (value.title || value.heading || value.name) : "";
    return "第" + (index + 1) + "项" + (name ? "：" + name : "");
  }

  function list(node, path, values) {
    var box = el("div", "rows");
    box.setAttribute("data-path", key(path));
    if (!Array.isArray(values)) values = [values];
    values.forEach(function (value, index) {
      var here = path.concat(index), row = el("div", "row");
      if (node.item.t === "ref") {
        row.appendChild(fold(rowTitle(value, index), here, function () { return input(node.item, here, value); }));
      } else if (node.item.t === "list") {  // a group of names (主送: one kind of organ a group)
        var sub = el("div", "subgroup");
        sub.appendChild(el("small", "help", "第" + (index + 1) + "组"));
        sub.appendChild(input(node.item, here, value, { required: true }));
        row.appendChild(sub);
      } else {
        row.appendChild(input(node.item, here, value, { required: true }));
      }
      row.appendChild(button("删除", "删除这一项", function () { queue({ path: here, remove: true }, true); }));
      box.appendChild(row);
    });
    box.appendChild(button("＋ 添加一项", "", function () {
      opened[key(path.concat(values.length))] = true;
      queue({ path: path, append: blank(node.item) }, true);
    }));
    return box;
  }

  function table(node, path, values) {
    var box = el("div", "rows");
    Object.keys(values).forEach(function (name) {
      var here = path.concat(name), row = el("div", "row entry");
      row.appendChild(fold(name, here, function () { return input(node.value, here, values[name]); }));
      row.appendChild(button("删除", "删除「" + name + "」", function () { queue({ path: here, remove: true }, true); }));
      box.appendChild(row);
    });
    var adder = el("div", "adder"), name = el("input");
    name.placeholder = "新名称（英文字母、数字或下划线）";
    adder.appendChild(name);
    adder.appendChild(button("＋ 添加", "", function () {
      var value = name.value.trim();
      if (!value || values[value] !== undefined) return;
      opened[key(path.concat(value))] = true;
      queue({ path: path.concat(value), value: blank(node.value) }, true);
    }));
    box.appendChild(adder);
    return box;
  }

  function button(label, title, action) {
    var b = el("button", "small", label);
    b.type = "button";
    if (title) b.title = title;
    b.addEventListener("click", action);
    return b;
  }

  // A new row: a group with its required fields, else an empty value of the type.
  function blank(node) {
    if (node.t === "ref") {
      var out = {};
      schema.defs[node.name].fields.forEach(function (f) { if (f.required) out[f.key] = blank(f.node); });
      return out;
    }
    if (node.t === "list") return [];
    if (node.t === "dict") return {};
    if (node.t === "bool") return false;
    if (node.t === "enum") return node.options[0][0];
    if (node.t === "int" || node.t === "number" || node.t === "value") return 0;
    return "";
  }

  function choice(node, path, value, f) {
    var select = el("select");
    var options = node.t === "bool" ? [[true, "是"], [false, "否"]] : node.options;
    var all = (f && f.required ? [] : [[null, "（缺省）"]]).concat(options);
    all.forEach(function (o, index) {
      var option = el("option", "", o[1]);
      option.value = String(index);
      if (o[0] === value || (o[0] === null && (value === undefined || value === null))) option.selected = true;
      select.appendChild(option);
    });
    select.addEventListener("change", function () { queue({ path: path, value: all[Number(select.value)][0] }); });
    return select;
  }

  function text(node, path, value, f) {
    var t = node.t, long = t === "para" || (typeof value === "string" && value.length > 40) || path[path.length - 1] === "text";
    var box = el(long ? "textarea" : "input");
    if (t === "date") box.type = "date";
    if (Array.isArray(value)) value = value.join("\n");
    box.value = value === undefined || value === null ? "" : String(value);
    if (long) box.rows = Math.min(12, Math.max(2, Math.ceil(box.value.length / 40) + box.value.split("\n").length - 1));
    if (t === "para") box.placeholder = "一段一行";
    var as = { int: "int", number: "number", value: "value", date: "date" }[t];
    box.addEventListener("input", function () {
      var v = box.value;
      if (t === "para") {
        var lines = v.split("\n").map(function (s) { return s.trim(); }).filter(function (s) { return s; });
        v = lines.length ? lines : null;
      } else if (!v.trim()) {
        v = f && f.required ? "" : null;
      }
      var edit = { path: path, value: v };
      if (as) edit.as = as;
      queue(edit);
      var name = path[path.length - 1];
      if (name === "title" || name === "heading") retitle(box, path, v);
    });
    return box;
  }

  function retitle(box, path, value) {
    var details = box.closest("details"), index = path[path.length - 2];
    if (details && details.getAttribute("data-path") === key(path.slice(0, -1)) && typeof index === "number") {
      details.firstChild.textContent = rowTitle({ title: value }, index);
    }
  }

  return {
    stale: function () { stale = true; },
    show: function () { if (stale) load(); },
    busy: function () { return flying || pending.length > 0; }
  };
};
