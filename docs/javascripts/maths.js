/* Maths: arithmatex writes \(…\) into span.arithmatex and \[…\] into div.arithmatex;
   KaTeX (vendor/katex/) typesets them, fetched once, on the first page with maths.
   QA.typesetMaths(el) typesets maths added to a page later (the self-test's cards). */
(function () {
  "use strict";
  var QA = window.QA;
  var loading = false;

  function load() {
    loading = true;
    var css = document.createElement("link");
    css.rel = "stylesheet";
    css.href = QA.script("vendor/katex/katex.min.css");
    var script = document.createElement("script");
    script.src = QA.script("vendor/katex/katex.min.js");
    script.onload = function () {
      typeset(document); // the page shown now
    };
    document.body.appendChild(css); // not <head>: instant navigation swaps it for the next page's
    document.body.appendChild(script);
  }

  function typeset(root) {
    var maths = (root && root.querySelectorAll ? root : document).querySelectorAll(".arithmatex");
    if (!maths.length || !QA.script("")) return;
    if (!window.katex) {
      if (!loading) load();
      return;
    }
    Array.prototype.forEach.call(maths, function (el) {
      if (el.querySelector(".katex, .katex-error")) return; // done
      var tex = el.textContent.trim().replace(/^\\[([]/, "").replace(/\\[)\]]$/, "");
      window.katex.render(tex, el, { displayMode: el.tagName !== "SPAN", throwOnError: false });
    });
  }

  QA.typesetMaths = typeset;
  QA.onEveryPage(typeset);
})();
