/* The namespace every script of the site registers on (window.QA), and what they share.
   Classic scripts, run in the order mkdocs.yml lists them; this one comes first. */
(function () {
  "use strict";
  var QA = (window.QA = window.QA || {});
  var here = document.currentScript && document.currentScript.src; // <root>/javascripts/qa.js

  /* fn(document) on the page shown now and on each page instant navigation swaps in
     afterwards: a swapped-in page is no new load, so "on load" would run only once. */
  QA.onEveryPage = function (fn) {
    if (window.document$ && typeof window.document$.subscribe === "function") {
      window.document$.subscribe(fn);
    } else if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", function () {
        fn(document);
      });
    } else {
      fn(document);
    }
  };

  /* The address of a file beside the site's scripts (null when this script cannot tell). */
  QA.script = function (name) {
    return here ? new URL(name, here).href : null;
  };

  /* The site's root: the base Material writes into the page, resolved against the page
     first loaded; without it, the folder above this script's. */
  QA.root = (function () {
    try {
      return new URL(JSON.parse(document.getElementById("__config").textContent).base, location.href);
    } catch (e) {
      return new URL(here ? "../" : "./", here || location.href);
    }
  })();

  /* An element with attributes and children (text or nodes). */
  QA.el = function (tag, attrs, kids) {
    var node = document.createElement(tag);
    for (var k in attrs || {}) node.setAttribute(k, attrs[k]);
    (kids || []).forEach(function (kid) {
      node.append(kid);
    });
    return node;
  };

  /* The answer of a question page: a <details> the reader opens. */
  QA.answer = function () {
    return document.querySelector("article details#answer");
  };
})();
