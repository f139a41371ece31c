/* Search: a name for Material's search dialog, the 404 page's search button, and the
   answer opened where a search result's words are. */
(function () {
  "use strict";
  var QA = window.QA;

  /* Material's search overlay has role="dialog" but no name (axe: aria-dialog-name). The
     header is not replaced by instant navigation, so once is enough. */
  var dialog = document.querySelector('.md-search[role="dialog"]');
  if (dialog && !dialog.hasAttribute("aria-label")) dialog.setAttribute("aria-label", "Search the site");

  // The 404 page's button opens the search as the header's icon does.
  document.addEventListener("click", function (ev) {
    var target = ev.target.closest ? ev.target : ev.target.parentElement;
    var label = document.querySelector('.md-header label[for="__search"]');
    if (target.closest("[data-qa-search]") && label) label.click();
  });

  /* A search result's words (?h=): when one is in the answer and not in the question, open
     the answer, highlight them and scroll to the first. Material marks only visible text
     (after instant navigation, before the answer opens): CSS highlights here, which its
     later marks on a first load replace. */
  function openAtMatch() {
    var details = QA.answer();
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

  /* A range for each of the words in the text of `root`, its summary left out. */
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

  QA.onEveryPage(openAtMatch);
})();
