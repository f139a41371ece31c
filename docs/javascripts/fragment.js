/* A followed link lands on its fragment.

   Material's instant navigation pushes the new address (state null), fetches the page,
   then scrolls to the fragment unless the entry has a state by then (a back or forward
   visit, whose offset it restores). Its navigation.tracking rewrites the address shortly
   after the last scroll, with a state and without the fragment when no heading of the old
   page is active. When that rewrite falls between the push and the fetched page, the page
   opens at its top; when it falls as the old page is taken down, the address alone loses
   its fragment. So the link followed is remembered here, and when its page has come in, a
   lost fragment or position is put right before the page is painted. */
(function () {
  "use strict";
  var QA = window.QA;
  var followed = null;

  document.addEventListener("click", function (ev) {
    var link = ev.target.closest ? ev.target.closest("a[href*='#']") : null;
    // Material took the click (and pushed the address) when the default is prevented
    followed = ev.defaultPrevented && link && link.hash && link.href === location.href ? link.href : null;
  });
  window.addEventListener("popstate", function () {
    // a fragment navigation (Material's own scroll to it) fires popstate too
    if (location.href !== followed) followed = null;
  });

  function land() {
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
    var jump = QA.el("a", { href: url.hash });
    jump.addEventListener("click", function (ev) {
      ev.stopPropagation();
    });
    history.scrollRestoration = "auto";
    jump.click();
    history.scrollRestoration = "manual";
  }

  QA.onEveryPage(land);
})();
