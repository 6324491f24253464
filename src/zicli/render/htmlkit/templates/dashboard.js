(function () {
  "use strict";
  var table = document.getElementById("units");
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var heads = Array.prototype.slice.call(table.tHead.rows[0].cells);
  var controls = document.getElementById("controls");
  var q = document.getElementById("q");
  var pred = document.getElementById("pred");
  var shown = document.getElementById("shown");
  controls.hidden = false;

  function count(n) {
    return shown.dataset.text.replace("{shown}", n).replace("{total}", rows.length);
  }

  function filter() {
    var text = q.value.trim().toLowerCase();
    var want = pred.value;
    var n = 0;
    rows.forEach(function (row) {
      var ok = (!want || row.dataset.pred === want) &&
        (!text || row.textContent.toLowerCase().indexOf(text) !== -1);
      row.hidden = !ok;
      if (ok) { n += 1; }
    });
    shown.textContent = count(n);
  }

  function key(row, column, kind) {
    if (kind === "period") { return row.dataset.period; }
    if (kind === "rank") { return parseFloat(row.dataset.rank); }
    var text = row.cells[column].textContent.trim();
    return kind === "num" ? parseFloat(text) : text;
  }

  function sortBy(th, column) {
    var kind = th.dataset.sort;
    var numeric = kind === "num" || kind === "rank";
    var dir = th.getAttribute("aria-sort") === "descending" ? 1 : -1;
    if (!th.hasAttribute("aria-sort")) { dir = numeric ? -1 : 1; }
    heads.forEach(function (c) { c.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", dir === 1 ? "ascending" : "descending");
    var keyed = rows.map(function (row) { return [key(row, column, kind), row]; });
    keyed.sort(function (a, b) {
      var c = numeric ? a[0] - b[0] : String(a[0]).localeCompare(String(b[0]), document.documentElement.lang);
      return c * dir;
    });
    rows = keyed.map(function (pair) { return pair[1]; });
    var fragment = document.createDocumentFragment();
    rows.forEach(function (row) { fragment.appendChild(row); });
    body.appendChild(fragment);
  }

  heads.forEach(function (th, column) {
    if (!th.dataset.sort) { return; }
    var button = document.createElement("button");
    button.type = "button";
    button.textContent = th.textContent;
    th.textContent = "";
    th.appendChild(button);
    button.addEventListener("click", function () { sortBy(th, column); });
  });
  q.addEventListener("input", filter);
  pred.addEventListener("change", filter);
  shown.textContent = count(rows.length);
}());
