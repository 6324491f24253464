(function () {
  "use strict";
  var table = document.getElementById("units");
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var controls = document.getElementById("controls");
  var q = document.getElementById("q");
  var pred = document.getElementById("pred");
  var shown = document.getElementById("shown");
  controls.hidden = false;

  function filter() {
    var text = q.value.trim().toLowerCase();
    var want = pred.value;
    var n = 0;
    rows.forEach(function (row) {
      var hay = (row.dataset.name + " " + row.dataset.instansi + " " + row.cells[2].textContent + " " + row.dataset.pack + " " + row.dataset.short).toLowerCase();
      var ok = (!text || hay.indexOf(text) !== -1) && (!want || row.dataset.pred === want);
      row.hidden = !ok;
      if (ok) { n += 1; }
    });
    shown.textContent = n + " dari " + rows.length + " unit";
  }

  function sortBy(th) {
    var key = th.dataset.key;
    var numeric = th.dataset.num === "1";
    var dir = th.getAttribute("aria-sort") === "descending" ? 1 : -1;
    if (!th.hasAttribute("aria-sort")) { dir = numeric ? -1 : 1; }
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (c) { c.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", dir === 1 ? "ascending" : "descending");
    rows.sort(function (a, b) {
      var x = a.dataset[key], y = b.dataset[key];
      var c = numeric ? parseFloat(x) - parseFloat(y) : x.localeCompare(y, "id");
      return c * dir;
    });
    rows.forEach(function (row) { body.appendChild(row); });
  }

  Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th) {
    if (!th.dataset.key) { return; }
    var button = document.createElement("button");
    button.type = "button";
    button.textContent = th.textContent;
    th.textContent = "";
    th.appendChild(button);
    button.addEventListener("click", function () { sortBy(th); });
  });
  q.addEventListener("input", filter);
  pred.addEventListener("change", filter);
  filter();
}());
