/* editio web edition: the letters table of a correspondence (letters/index.html), sorted by any
   column (its header becomes a button) and filtered by a word. Without script the table is
   complete, in date order. Loaded by that page only. No network request, no dependency. */
(function () {
  "use strict";

  var each = function (selector, action, scope) { Array.prototype.forEach.call((scope || document).querySelectorAll(selector), action); };

  each("table[data-sortable]", function (table) {
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var key = function (row, column) {
      var cell = row.cells[column];
      return cell ? (cell.getAttribute("data-sort") || cell.textContent.trim().toLowerCase()) : "";
    };
    /* a data-sort value (an ISO date, "~" when undated) compares as written; words as a reader's language does */
    var compare = function (a, b, column) {
      if (rows[0] && rows[0].cells[column] && rows[0].cells[column].hasAttribute("data-sort")) {
        return a < b ? -1 : a > b ? 1 : 0;
      }
      return a.localeCompare(b, undefined, { numeric: true });
    };
    each("thead th", function (th, column) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sort";
      button.textContent = th.textContent;
      th.textContent = "";
      th.appendChild(button);
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        each("thead th", function (other) { other.removeAttribute("aria-sort"); }, table);
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        rows.sort(function (a, b) {
          var order = compare(key(a, column), key(b, column), column);
          return ascending ? order : -order;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    }, table);
    var label = document.createElement("label");
    label.className = "letters-filter";
    label.textContent = "Show letters containing ";
    var input = document.createElement("input");
    input.type = "search";
    var count = document.createElement("span");
    count.className = "count";
    count.setAttribute("aria-live", "polite");
    label.appendChild(input);
    label.appendChild(count);
    table.parentNode.insertBefore(label, table);
    input.addEventListener("input", function () {
      var words = input.value.toLowerCase().split(/\s+/).filter(Boolean), shownRows = 0;
      rows.forEach(function (row) {
        var text = row.textContent.toLowerCase();
        var match = words.every(function (word) { return text.indexOf(word) >= 0; });
        row.hidden = !match;
        if (match) { shownRows += 1; }
      });
      count.textContent = words.length ? " " + shownRows + " of " + rows.length : "";
    });
  });

})();
