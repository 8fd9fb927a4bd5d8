// The SPARQL page: runs the editor's query against /sparql (SPARQL 1.1 protocol, POST form) and draws the
// result table; download buttons fetch the same query in another result format. Cells are set with textContent.
(function () {
  "use strict";
  var form = document.getElementById("query-form");
  if (!form) { return; }
  var area = document.getElementById("query");
  var box = document.getElementById("results");
  var tableBox = document.getElementById("result-table");
  var errorBox = document.getElementById("query-error");
  var count = document.getElementById("result-count");
  var lastForm = "SELECT";

  function queryForm(text) {
    var body = text.replace(/#[^\n]*/g, " ").replace(/"[^"]*"|'[^']*'|<[^>\s]*>/g, " ");
    var m = body.match(/\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b/i);
    return m ? m[1].toUpperCase() : "SELECT";
  }

  function ask(accept) {
    return fetch("/sparql", {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Accept: accept },
      body: new URLSearchParams({ query: area.value })
    });
  }

  function cell(tag, text) {
    var el = document.createElement(tag);
    el.textContent = text;
    return el;
  }

  function showError(text) {
    errorBox.textContent = text;
    errorBox.hidden = false;
  }

  function termText(t) {
    if (!t) { return ""; }
    if (t.type === "uri") { return t.value; }
    if (t.type === "bnode") { return "_:" + t.value; }
    return t.value + (t["xml:lang"] ? "@" + t["xml:lang"] : "");
  }

  function drawSelect(data) {
    var vars = data.head.vars || [];
    var table = document.createElement("table");
    var head = document.createElement("tr");
    vars.forEach(function (v) { var th = cell("th", "?" + v); th.scope = "col"; head.appendChild(th); });
    table.appendChild(document.createElement("thead")).appendChild(head);
    var body = table.appendChild(document.createElement("tbody"));
    data.results.bindings.forEach(function (b) {
      var tr = document.createElement("tr");
      vars.forEach(function (v) {
        var td = cell("td", termText(b[v]));
        if (b[v] && b[v]["xml:lang"]) { td.lang = b[v]["xml:lang"]; }
        if (b[v] && b[v].type === "uri" && b[v].value.indexOf("/term/") > 0) {
          td.textContent = "";
          var a = cell("a", b[v].value);
          a.href = "/term/" + encodeURIComponent(b[v].value.split("/term/")[1].split("#")[0]);
          td.appendChild(a);
        }
        tr.appendChild(td);
      });
      body.appendChild(tr);
    });
    tableBox.appendChild(table);
    return data.results.bindings.length;
  }

  function run(ev) {
    if (ev) { ev.preventDefault(); }
    lastForm = queryForm(area.value);
    tableBox.textContent = "";
    errorBox.hidden = true;
    box.hidden = false;
    var graph = lastForm === "CONSTRUCT" || lastForm === "DESCRIBE";
    ask(graph ? "application/n-triples" : "application/sparql-results+json").then(function (resp) {
      return resp.text().then(function (text) {
        if (!resp.ok) { showError(resp.status + " " + text); return; }
        var n;
        if (graph) {
          var pre = cell("pre", text);
          tableBox.appendChild(pre);
          n = text.split("\n").filter(function (l) { return l.trim(); }).length;
        } else {
          var data = JSON.parse(text);
          if (typeof data.boolean === "boolean") { tableBox.appendChild(cell("p", String(data.boolean))); n = 1; }
          else { n = drawSelect(data); }
        }
        count.textContent = count.getAttribute("data-template").replace("{n}", n);
      });
    }).catch(function (err) { showError(String(err)); });
    document.querySelectorAll("#downloads button").forEach(function (b) {
      b.hidden = b.getAttribute("data-forms").indexOf(graph ? "graph" : "table") < 0;
    });
  }

  function download(btn) {
    ask(btn.getAttribute("data-accept")).then(function (resp) {
      if (!resp.ok) { return resp.text().then(showError); }
      return resp.blob().then(function (blob) {
        var a = document.createElement("a");
        a.href = URL.createObjectURL(blob);
        a.download = "tifa-results." + btn.getAttribute("data-ext");
        document.body.appendChild(a);
        a.click();
        setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
      });
    });
  }

  form.addEventListener("submit", run);
  area.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter" && (ev.ctrlKey || ev.metaKey)) { run(ev); }
  });
  document.querySelectorAll("#downloads button").forEach(function (btn) {
    btn.addEventListener("click", function () { download(btn); });
  });
})();
