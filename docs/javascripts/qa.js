/* Site-wide script on top of Material. */
(function () {
  "use strict";

  /* Material's search overlay has role="dialog" but no name (axe: aria-dialog-name).
     The header is not replaced by instant navigation, so once is enough. */
  var search = document.querySelector('.md-search[role="dialog"]');
  if (search && !search.hasAttribute("aria-label")) {
    search.setAttribute("aria-label", "Search the site");
  }

  /* Self-test progress: the one place that names its storage keys (selftest.js uses
     QAStore). One key per site, scoped as Material scopes its own storage: by the path of
     __md_scope, the site root resolved against the page first loaded (this script runs
     once per load), so two sites on one origin keep apart. */
  var here = document.currentScript && document.currentScript.src;
  var siteRoot;
  try {
    siteRoot = new URL(JSON.parse(document.getElementById("__config").textContent).base, location.href);
  } catch (e) {
    siteRoot = new URL(here ? "../" : "./", here || location.href); // qa.js is <root>/javascripts/qa.js
  }
  var scope = window.__md_scope instanceof URL ? window.__md_scope : siteRoot;
  var rootPath = siteRoot.pathname.replace(/index\.html$/, "");

  var QAStore = (window.QAStore = {
    key: "qa-study:" + scope.pathname,
    // The SM-2 version's key (format 1): read once, converted, removed.
    legacyKey: "qa-study:progress:v1" + (rootPath === "/" ? "" : "@" + rootPath),
    // A copy of stored progress that could not be read, kept before anything replaces it.
    backupKey: "qa-study:" + scope.pathname + ":backup",
    full: false, // whether the last refused set() was for want of room (else storage is blocked)
    get: function (key) {
      return window.localStorage.getItem(key); // throws when storage is blocked
    },
    /* true once stored; false when refused (private mode, full or blocked), and then the
       value stored before is still there: setItem replaces it only when it succeeds. */
    set: function (key, text) {
      try {
        window.localStorage.setItem(key, text);
        return true;
      } catch (e) {
        QAStore.full = /quota/i.test(e.name) || e.code === 22; // QuotaExceededError; older Firefox: NS_ERROR_DOM_QUOTA_REACHED
        return false;
      }
    },
    remove: function (key) {
      try {
        window.localStorage.removeItem(key);
      } catch (e) {
        /* blocked: nothing stored either */
      }
    },
  });

  /* The self-test scripts (the FSRS library, srs.js, selftest.js) are fetched only where
     needed: on the self-test page, and on a question page when progress is stored (to show
     "rated Good · due in 3 days"). A first visit downloads none of them. */
  var requested = false;

  function progressStored() {
    try {
      return QAStore.get(QAStore.key) !== null || QAStore.get(QAStore.legacyKey) !== null;
    } catch (e) {
      return false; // storage blocked: nothing to show
    }
  }

  function loadSelfTest() {
    if (requested || !here) return;
    requested = true;
    ["vendor/ts-fsrs/ts-fsrs.min.js", "srs.js", "selftest.js"].forEach(function (name) {
      var script = document.createElement("script");
      script.src = new URL(name, here).href;
      script.async = false; // run in order: srs.js needs window.FSRS, selftest.js window.QASrs
      document.head.appendChild(script);
    });
  }

  function onPage() {
    var selfTest = document.getElementById("qa-selftest");
    var status = document.querySelector(".qa-selftest-status[data-qa-card]");
    if (selfTest || (status && progressStored())) loadSelfTest();
  }

  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(onPage);
  else onPage();

  /* Maths (arithmatex: \(…\) in span.arithmatex, \[…\] in div.arithmatex), typeset by
     vendor/katex/, fetched once on the first page with maths. QATypesetMaths(el): maths added later. */
  var typesetMaths = (window.QATypesetMaths = function (root) {
    var maths = (root && root.querySelectorAll ? root : document).querySelectorAll(".arithmatex");
    if (!maths.length || !here) return;
    if (!window.katex) {
      if (typesetMaths.loading) return;
      typesetMaths.loading = true;
      var css = document.createElement("link");
      css.rel = "stylesheet";
      css.href = new URL("vendor/katex/katex.min.css", here).href;
      var script = document.createElement("script");
      script.src = new URL("vendor/katex/katex.min.js", here).href;
      script.onload = function () {
        typesetMaths(document); // the page shown now
      };
      document.body.appendChild(css); // not <head>: instant navigation swaps it for the next page's
      document.body.appendChild(script);
      return;
    }
    Array.prototype.forEach.call(maths, function (el) {
      if (el.querySelector(".katex, .katex-error")) return; // done
      var tex = el.textContent.trim().replace(/^\\[([]/, "").replace(/\\[)\]]$/, "");
      window.katex.render(tex, el, { displayMode: el.tagName !== "SPAN", throwOnError: false });
    });
  });
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(typesetMaths);
  else typesetMaths(document);
})();

/* Study aids, each a function of its own, run on every page (document$): keys, the answer
   opened at a search match, definitions, the glossary filter, home progress. */
(function () {
  "use strict";

  function el(tag, attrs, kids) {
    var node = document.createElement(tag);
    for (var k in attrs || {}) node.setAttribute(k, attrs[k]);
    (kids || []).forEach(function (kid) {
      node.append(kid);
    });
    return node;
  }

  function answer() {
    return document.querySelector("article details#answer");
  }

  /* ------------------------------------------------------------------ keys */

  var KEYS = [
    ["On a question page", [["A", "show or hide the answer"], ["N", "next question"], ["P", "previous question"]]],
    ["In the self-test's flashcards", [["Space", "show the answer"], ["1–4", "Again, Hard, Good, Easy"], ["U", "undo the last rating"]]],
    ["Anywhere", [["/", "search (also S or F)"], ["?", "this list of keys"], ["Esc", "close it, or the search"]]],
  ];
  var sheet = null;
  var before = null; // what had focus before the sheet opened

  function keySheet() {
    if (sheet) return sheet;
    var close = el("button", { type: "button", class: "qa-keys__close" }, ["Close"]);
    var groups = KEYS.map(function (group) {
      return el("section", {}, [
        el("h3", {}, [group[0]]),
        el("dl", {}, group[1].flatMap(function (k) {
          return [el("dt", {}, [el("kbd", {}, [k[0]])]), el("dd", {}, [k[1]])];
        })),
      ]);
    });
    sheet = el("dialog", { class: "qa-keys md-typeset", "aria-labelledby": "qa-keys-title" },
      [el("h2", { id: "qa-keys-title" }, ["Keyboard shortcuts"])].concat(groups, [close]));
    close.addEventListener("click", function () {
      sheet.close();
    });
    // Keys stay in the sheet (N would leave the page behind it); Tab goes round in it.
    sheet.addEventListener("keydown", function (ev) {
      ev.stopPropagation();
      if (ev.key === "?") sheet.close();
      if (ev.key !== "Tab") return;
      var stops = sheet.querySelectorAll("button, a[href]");
      var at = Array.prototype.indexOf.call(stops, document.activeElement);
      ev.preventDefault();
      stops[(at + (ev.shiftKey ? stops.length - 1 : 1)) % stops.length].focus();
    });
    sheet.addEventListener("click", function (ev) {
      if (ev.target === sheet) sheet.close(); // the backdrop
    });
    sheet.addEventListener("close", function () {
      if (before && before.isConnected) before.focus();
      before = null;
    });
    document.body.append(sheet);
    return sheet;
  }

  function showKeys() {
    var dialog = keySheet();
    if (dialog.open) return;
    before = document.activeElement;
    dialog.showModal();
    dialog.querySelector(".qa-keys__close").focus();
  }

  function toggleAnswer() {
    var details = answer();
    if (!details) return false;
    details.open = !details.open;
    var summary = details.querySelector("summary");
    if (document.activeElement === document.body || !document.activeElement) summary.focus({ preventScroll: true });
    summary.scrollIntoView({ block: "nearest" });
    return true;
  }

  /* Material's keyboard$: no keys while typing in a field, "search" mode while searching. */
  function watchKeys() {
    if (!window.keyboard$ || typeof window.keyboard$.subscribe !== "function") return;
    window.keyboard$.subscribe(function (key) {
      if (key.mode !== "global") return;
      if (key.type === "?") {
        key.claim();
        showKeys();
      } else if ((key.type === "a" || key.type === "A") && toggleAnswer()) {
        key.claim();
      }
    });
  }

  /* ------------------------------------------------------------------ search matches */

  /* A search result's words (?h=): when one is in the answer and not in the question, open
     the answer, highlight them and scroll to the first. Material marks only visible text
     (after instant navigation, before the answer opens): CSS highlights here, which its
     later marks on a first load replace. */
  function openAtMatch() {
    var details = answer();
    var query = new URL(location.href).searchParams.get("h");
    if (window.CSS && CSS.highlights) CSS.highlights.delete("qa-match");
    if (!details || !query) return;
    var words = query.toLowerCase().split(/\s+/).filter(Boolean);
    var question = [document.querySelector("article h1"), document.querySelector("article .qa-body")]
      .map(function (node) {
        return node ? node.textContent.toLowerCase() : "";
      })
      .join(" ");
    var part = details.cloneNode(true);
    part.querySelectorAll("summary, .qa-key-terms").forEach(function (node) {
      node.remove();
    });
    var text = part.textContent.toLowerCase();
    var found = words.filter(function (word) {
      return text.indexOf(word) >= 0 && question.indexOf(word) < 0;
    });
    if (!found.length) return;
    details.open = true;
    var ranges = matches(details, words);
    if (window.Highlight && window.CSS && CSS.highlights) {
      var highlight = new Highlight();
      ranges.forEach(function (range) {
        highlight.add(range);
      });
      CSS.highlights.set("qa-match", highlight);
    }
    setTimeout(function () {
      // after instant navigation has scrolled the new page
      var first = details.querySelector("mark[data-md-highlight]") || ranges[0];
      if (!first) return;
      var box = first.getBoundingClientRect();
      window.scrollBy(0, box.top - window.innerHeight / 2);
    }, 0);
  }

  function matches(root, words) {
    var pattern = new RegExp(words.map(function (w) {
      return w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    }).join("|"), "gi");
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    var ranges = [];
    for (var node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.parentElement.closest("summary")) continue;
      var match;
      pattern.lastIndex = 0;
      while ((match = pattern.exec(node.nodeValue))) {
        var range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        ranges.push(range);
      }
    }
    return ranges;
  }

  /* ------------------------------------------------------------------ definitions */

  /* A glossary link's definition in a box of body-text size above the term (below it under
     the header): hover, focus, or a tap, which adds a link to the entry (a second tap
     follows the term). overrides/main.html moves the title to data-qa-def first. */
  var tip = null;
  var tipFor = null;
  var tipTapped = false;
  var pointer = "mouse"; // what the reader last used: "mouse", "touch", "pen" or "key"
  var hideTimer = 0;

  function definition(link) {
    var value = link.getAttribute("data-qa-def") || link.getAttribute("title") || "";
    // escaped HTML (Material shows a title as HTML): read as text, never as markup
    return new DOMParser().parseFromString(value, "text/html").documentElement.textContent;
  }

  function showTip(link, tapped) {
    clearTimeout(hideTimer);
    if (!tip) {
      tip = el("div", { class: "qa-tip md-typeset", id: "qa-tip" });
      tip.addEventListener("mouseenter", function () {
        clearTimeout(hideTimer);
      });
      tip.addEventListener("mouseleave", function () {
        hideTip(250);
      });
    }
    var landmark = link.closest("main") || document.body; // content stays in a landmark
    if (tip.parentNode !== landmark) landmark.append(tip);
    if (tipFor && tipFor !== link) tipFor.removeAttribute("aria-describedby");
    tipFor = link;
    tipTapped = tapped;
    var kids = [el("p", {}, [definition(link)])];
    if (tapped) kids.push(el("p", { class: "qa-tip__more" }, [el("a", { href: link.href }, ["Open the glossary entry"])]));
    tip.replaceChildren.apply(tip, kids);
    tip.setAttribute("role", tapped ? "dialog" : "tooltip");
    if (tapped) tip.setAttribute("aria-label", link.textContent);
    else tip.removeAttribute("aria-label");
    link.setAttribute("aria-describedby", "qa-tip");
    place(link);
    tip.classList.add("qa-tip--active");
  }

  function place(link) {
    var lines = link.getClientRects();
    var top = lines[0];
    var bottom = lines[lines.length - 1];
    var header = document.querySelector(".md-header");
    var ceiling = header ? header.getBoundingClientRect().bottom : 0;
    tip.style.left = "0px";
    tip.style.top = "0px";
    var size = tip.getBoundingClientRect(); // measured away from the edge
    var gap = 6;
    var below = top.top - size.height - gap < ceiling + 4;
    var y = below ? bottom.bottom + gap : top.top - size.height - gap;
    var width = document.documentElement.clientWidth;
    var x = Math.min(Math.max(8, top.left + top.width / 2 - size.width / 2), width - size.width - 8);
    var origin = (tip.offsetParent || document.body).getBoundingClientRect();
    tip.classList.toggle("qa-tip--below", below);
    tip.style.left = Math.round(x - origin.left) + "px";
    tip.style.top = Math.round(y - origin.top) + "px";
  }

  function hideTip(delay) {
    clearTimeout(hideTimer);
    hideTimer = setTimeout(function () {
      if (!tip) return;
      tip.classList.remove("qa-tip--active");
      if (tipFor) tipFor.removeAttribute("aria-describedby");
      tipFor = null;
      tipTapped = false;
    }, delay || 0);
  }

  function touching() {
    return pointer === "touch" || pointer === "pen";
  }

  function term(target) {
    return target && target.closest ? target.closest("a.qa-term") : null;
  }

  function watchTerms() {
    document.addEventListener("pointerdown", function (ev) {
      pointer = ev.pointerType || "mouse";
      if (tip && tipTapped && !tip.contains(ev.target) && !term(ev.target)) hideTip();
    }, true);
    document.addEventListener("pointermove", function (ev) {
      if (ev.pointerType === "mouse") pointer = "mouse";
    }, true);
    document.addEventListener("mouseover", function (ev) {
      var link = term(ev.target);
      if (link && link !== tipFor && !touching()) showTip(link, false);
    });
    document.addEventListener("mouseout", function (ev) {
      var link = term(ev.target);
      if (link && link === tipFor && !tipTapped && !link.contains(ev.relatedTarget)) hideTip(250);
    });
    document.addEventListener("focusin", function (ev) {
      var link = term(ev.target);
      if (link && !touching()) showTip(link, false);
    });
    document.addEventListener("focusout", function (ev) {
      if (term(ev.target) && !tipTapped) hideTip(100);
    });
    document.addEventListener("keydown", function (ev) {
      if (ev.key === "Escape" && tip && tip.classList.contains("qa-tip--active")) hideTip();
      pointer = "key";
    }, true);
    document.addEventListener("click", function (ev) {
      var link = term(ev.target);
      if (!link || !touching()) return;
      if (link === tipFor && tipTapped) return;
      ev.preventDefault();
      ev.stopPropagation(); // before instant navigation sees it
      showTip(link, true);
    }, true);
    window.addEventListener("resize", function () {
      hideTip();
    });
  }

  /* ------------------------------------------------------------------ glossary filter */

  function words(text) {
    return " " + text.toLowerCase().replace(/[\s\-‐‑_/]+/g, " ").trim() + " ";
  }

  function glossaryFilter() {
    var bar = document.querySelector("article nav.qa-az");
    var input = document.getElementById("qa-filter");
    var count = document.getElementById("qa-filter-count");
    if (!bar || !input || !count) return;
    var entries = Array.prototype.map.call(document.querySelectorAll("article h3[id]"), function (heading) {
      var parts = [heading];
      for (var next = heading.nextElementSibling; next && !/^H[1-3]$/.test(next.tagName); next = next.nextElementSibling) {
        parts.push(next);
      }
      var facts = parts.filter(function (p) {
        return p.classList.contains("qa-facts");
      })[0];
      var also = facts && facts.querySelector(".qa-also");
      var said = parts.filter(function (p) {
        return p.tagName === "P";
      });
      return {
        parts: parts,
        names: words(heading.textContent.replace(/¶$/, "") + " " + (also ? also.textContent.replace(/^Also:/, "") : "")),
        text: words(said.map(function (p) { return p.textContent; }).join(" ")),
      };
    });
    var letters = Array.prototype.slice.call(document.querySelectorAll("article h2[id^='letter-']"));
    function apply() {
      var query = words(input.value).trim();
      var byName = entries.filter(function (e) {
        return e.names.indexOf(" " + query) >= 0;
      });
      var shown = query && !byName.length ? entries.filter(function (e) {
        return e.text.indexOf(query) >= 0;
      }) : byName;
      entries.forEach(function (e) {
        var hide = shown.indexOf(e) < 0;
        e.parts.forEach(function (p) {
          p.hidden = hide;
        });
      });
      letters.forEach(function (heading) {
        var any = false;
        for (var next = heading.nextElementSibling; next && next.tagName !== "H2"; next = next.nextElementSibling) {
          if (next.tagName === "H3" && !next.hidden) any = true;
        }
        heading.hidden = !any;
        var link = bar.querySelector('a[href$="#' + heading.id + '"]'); // made absolute by Material
        if (!link) return;
        link.classList.toggle("qa-az--off", !any);
        if (any) {
          link.removeAttribute("aria-disabled");
          link.removeAttribute("tabindex");
        } else {
          link.setAttribute("aria-disabled", "true");
          link.setAttribute("tabindex", "-1");
        }
      });
      if (!query) count.textContent = "";
      else if (byName.length) count.textContent = shown.length + " of " + entries.length + " terms";
      else if (shown.length) count.textContent = "No term is named “" + input.value.trim() + "”: " + (shown.length === 1 ? "1 entry mentions" : shown.length + " entries mention") + " it.";
      else count.textContent = "No term matches. Search the site with /.";
    }

    input.addEventListener("input", apply);
    bar.addEventListener("click", function (ev) { // a letter with no term left goes nowhere
      var link = ev.target.closest("a");
      if (link && link.getAttribute("aria-disabled") === "true") {
        ev.preventDefault();
        ev.stopPropagation();
      }
    }, true);
    if (input.value) apply(); // kept by the browser on a reload
  }

  /* ------------------------------------------------------------------ home progress */

  /* Studied or due beside each question of the home page, from QAStore; no script fetched. */
  function homeProgress() {
    var items = document.querySelectorAll("article .qa-questions li[data-qa-card]");
    var Q = window.QAStore;
    if (!items.length || !Q) return;
    var cards;
    try {
      var raw = Q.get(Q.key);
      if (raw === null) raw = Q.get(Q.legacyKey);
      cards = raw === null ? null : JSON.parse(raw).cards;
    } catch (e) {
      cards = null; // blocked or unreadable: the self-test page says why
    }
    if (!cards || typeof cards !== "object") return;
    var now = Date.now();
    var studied = 0;
    var due = 0;
    items.forEach(function (item) {
      var card = cards[item.getAttribute("data-qa-card")];
      var old = item.querySelector(".qa-progress");
      if (old) old.remove();
      if (!card || !(card.rating || card.r) || typeof card.due !== "number") return;
      var isDue = card.due <= now;
      studied += 1;
      if (isDue) due += 1;
      item.append(" ", el("span", { class: "qa-progress" + (isDue ? " qa-progress--due" : "") }, [isDue ? "due" : "studied"]));
    });
    // after the lists: the questions do not move
    var lists = document.querySelectorAll("article ol.qa-questions");
    var practise = document.querySelector("article .qa-study-links a[href*='self-test']");
    if (lists.length && studied && !document.querySelector(".qa-progress-summary")) {
      var line = el("p", { class: "qa-progress-summary" }, ["Your progress: " + studied + " studied, " + due + " due now."]);
      if (practise) line.append(" ", el("a", { href: practise.href }, ["Practise in the self-test"]));
      lists[lists.length - 1].after(line);
    }
  }

  /* ------------------------------------------------------------------ a followed fragment */

  /* A followed link lands on its fragment. Material's instant navigation pushes the new
     address (state null), fetches the page, then scrolls to the fragment unless the entry
     has a state by then (a back or forward visit, whose offset it restores). Its
     navigation.tracking updates the address 250 ms after the last scroll, writing a state
     and dropping the fragment when no heading of the old page is active: when that lands
     between the push and the fetched page, the page opens at its top; when it lands as the
     old page is taken down, the address alone loses its fragment. A tap that follows a
     scroll on a phone hit one or the other most times. The link followed is remembered
     here, and when its page has come in, a lost fragment or position is put right before
     the page is painted. */
  var followed = null;

  function watchFollowedLinks() {
    document.addEventListener("click", function (ev) {
      var link = ev.target.closest ? ev.target.closest("a[href*='#']") : null;
      // Material took the click (and pushed the address) when the default is prevented
      followed = ev.defaultPrevented && link && link.hash && link.href === location.href ? link.href : null;
    });
    window.addEventListener("popstate", function () {
      // a fragment navigation (Material's own scroll to it) fires popstate too
      if (location.href !== followed) followed = null;
    });
  }

  function landOnFollowedFragment() {
    var url = followed ? new URL(followed) : null;
    followed = null;
    if (!url || url.pathname !== location.pathname) return;
    var target = document.getElementById(decodeURIComponent(url.hash.slice(1)));
    if (!target) return;
    var top = target.getBoundingClientRect().top;
    if (top >= 0 && top < window.innerHeight) {
      // in view, and only the address lost its fragment: it gets it back
      if (location.hash !== url.hash) history.replaceState(history.state, "", url.href);
      return;
    }
    history.replaceState(null, "", url.href);
    // as Material scrolls to a fragment: the browser's own fragment navigation, which
    // honours scroll-margin and :target, replacing this entry (the address is the same)
    var jump = el("a", { href: url.hash });
    jump.addEventListener("click", function (ev) {
      ev.stopPropagation();
    });
    history.scrollRestoration = "auto";
    jump.click();
    history.scrollRestoration = "manual";
  }

  /* ------------------------------------------------------------------ every page */

  function onStudyPage() {
    landOnFollowedFragment();
    hideTip();
    if (sheet && sheet.open) sheet.close();
    openAtMatch();
    glossaryFilter();
    homeProgress();
  }

  watchKeys();
  watchTerms();
  watchFollowedLinks();
  // Buttons: the list of keys; the search (404 page), opened as the header's icon does.
  document.addEventListener("click", function (ev) {
    var target = ev.target.closest ? ev.target : ev.target.parentElement;
    var label = document.querySelector('.md-header label[for="__search"]');
    if (target.closest("[data-qa-keys]")) showKeys();
    else if (target.closest("[data-qa-search]") && label) label.click();
  });
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(onStudyPage);
  else onStudyPage();
})();
