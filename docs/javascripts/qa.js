/* Site-wide script on top of Material. */
(function () {
  "use strict";

  /* Material's search overlay has role="dialog" but no name (axe: aria-dialog-name).
     The header is not replaced by instant navigation, so once is enough. */
  var search = document.querySelector('.md-search[role="dialog"]');
  if (search && !search.hasAttribute("aria-label")) {
    search.setAttribute("aria-label", "Search the site");
  }

  /* Where self-test progress is stored: the one place that names the keys (selftest.js
     uses QAStore too). One key for every page of a site, scoped as Material scopes its
     own storage: by the pathname of __md_scope, the site root (base_url, or extra.scope)
     resolved against the page Material first loaded. Two sites on one origin (GitHub
     Pages' /<repo>/ project sites) keep apart. This script runs once per load, before
     instant navigation can change the location, so the fallback (Material's config
     "base", relative to the page) resolves against the right page too. */
  var here = document.currentScript && document.currentScript.src;
  var siteRoot = (function () {
    try {
      return new URL(JSON.parse(document.getElementById("__config").textContent).base, location.href);
    } catch (e) {
      return new URL(here ? "../" : "./", here || location.href); // qa.js sits in <root>/javascripts/
    }
  })();
  var scope = window.__md_scope instanceof URL ? window.__md_scope : siteRoot;
  var rootPath = siteRoot.pathname.replace(/index\.html$/, "");

  var QAStore = (window.QAStore = {
    key: "qa-study:" + scope.pathname,
    // Where the SM-2 version (progress format 1) kept it: read once, converted, removed.
    legacyKey: "qa-study:progress:v1" + (rootPath === "/" ? "" : "@" + rootPath),
    /* The stored text under `key` (null: none), or throws when storage is blocked. */
    get: function (key) {
      return window.localStorage.getItem(key);
    },
    /* Store `text`; false when the browser refuses (private mode, full, blocked). */
    set: function (key, text) {
      try {
        window.localStorage.setItem(key, text);
        return true;
      } catch (e) {
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

  /* The self-test scripts (the FSRS library, srs.js, then selftest.js) are fetched only
     where they are needed: on the self-test page, and on a question page when progress is
     stored (to show "rated Good · due in 3 days"). Without progress, a question page keeps
     its static "not studied yet" line, and a first visit downloads none of them. */
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
})();
