/* A glossary link's definition in a box of body-text size above the term (below it under
   the header): on hover, on focus, or on a tap, which adds a link to the entry (a second
   tap follows the term). overrides/main.html moves the link's title to data-qa-def first,
   so that neither Material's small tooltip nor the browser's shows it as well. */
(function () {
  "use strict";
  var QA = window.QA;
  var el = QA.el;
  var tip = null;
  var tipFor = null;
  var tipTapped = false;
  var pointer = "mouse"; // what the reader last used: "mouse", "touch", "pen" or "key"
  var hideTimer = 0;

  function definition(link) {
    var value = link.getAttribute("data-qa-def") || link.getAttribute("title") || "";
    // escaped HTML (Material shows a title as HTML): read as text, never as markup
    return new DOMParser().parseFromString(value, "text/html").documentElement.textContent;
  }

  function show(link, tapped) {
    clearTimeout(hideTimer);
    if (!tip) {
      tip = el("div", { class: "qa-tip md-typeset", id: "qa-tip" });
      tip.addEventListener("mouseenter", function () {
        clearTimeout(hideTimer);
      });
      tip.addEventListener("mouseleave", function () {
        hide(250);
      });
    }
    var landmark = link.closest("main") || document.body; // content stays in a landmark
    if (tip.parentNode !== landmark) landmark.append(tip);
    if (tipFor && tipFor !== link) tipFor.removeAttribute("aria-describedby");
    tipFor = link;
    tipTapped = tapped;
    var kids = [el("p", {}, [definition(link)])];
    if (tapped) kids.push(el("p", { class: "qa-tip__more" }, [el("a", { href: link.href }, ["Open the glossary entry"])]));
    tip.replaceChildren.apply(tip, kids);
    tip.setAttribute("role", tapped ? "dialog" : "tooltip");
    if (tapped) tip.setAttribute("aria-label", link.textContent);
    else tip.removeAttribute("aria-label");
    link.setAttribute("aria-describedby", "qa-tip");
    place(link);
    tip.classList.add("qa-tip--active");
  }

  /* Above the term's first line, or below its last when the header is in the way. */
  function place(link) {
    var lines = link.getClientRects();
    var top = lines[0];
    var bottom = lines[lines.length - 1];
    var header = document.querySelector(".md-header");
    var ceiling = header ? header.getBoundingClientRect().bottom : 0;
    tip.style.left = "0px";
    tip.style.top = "0px";
    var size = tip.getBoundingClientRect(); // measured away from the edge
    var gap = 6;
    var below = top.top - size.height - gap < ceiling + 4;
    var y = below ? bottom.bottom + gap : top.top - size.height - gap;
    var width = document.documentElement.clientWidth;
    var x = Math.min(Math.max(8, top.left + top.width / 2 - size.width / 2), width - size.width - 8);
    var origin = (tip.offsetParent || document.body).getBoundingClientRect();
    tip.classList.toggle("qa-tip--below", below);
    tip.style.left = Math.round(x - origin.left) + "px";
    tip.style.top = Math.round(y - origin.top) + "px";
  }

  function hide(delay) {
    clearTimeout(hideTimer);
    hideTimer = setTimeout(function () {
      if (!tip) return;
      tip.classList.remove("qa-tip--active");
      if (tipFor) tipFor.removeAttribute("aria-describedby");
      tipFor = null;
      tipTapped = false;
    }, delay || 0);
  }

  function touching() {
    return pointer === "touch" || pointer === "pen";
  }

  function term(target) {
    return target && target.closest ? target.closest("a.qa-term") : null;
  }

  document.addEventListener("pointerdown", function (ev) {
    pointer = ev.pointerType || "mouse";
    if (tip && tipTapped && !tip.contains(ev.target) && !term(ev.target)) hide();
  }, true);
  document.addEventListener("pointermove", function (ev) {
    if (ev.pointerType === "mouse") pointer = "mouse";
  }, true);
  document.addEventListener("mouseover", function (ev) {
    var link = term(ev.target);
    if (link && link !== tipFor && !touching()) show(link, false);
  });
  document.addEventListener("mouseout", function (ev) {
    var link = term(ev.target);
    if (link && link === tipFor && !tipTapped && !link.contains(ev.relatedTarget)) hide(250);
  });
  document.addEventListener("focusin", function (ev) {
    var link = term(ev.target);
    if (link && !touching()) show(link, false);
  });
  document.addEventListener("focusout", function (ev) {
    if (term(ev.target) && !tipTapped) hide(100);
  });
  document.addEventListener("keydown", function (ev) {
    if (ev.key === "Escape" && tip && tip.classList.contains("qa-tip--active")) hide();
    pointer = "key";
  }, true);
  document.addEventListener("click", function (ev) {
    var link = term(ev.target);
    if (!link || !touching()) return;
    if (link === tipFor && tipTapped) return;
    ev.preventDefault();
    ev.stopPropagation(); // before instant navigation sees it
    show(link, true);
  }, true);
  window.addEventListener("resize", function () {
    hide();
  });

  QA.onEveryPage(function () {
    hide();
  });
})();
