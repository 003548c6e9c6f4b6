/* The search page: runs the reader's query, in the browser, on the static index Pagefind made at
   build time (pagefind/ beside this page). The facets' choices are the index's own. Results are made
   of text nodes and <mark> elements only: an excerpt from the index is parsed inertly and never
   inserted as markup.

   Browsers refuse to let a page opened from a file (file://) read the index, so there the page says
   what to do instead of offering a box that cannot work. */
(function () {
  "use strict";

  const PAGE_SIZE = 20;
  const SECTIONS = 3;
  const UNAVAILABLE = "The search index could not be loaded: the edition was built without it, or the "
    + "server does not serve its folder pagefind/.";
  const form = document.querySelector(".search-form");
  if (!form) return;
  const status = document.querySelector(".search-status");
  const list = document.querySelector(".search-results");
  const more = document.querySelector(".search-more");
  const input = form.querySelector("input[name=q]");
  const selects = Array.from(form.querySelectorAll("select[data-facet]"));

  const say = (text) => { status.textContent = text; };

  if (location.protocol === "file:") {
    say("Search cannot run on a page opened from a file: browsers do not let it read the search index "
      + "from the disk. Open the edition from a web server (for example, run “editio serve”, or "
      + "“python3 -m http.server” in this folder, and open the address it gives). Every other page "
      + "works from the files as they are.");
    form.querySelectorAll("input, select, button").forEach((control) => { control.disabled = true; });
    return;
  }

  let loading = null;
  let shown = [];
  let next = 0;
  let latest = 0;

  // Pagefind's script and its index, loaded once, on first use.
  function load() {
    loading = loading || (async () => {
      const index = new URL(form.dataset.index, document.baseURI);
      const pagefind = await import(new URL("pagefind.js", index).href);
      // Results are addressed from the site's root, wherever the site is published.
      await pagefind.options({ basePath: index.pathname, baseUrl: new URL(".", document.baseURI).pathname });
      await pagefind.init();
      return pagefind;
    })();
    return loading;
  }

  function fillFacets(filters) {
    for (const select of selects) {
      const counts = filters[select.dataset.facet] || {};
      const values = Object.keys(counts).sort((a, b) => a.localeCompare(b, undefined, { numeric: true }));
      const chosen = new URLSearchParams(location.search).get(select.name) || "";
      for (const value of values) {
        const option = new Option(`${value} (${counts[value]})`, value, false, value === chosen);
        select.add(option);
      }
      select.closest("label").hidden = values.length < 2 && !chosen;
    }
  }

  function chosenFilters() {
    const filters = {};
    for (const select of selects) {
      if (select.value) filters[select.dataset.facet] = select.value;
    }
    return filters;
  }

  // The excerpt's text, with its <mark>s, as nodes: nothing else of it is kept.
  function excerptNodes(html) {
    const parsed = new DOMParser().parseFromString(`<p>${html}</p>`, "text/html").body;
    const nodes = [];
    parsed.firstChild.childNodes.forEach((node) => {
      if (node.nodeName === "MARK") {
        const mark = document.createElement("mark");
        mark.textContent = node.textContent;
        nodes.push(mark);
      } else {
        nodes.push(document.createTextNode(node.textContent));
      }
    });
    return nodes;
  }

  function item(data) {
    const entry = document.createElement("li");
    entry.className = "search-result";
    const title = document.createElement("a");
    title.href = data.url;
    title.className = "search-result-title";
    title.textContent = (data.meta && data.meta.title) || data.url;
    entry.append(title);
    if (data.meta && data.meta.date) {
      const date = document.createElement("span");
      date.className = "search-result-date";
      date.textContent = data.meta.date;
      entry.append(" ", date);
    }
    const excerpt = document.createElement("p");
    excerpt.className = "search-result-excerpt";
    excerpt.append(...excerptNodes(data.excerpt || ""));
    entry.append(excerpt);
    // In a long text, where the words are: the sections (headings with an id) that hold them.
    const places = (data.sub_results || [])
      .filter((place) => place.url !== data.url && place.excerpt !== data.excerpt).slice(0, SECTIONS);
    if (places.length) {
      const within = document.createElement("ul");
      within.className = "search-result-places";
      for (const place of places) {
        const line = document.createElement("li");
        const link = document.createElement("a");
        link.href = place.url;
        link.textContent = place.title;
        const words = document.createElement("span");
        words.append(...excerptNodes(place.excerpt || ""));
        line.append(link, " ", words);
        within.append(line);
      }
      entry.append(within);
    }
    return entry;
  }

  async function showMore(run) {
    const page = shown.slice(next, next + PAGE_SIZE);
    next += page.length;
    const data = await Promise.all(page.map((result) => result.data()));
    if (run !== latest) return;
    list.append(...data.map(item));
    more.hidden = next >= shown.length;
  }

  async function search() {
    const run = ++latest;
    const query = input.value.trim();
    const filters = chosenFilters();
    const url = new URL(location.href);
    url.search = new URLSearchParams(Object.entries({ q: query, ...filters }).filter(([, v]) => v)).toString();
    history.replaceState(null, "", url);
    list.replaceChildren();
    more.hidden = true;
    if (!query && !Object.keys(filters).length) {
      say("Type a word, or choose a year, a correspondent, a language or a kind of document.");
      return;
    }
    say("Searching…");
    let found;
    try {
      found = await (await load()).search(query || null, { filters });
    } catch (error) {
      say(UNAVAILABLE);
      return;
    }
    if (run !== latest) return;
    shown = found.results;
    next = 0;
    say(shown.length === 0 ? "Nothing found." : `${shown.length} ${shown.length === 1 ? "text" : "texts"} found.`);
    await showMore(run);
  }

  async function start() {
    const asked = new URLSearchParams(location.search);
    input.value = asked.get("q") || "";
    let typing = null;
    input.addEventListener("input", () => { clearTimeout(typing); typing = setTimeout(search, 250); });
    selects.forEach((select) => select.addEventListener("change", search));
    form.addEventListener("submit", (event) => { event.preventDefault(); search(); });
    more.querySelector("button").addEventListener("click", () => showMore(latest));
    try {
      fillFacets(await (await load()).filters());
    } catch (error) {
      say(UNAVAILABLE);
      return;
    }
    form.dataset.ready = "true";
    await search();
  }

  start();
})();
