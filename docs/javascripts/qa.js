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
    get: function (key) {
      return window.localStorage.getItem(key); // throws when storage is blocked
    },
    set: function (key, text) {
      try {
        window.localStorage.setItem(key, text);
        return true;
      } catch (e) {
        return false; // private mode, full or blocked
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
