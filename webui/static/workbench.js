/* The SPARQL workbench: CodeMirror editor with prefix/term completion, example gallery, sortable results.
   Without the vendor files (CodeMirror), the page works as a plain form with a textarea. */
(function () {
  "use strict";
  var textarea = document.getElementById("query");
  var form = document.getElementById("query-form");
  var data = {prefixes: {}, terms: []};
  try { data = JSON.parse(document.getElementById("completions").textContent); } catch (e) { /* keep defaults */ }
  var editor = null;

  function prefixDeclaration(prefix) {
    return "PREFIX " + prefix + ": <" + data.prefixes[prefix] + ">";
  }

  function hint(cm) {
    var cursor = cm.getCursor();
    var line = cm.getLine(cursor.line);
    var start = cursor.ch;
    while (start > 0 && /[\w:\-]/.test(line.charAt(start - 1))) { start--; }
    var word = line.slice(start, cursor.ch);
    var before = line.slice(0, start);
    var list = [];
    if (/^\s*PREFIX\s*$/i.test(before)) {
      Object.keys(data.prefixes).forEach(function (p) {
        if (p.indexOf(word.replace(/:$/, "")) === 0) { list.push({text: p + ": <" + data.prefixes[p] + ">", displayText: p + ":"}); }
      });
    } else {
      data.terms.forEach(function (t) { if (t.toLowerCase().indexOf(word.toLowerCase()) === 0) { list.push(t); } });
      Object.keys(data.prefixes).forEach(function (p) {
        if ((p + ":").indexOf(word) === 0 && word.indexOf(":") < 0) { list.push({text: p + ":", displayText: p + ":  (" + data.prefixes[p] + ")"}); }
      });
    }
    return {list: list, from: CodeMirror.Pos(cursor.line, start), to: CodeMirror.Pos(cursor.line, cursor.ch)};
  }

  function addMissingPrefixes() {
    // Declare prefixes the query uses but does not declare, so completed terms run as typed.
    var text = editor ? editor.getValue() : textarea.value;
    var missing = [];
    Object.keys(data.prefixes).forEach(function (p) {
      var used = new RegExp("(^|[\\s(,;/^|])" + p + ":[A-Za-z_]").test(text.replace(/PREFIX[^\n]*/gi, ""));
      var declared = new RegExp("PREFIX\\s+" + p + ":", "i").test(text);
      if (used && !declared) { missing.push(prefixDeclaration(p)); }
    });
    if (missing.length) {
      text = missing.join("\n") + "\n" + text;
      if (editor) { editor.setValue(text); } else { textarea.value = text; }
    }
  }

  if (window.CodeMirror && textarea) {
    editor = CodeMirror.fromTextArea(textarea, {
      mode: "application/sparql-query", lineNumbers: true, indentUnit: 2, matchBrackets: true,
      extraKeys: {
        "Ctrl-Space": function (cm) { cm.showHint({hint: hint, completeSingle: false}); },
        "Ctrl-Enter": function () { addMissingPrefixes(); editor.save(); form.submit(); },
        "Cmd-Enter": function () { addMissingPrefixes(); editor.save(); form.submit(); },
        "Tab": false, "Shift-Tab": false
      }
    });
    editor.on("inputRead", function (cm, change) {
      if (change.text.length === 1 && /[A-Za-z:]/.test(change.text[0])) {
        var cur = cm.getCursor(), token = cm.getLine(cur.line).slice(0, cur.ch).match(/[\w\-]+:[\w\-]*$/);
        if (token) { cm.showHint({hint: hint, completeSingle: false}); }
      }
    });
    editor.getInputField().setAttribute("aria-label", "SPARQL query");
    document.body.classList.add("has-editor");
  }
  if (form) { form.addEventListener("submit", function () { addMissingPrefixes(); if (editor) { editor.save(); } }); }

  Array.prototype.forEach.call(document.querySelectorAll("a.example"), function (link) {
    link.addEventListener("click", function (event) {
      var source = document.getElementById("example-" + link.getAttribute("data-name"));
      if (!source) { return; }
      event.preventDefault();
      if (editor) { editor.setValue(source.value); editor.focus(); } else { textarea.value = source.value; textarea.focus(); }
    });
  });

  function cellKey(cell) {
    var text = cell.textContent.trim();
    var number = Number(text);
    return text !== "" && !isNaN(number) ? {n: number} : {s: text.toLowerCase()};
  }
  Array.prototype.forEach.call(document.querySelectorAll("table.sortable"), function (table) {
    var headers = table.querySelectorAll("thead th");
    Array.prototype.forEach.call(headers, function (th, index) {
      var button = th.querySelector("button");
      if (!button) { return; }
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(headers, function (h) { h.setAttribute("aria-sort", "none"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = cellKey(a.cells[index]), y = cellKey(b.cells[index]), order;
          if ("n" in x && "n" in y) { order = x.n - y.n; } else { order = String(x.s || x.n).localeCompare(String(y.s || y.n)); }
          return ascending ? order : -order;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  });
}());
