/* Site-wide fixes on top of Material. Runs once: the header is not replaced by
   instant navigation, so nothing here needs document$.subscribe. */
(function () {
  "use strict";
  /* Material's search overlay has role="dialog" but no name (axe: aria-dialog-name). */
  var search = document.querySelector('.md-search[role="dialog"]');
  if (search && !search.hasAttribute("aria-label")) {
    search.setAttribute("aria-label", "Search the site");
  }
})();
