// Live suggestions for every search box with data-suggest: asks /api/terms as you type and lists links.
// Without JavaScript the form still submits to /search. Text is set with textContent only.
(function () {
  "use strict";
  var DELAY = 150;

  // /api/terms rows: {id, ko, zh_hans, pinyin, match: {form, lang, kind}, ...}
  var FIELDS = { "ko": "ko", "zh-Hans": "zh_hans", "zh-Latn-pinyin": "pinyin" };
  function pref(r, lang) { return r[FIELDS[lang]] || ""; }

  function item(r, i, listId) {
    var li = document.createElement("li");
    li.setAttribute("role", "option");
    li.id = listId + "-" + i;
    var a = document.createElement("a");
    a.href = "/term/" + encodeURIComponent(r.id);
    a.tabIndex = -1;
    [["ko", "form-ko"], ["zh-Hans", "form-zh"], ["zh-Latn-pinyin", "form-pinyin"]].forEach(function (pair) {
      var text = pref(r, pair[0]);
      if (!text) { return; }
      var span = document.createElement("span");
      span.className = pair[1];
      span.lang = pair[0];
      span.textContent = text;
      a.appendChild(span);
    });
    var m = r.match || {};
    if (m.form) {
      var why = document.createElement("span");
      why.className = "why";
      why.textContent = (m.kind || "") + " · " + m.form;
      a.appendChild(why);
    }
    li.appendChild(a);
    return li;
  }

  function attach(input) {
    var list = document.getElementById(input.getAttribute("data-suggest"));
    if (!list) { return; }
    var timer = null, active = -1, seq = 0;
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-controls", list.id);
    input.setAttribute("aria-expanded", "false");

    function close() {
      list.hidden = true;
      list.textContent = "";
      active = -1;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
    }
    function select(i) {
      var items = list.querySelectorAll("li");
      if (!items.length) { return; }
      active = (i + items.length) % items.length;
      items.forEach(function (li, j) { li.setAttribute("aria-selected", j === active ? "true" : "false"); });
      input.setAttribute("aria-activedescendant", items[active].id);
    }
    function show(results) {
      list.textContent = "";
      results.forEach(function (r, i) { list.appendChild(item(r, i, list.id)); });
      list.hidden = results.length === 0;
      input.setAttribute("aria-expanded", results.length ? "true" : "false");
      active = -1;
    }
    function ask() {
      var q = input.value.trim();
      if (!q) { close(); return; }
      var mine = ++seq;
      fetch("/api/terms?limit=8&q=" + encodeURIComponent(q), { headers: { Accept: "application/json" } })
        .then(function (resp) { return resp.ok ? resp.json() : { results: [] }; })
        .then(function (data) { if (mine === seq) { show(data.results || []); } })
        .catch(close);
    }
    input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(ask, DELAY); });
    input.addEventListener("keydown", function (ev) {
      if (ev.key === "ArrowDown") { ev.preventDefault(); select(active + 1); }
      else if (ev.key === "ArrowUp") { ev.preventDefault(); select(active - 1); }
      else if (ev.key === "Escape") { close(); }
      else if (ev.key === "Enter" && active >= 0) {
        var link = list.querySelectorAll("li a")[active];
        if (link) { ev.preventDefault(); window.location.href = link.href; }
      }
    });
    input.addEventListener("blur", function () { setTimeout(close, 200); });
  }

  document.querySelectorAll("input[data-suggest]").forEach(attach);
})();
