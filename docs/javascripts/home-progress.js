/* The home page: "studied" or "due" beside each question practised in the self-test, and
   a line of totals after the lists, from the stored progress (no script fetched for it);
   a big document's folded section opens when a link lands on it. */
(function () {
  "use strict";
  var QA = window.QA;
  var el = QA.el;

  function show() {
    var items = document.querySelectorAll("article .qa-questions li[data-qa-card]");
    if (!items.length) return;
    var cards = QA.store.cards();
    if (!cards) return;
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
      // after the folded section that holds the last list, if the document is big: on sight
      var last = lists[lists.length - 1];
      (last.closest("details.qa-section") || last).after(line);
    }
  }

  /* A big document's sections are folded (<details>); a link to a section (the table of
     contents, another page) opens the one it lands on. */
  function unfold() {
    var id = decodeURIComponent(location.hash.slice(1));
    var heading = id ? document.getElementById(id) : null;
    var next = heading ? heading.nextElementSibling : null;
    while (next && next.matches(".qa-intro")) next = next.nextElementSibling;
    if (next && next.matches("details.qa-section")) next.open = true;
  }

  QA.onEveryPage(show);
  QA.onEveryPage(unfold);
  window.addEventListener("hashchange", unfold);
})();
