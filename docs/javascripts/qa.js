/* Site-wide script on top of Material. */
(function () {
  "use strict";

  /* Material's search overlay has role="dialog" but no name (axe: aria-dialog-name).
     The header is not replaced by instant navigation, so once is enough. */
  var search = document.querySelector('.md-search[role="dialog"]');
  if (search && !search.hasAttribute("aria-label")) {
    search.setAttribute("aria-label", "Search the site");
  }

  /* The self-test scripts (srs.js, then selftest.js) are fetched only where they are
     needed: on the self-test page, and on a question page when progress is stored (to
     show "rated Good · due in 3 days"). Without progress, a question page keeps its
     static "not studied yet" line, and a first visit downloads neither script. */
  var PROGRESS_KEY = "qa-study:progress:v1"; // srs.js's QASrs.KEY
  var here = document.currentScript && document.currentScript.src;
  var requested = false;

  function progressStored() {
    try {
      return window.localStorage.getItem(PROGRESS_KEY) !== null;
    } catch (e) {
      return false; // storage blocked: nothing to show
    }
  }

  function loadSelfTest() {
    if (requested || !here) return;
    requested = true;
    ["srs.js", "selftest.js"].forEach(function (name) {
      var script = document.createElement("script");
      script.src = new URL(name, here).href;
      script.async = false; // run in order: selftest.js needs window.QASrs
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
