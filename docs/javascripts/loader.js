/* The self-test's scripts are fetched only where they are needed: on the self-test page,
   and on a question page once progress is stored (its status line, "rated Good · due in
   3 days"). A first visit downloads none of them. */
(function () {
  "use strict";
  var QA = window.QA;
  // One file, made at build time (macros/outputs/minify.py): the scheduler library, its
  // adapter (srs.js), the reading of stored progress (srs-read.js), then the self-test, whose
  // app comes last and starts it.
  var BUNDLE = "selftest.bundle.js";
  var requested = false;

  function load() {
    if (requested || !QA.script("")) return;
    requested = true;
    var script = document.createElement("script");
    script.src = QA.script(BUNDLE);
    document.head.appendChild(script);
  }

  QA.onEveryPage(function () {
    var selfTest = document.getElementById("qa-selftest");
    var status = document.querySelector(".qa-selftest-status[data-qa-card]");
    if (selfTest || (status && QA.store.any())) load();
  });
})();
