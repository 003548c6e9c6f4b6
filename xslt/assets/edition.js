/* editio web edition: small enhancements. The text, its notes and the reading switch work
   without this script; it adds the name cards, remembers the chosen reading, and offers a
   citation for each paragraph. No network request, no dependency. */
(function () {
  "use strict";

  var root = document.documentElement;

  /* The reading: the radio buttons drive the CSS; remember the choice across pages. */
  var READING_KEY = "editio-reading";
  function remember(value) { try { localStorage.setItem(READING_KEY, value); } catch (e) { /* file:// or private mode */ } }
  function remembered() { try { return localStorage.getItem(READING_KEY); } catch (e) { return null; } }
  var radios = document.querySelectorAll('input[name="reading"]');
  function applyReading(value) { root.setAttribute("data-reading", value); }
  Array.prototype.forEach.call(radios, function (radio) {
    if (radio.value === remembered()) { radio.checked = true; }
    if (radio.checked) { applyReading(radio.value); }
    radio.addEventListener("change", function () {
      if (radio.checked) { applyReading(radio.value); remember(radio.value); }
    });
  });

  /* Cards: a name's register card next to it while it is hovered or focused (Escape closes). */
  var open = null;
  var closing = null;
  function place(card, anchor) {
    var box = anchor.getBoundingClientRect();
    card.style.left = "0px";
    card.style.top = "0px";
    var width = card.offsetWidth;
    var left = Math.min(Math.max(8, box.left), document.documentElement.clientWidth - width - 8);
    card.style.left = (window.scrollX + left) + "px";
    card.style.top = (window.scrollY + box.bottom + 6) + "px";
  }
  function show(anchor) {
    var card = document.getElementById(anchor.getAttribute("data-card"));
    if (!card) { return; }
    clearTimeout(closing);
    if (open && open !== card) { open.hidden = true; }
    card.hidden = false;
    place(card, anchor);
    open = card;
  }
  function hide(now) {
    clearTimeout(closing);
    var card = open;
    if (!card) { return; }
    if (now) { card.hidden = true; open = null; return; }
    closing = setTimeout(function () { card.hidden = true; if (open === card) { open = null; } }, 200);
  }
  Array.prototype.forEach.call(document.querySelectorAll("[data-card]"), function (anchor) {
    anchor.addEventListener("mouseenter", function () { show(anchor); });
    anchor.addEventListener("mouseleave", function () { hide(false); });
    anchor.addEventListener("focus", function () { show(anchor); });
    anchor.addEventListener("blur", function () { hide(true); });
  });
  Array.prototype.forEach.call(document.querySelectorAll(".card"), function (card) {
    /* the pointer may move onto the card without it closing */
    card.addEventListener("mouseenter", function () { clearTimeout(closing); });
    card.addEventListener("mouseleave", function () { hide(false); });
  });

  /* Cite this paragraph: the paragraph number is its permalink; activating it also offers the
     citation of the paragraph, ready to copy. */
  var article = document.querySelector("article[data-cite]");
  var citeBox = null;
  function closeCite(returnFocus) {
    if (!citeBox) { return; }
    var from = citeBox.from;
    citeBox.remove();
    citeBox = null;
    if (returnFocus && from) { from.focus(); }
  }
  function button(label, action) {
    var b = document.createElement("button");
    b.type = "button";
    b.textContent = label;
    b.addEventListener("click", action);
    return b;
  }
  function offerCitation(link) {
    closeCite(false);
    var paragraph = link.parentElement;
    var text = article.getAttribute("data-cite") + ", ¶ " + link.textContent.trim() + ", " +
      article.getAttribute("data-url") + "#" + paragraph.id + ".";
    var box = document.createElement("div");
    box.className = "card cite-card";
    box.setAttribute("role", "dialog");
    box.setAttribute("aria-label", "Cite paragraph " + link.textContent.trim());
    var p = document.createElement("p");
    p.textContent = text;
    box.appendChild(p);
    var copy = button("Copy", function () {
      var done = function () { copy.textContent = "Copied"; };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(text).then(done, function () { selectText(p); });
      } else { selectText(p); }
    });
    box.appendChild(copy);
    box.appendChild(button("Close", function () { closeCite(true); }));
    box.from = link;
    document.body.appendChild(box);
    place(box, link);
    citeBox = box;
    copy.focus();
  }
  function selectText(node) {
    var range = document.createRange();
    range.selectNodeContents(node);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }
  if (article) {
    Array.prototype.forEach.call(article.querySelectorAll(".pnum"), function (link) {
      link.addEventListener("click", function () { offerCitation(link); });
    });
  }

  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { hide(true); closeCite(true); }
  });
})();
