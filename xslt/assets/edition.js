/* editio web edition: small enhancements; the text, its notes, the reading switch and the
   "show" choices work without it. It remembers the reader's choices, adds the side-by-side
   reading, sets the notes beside the text on wide screens, and opens name cards and notes in
   place on a tap. No network request, no dependency. */
(function () {
  "use strict";

  var root = document.documentElement;
  var each = function (selector, action, scope) { Array.prototype.forEach.call((scope || document).querySelectorAll(selector), action); };
  function load(key) { try { return localStorage.getItem(key); } catch (e) { return null; } }
  function save(key, value) { try { localStorage.setItem(key, value); } catch (e) { /* file:// or private mode */ } }

  /* What the text marks (names by kind, emendations, page breaks, numbers), remembered. */
  var shown = {};
  try { shown = JSON.parse(load("editio-show") || "{}") || {}; } catch (e) { shown = {}; }
  each("input[data-show]", function (box) {
    var key = box.getAttribute("data-show");
    if (typeof shown[key] === "boolean") { box.checked = shown[key]; }
    box.addEventListener("change", function () { shown[key] = box.checked; save("editio-show", JSON.stringify(shown)); });
  });

  /* The reading: corrected, diplomatic, or both side by side (aligned by paragraph). */
  var text = document.querySelector(".tei-text");
  var switcher = document.querySelector(".reading-switch");
  function sideBySide(on) {
    if (!text) { return; }
    if (on && !text.querySelector(".parallel-row")) {
      var heads = document.createElement("div");
      heads.className = "parallel-heads";
      heads.setAttribute("aria-hidden", "true");
      heads.innerHTML = "<span>Corrected reading</span><span>Copy-text</span>";
      text.insertBefore(heads, text.firstChild);
      each(".tei-p, .tei-dateline, .tei-ab", function (block) {
        if (block.parentElement.closest(".tei-p, .tei-ab, .note, li")) { return; }
        var copy = block.cloneNode(true);
        copy.classList.add("reading-copy");
        copy.removeAttribute("id");
        each("[id]", function (node) { node.removeAttribute("id"); }, copy);
        each("[aria-describedby], [tabindex]", function (node) { node.removeAttribute("aria-describedby"); node.setAttribute("tabindex", "-1"); }, copy);
        copy.setAttribute("aria-label", "Copy-text");
        var row = document.createElement("div");
        row.className = "parallel-row";
        block.parentNode.insertBefore(row, block);
        row.appendChild(block);
        row.appendChild(copy);
      }, text);
    } else if (!on) {
      each(".parallel-heads, .reading-copy", function (node) { node.remove(); }, text);
      each(".parallel-row", function (row) { row.replaceWith.apply(row, row.childNodes); }, text);
    }
  }
  function applyReading(value) {
    root.setAttribute("data-reading", value);
    sideBySide(value === "both");
    placeSidenotes();
  }
  if (switcher) {
    var both = document.createElement("label");
    both.className = "reading-option";
    both.innerHTML = '<input type="radio" name="reading" id="reading-both" value="both"> Side by side';
    switcher.appendChild(both);
  }
  var stored = load("editio-reading");
  each('input[name="reading"]', function (radio) {
    if (radio.value === stored) { radio.checked = true; }
    radio.addEventListener("change", function () {
      if (radio.checked) { applyReading(radio.value); save("editio-reading", radio.value); }
    });
  });

  /* Notes beside the text where the margin has room; at the end otherwise (and without script). */
  var notesList = document.querySelector(".notes-list");
  var wide = window.matchMedia("(min-width: 75rem)");
  var margin = null;
  function noteRef(note) { return document.getElementById("noteref-" + note.id); }
  function placeSidenotes() {
    if (!notesList || !text) { return; }
    var use = wide.matches && root.getAttribute("data-reading") !== "both";
    if (use && !margin) {
      margin = document.createElement("ol");
      margin.className = "sidenotes";
      margin.setAttribute("aria-label", "Notes");
      text.appendChild(margin);
      each("li", function (note) {
        note.classList.add("sidenote");
        var number = document.createElement("span");
        number.className = "sidenote-number";
        number.setAttribute("aria-hidden", "true");
        number.textContent = note.getAttribute("value");
        note.insertBefore(number, note.firstChild);
        margin.appendChild(note);
      }, notesList);
      root.classList.add("has-sidenotes");
    } else if (!use && margin) {
      each("li", function (note) {
        note.classList.remove("sidenote");
        note.style.top = "";
        each(".sidenote-number", function (n) { n.remove(); }, note);
        notesList.appendChild(note);
      }, margin);
      margin.remove();
      margin = null;
      root.classList.remove("has-sidenotes");
    }
    if (!margin) { return; }
    var origin = text.getBoundingClientRect().top;
    var bottom = 0;
    each("li", function (note) {
      var ref = noteRef(note);
      var top = ref ? ref.getBoundingClientRect().top - origin - 4 : bottom;
      top = Math.max(top, bottom);
      note.style.top = top + "px";
      bottom = top + note.offsetHeight + 12;
    }, margin);
  }
  wide.addEventListener("change", placeSidenotes);
  window.addEventListener("resize", placeSidenotes);
  if (document.fonts && document.fonts.ready) { document.fonts.ready.then(placeSidenotes); }
  /* what the reader shows or hides re-wraps the text: the notes follow their references */
  if (window.ResizeObserver && text) { new ResizeObserver(function () { placeSidenotes(); }).observe(text); }

  /* Pop-ups: a name's card, a note, a citation. One at a time, placed under what opened it and
     kept inside the screen; Escape or a tap elsewhere closes it. */
  var open = null, closing = null, pointer = "mouse";
  document.addEventListener("pointerdown", function (event) { pointer = event.pointerType || "mouse"; }, true);
  function place(pop, anchor) {
    var box = anchor.getBoundingClientRect();
    pop.style.left = "0px";
    pop.style.top = "0px";
    var width = pop.offsetWidth, page = document.documentElement.clientWidth;
    var left = Math.min(Math.max(8, box.left), page - width - 8);
    pop.style.left = (window.scrollX + Math.max(8, left)) + "px";
    pop.style.top = (window.scrollY + box.bottom + 6) + "px";
  }
  function show(pop, anchor) {
    clearTimeout(closing);
    if (open && open !== pop) { close(false); }
    pop.hidden = false;
    place(pop, anchor);
    open = pop;
    open.from = anchor;
  }
  function close(returnFocus) {
    clearTimeout(closing);
    if (!open) { return; }
    var pop = open, from = open.from;
    open = null;
    if (pop.transient) { pop.remove(); } else { pop.hidden = true; }
    if (returnFocus && from) { from.focus(); }
  }
  function later() { clearTimeout(closing); closing = setTimeout(function () { close(false); }, 250); }
  function touched() { return pointer === "touch" || pointer === "pen"; }

  /* Name cards: hover and focus show them; a tap shows the card in place instead of leaving
     the page (its link leads on to the register). */
  each("[data-card]", function (anchor) {
    var card = document.getElementById(anchor.getAttribute("data-card"));
    if (!card) { return; }
    anchor.addEventListener("mouseenter", function () { if (!touched()) { show(card, anchor); } });
    anchor.addEventListener("mouseleave", function () { if (!touched()) { later(); } });
    anchor.addEventListener("focus", function () { if (!touched()) { show(card, anchor); } });
    anchor.addEventListener("blur", function () { if (!touched() && open === card) { later(); } });
    anchor.addEventListener("click", function (event) {
      if (touched() && !(open === card && open.from === anchor)) {
        event.preventDefault();
        show(card, anchor);
        var link = card.querySelector(".card-link a");
        if (link) { link.removeAttribute("tabindex"); }
      }
    });
  });
  each(".card", function (card) {
    card.addEventListener("mouseenter", function () { clearTimeout(closing); });
    card.addEventListener("mouseleave", function () { if (!touched()) { later(); } });
  });

  /* Notes: where they are not beside the text, a note reference opens the note in place. */
  function popup(label, content, anchor, extraClass) {
    var pop = document.createElement("div");
    pop.className = "card " + (extraClass || "");
    pop.setAttribute("role", "dialog");
    pop.setAttribute("aria-label", label);
    pop.transient = true;
    pop.appendChild(content);
    var shut = document.createElement("button");
    shut.type = "button";
    shut.textContent = "Close";
    shut.addEventListener("click", function () { close(true); });
    pop.appendChild(shut);
    document.body.appendChild(pop);
    show(pop, anchor);
    return pop;
  }
  each('a[role="doc-noteref"]', function (ref) {
    ref.addEventListener("click", function (event) {
      var note = document.getElementById(ref.getAttribute("href").slice(1));
      if (!note) { return; }
      event.preventDefault();
      if (margin) {
        each(".is-current", function (n) { n.classList.remove("is-current"); }, margin);
        note.classList.add("is-current");
        return;
      }
      var body = document.createElement("div");
      Array.prototype.forEach.call(note.childNodes, function (node) { body.appendChild(node.cloneNode(true)); });
      each("[id]", function (node) { node.removeAttribute("id"); }, body);
      popup(ref.getAttribute("aria-label") || "Note", body, ref, "note-pop").querySelector("button").focus();
    });
  });

  /* Emendations: their other reading stays inside the screen. */
  each(".choice", function (choice) {
    function fit() {
      var info = choice.querySelector(".choice-info");
      if (!info) { return; }
      info.style.left = "0px";
      var box = info.getBoundingClientRect(), page = document.documentElement.clientWidth;
      var shift = box.right > page - 8 ? page - 8 - box.right : 0;
      if (box.left + shift < 8) { shift = 8 - box.left; }
      info.style.left = shift + "px";
    }
    choice.addEventListener("mouseenter", fit);
    choice.addEventListener("focus", fit);
  });

  /* Cite this paragraph: its number is its permalink; activating it offers the citation. */
  var article = document.querySelector("article[data-cite]");
  function selectText(node) {
    var range = document.createRange();
    range.selectNodeContents(node);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }
  if (article) {
    each(".pnum", function (link) {
      link.addEventListener("click", function () {
        var paragraph = link.parentElement;
        var line = article.getAttribute("data-cite") + ", ¶ " + link.textContent.trim() + ", " +
          article.getAttribute("data-url") + "#" + paragraph.id + ".";
        var p = document.createElement("p");
        p.textContent = line;
        var pop = popup("Cite paragraph " + link.textContent.trim(), p, link, "cite-card");
        var copy = document.createElement("button");
        copy.type = "button";
        copy.textContent = "Copy";
        copy.addEventListener("click", function () {
          var done = function () { copy.textContent = "Copied"; };
          if (navigator.clipboard && window.isSecureContext) {
            navigator.clipboard.writeText(line).then(done, function () { selectText(p); });
          } else { selectText(p); }
        });
        pop.insertBefore(copy, pop.lastChild);
        copy.focus();
      });
    }, article);
  }

  document.addEventListener("click", function (event) {
    if (open && !open.contains(event.target) && !(open.from && open.from.contains(event.target))) { close(false); }
  });
  document.addEventListener("keydown", function (event) { if (event.key === "Escape") { close(true); } });

  var first = document.querySelector('input[name="reading"]:checked');
  applyReading(first ? first.value : "corrected");
})();
