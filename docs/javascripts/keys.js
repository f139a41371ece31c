/* Keyboard shortcuts: A shows or hides the answer, ? opens the list of keys. The list is
   the build's (macros/outputs/keys.py), written into every page as #qa-keys-data, the same
   list the question pages' hint line is made from. Material's keyboard$ handles the rest
   (N, P, search) and gives no keys while the reader types in a field. */
(function () {
  "use strict";
  var QA = window.QA;
  var el = QA.el;
  var sheet = null;
  var before = null; // what had focus before the sheet opened

  function groups() {
    var data = document.getElementById("qa-keys-data");
    return data ? JSON.parse(data.textContent) : [];
  }

  function keySheet() {
    if (sheet) return sheet;
    var close = el("button", { type: "button", class: "qa-keys__close" }, ["Close"]);
    var sections = groups().map(function (group) {
      return el("section", {}, [
        el("h3", {}, [group.where]),
        el("dl", {}, group.keys.flatMap(function (k) {
          return [el("dt", {}, [el("kbd", {}, [k.key])]), el("dd", {}, [k.does])];
        })),
      ]);
    });
    sheet = el("dialog", { class: "qa-keys md-typeset", "aria-labelledby": "qa-keys-title" },
      [el("h2", { id: "qa-keys-title" }, ["Keyboard shortcuts"])].concat(sections, [close]));
    close.addEventListener("click", function () {
      sheet.close();
    });
    // Keys stay in the sheet (N would leave the page behind it); Tab goes round in it.
    sheet.addEventListener("keydown", function (ev) {
      ev.stopPropagation();
      if (ev.key === "?") sheet.close();
      if (ev.key !== "Tab") return;
      var stops = sheet.querySelectorAll("button, a[href]");
      var at = Array.prototype.indexOf.call(stops, document.activeElement);
      ev.preventDefault();
      stops[(at + (ev.shiftKey ? stops.length - 1 : 1)) % stops.length].focus();
    });
    sheet.addEventListener("click", function (ev) {
      if (ev.target === sheet) sheet.close(); // the backdrop
    });
    sheet.addEventListener("close", function () {
      if (before && before.isConnected) before.focus();
      before = null;
    });
    document.body.append(sheet);
    return sheet;
  }

  function showKeys() {
    var dialog = keySheet();
    if (dialog.open) return;
    before = document.activeElement;
    dialog.showModal();
    dialog.querySelector(".qa-keys__close").focus();
  }

  function toggleAnswer() {
    var details = QA.answer();
    if (!details) return false;
    details.open = !details.open;
    var summary = details.querySelector("summary");
    if (document.activeElement === document.body || !document.activeElement) summary.focus({ preventScroll: true });
    summary.scrollIntoView({ block: "nearest" });
    return true;
  }

  if (window.keyboard$ && typeof window.keyboard$.subscribe === "function") {
    window.keyboard$.subscribe(function (key) {
      if (key.mode !== "global") return;
      if (key.type === "?") {
        key.claim();
        showKeys();
      } else if ((key.type === "a" || key.type === "A") && toggleAnswer()) {
        key.claim();
      }
    });
  }

  // The hint line's "all keys" button.
  document.addEventListener("click", function (ev) {
    var target = ev.target.closest ? ev.target : ev.target.parentElement;
    if (target.closest("[data-qa-keys]")) showKeys();
  });

  QA.onEveryPage(function () {
    if (sheet && sheet.open) sheet.close();
  });
})();
