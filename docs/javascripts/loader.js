/* The self-test's scripts are fetched only where they are needed: on the self-test page,
   and on a question page once progress is stored (its status line, "rated Good · due in
   3 days"). A first visit downloads none of them. */
(function () {
  "use strict";
  var QA = window.QA;
  // In the order they run: the scheduler library, its adapter (srs.js) and the reading of
  // stored progress (srs-read.js), then the self-test, whose app comes last and starts it.
  var SCRIPTS = [
    "vendor/ts-fsrs/ts-fsrs.min.js",
    "srs.js",
    "srs-read.js",
    "selftest/base.js",
    "selftest/flashcards.js",
    "selftest/keypoints.js",
    "selftest/quiz.js",
    "selftest/progress.js",
    "selftest/app.js",
  ];
  var requested = false;

  function load() {
    if (requested || !QA.script("")) return;
    requested = true;
    SCRIPTS.forEach(function (name) {
      var script = document.createElement("script");
      script.src = QA.script(name);
      script.async = false; // run in the order listed
      document.head.appendChild(script);
    });
  }

  QA.onEveryPage(function () {
    var selfTest = document.getElementById("qa-selftest");
    var status = document.querySelector(".qa-selftest-status[data-qa-card]");
    if (selfTest || (status && QA.store.any())) load();
  });
})();
