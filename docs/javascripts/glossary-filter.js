/* The glossary page's filter: entries whose name (or alias) has a word starting with what
   is typed; when none has, entries whose definition mentions it. Letters left with no
   entry are hidden, and their links in the A-Z bar go nowhere. */
(function () {
  "use strict";
  var QA = window.QA;

  function words(text) {
    return " " + text.toLowerCase().replace(/[\s\-‐‑_/]+/g, " ").trim() + " ";
  }

  /* Each entry: its heading and what follows it up to the next heading, its names, its words. */
  function entries() {
    return Array.prototype.map.call(document.querySelectorAll("article h3[id]"), function (heading) {
      var parts = [heading];
      for (var next = heading.nextElementSibling; next && !/^H[1-3]$/.test(next.tagName); next = next.nextElementSibling) {
        parts.push(next);
      }
      var facts = parts.filter(function (p) {
        return p.classList.contains("qa-facts");
      })[0];
      var also = facts && facts.querySelector(".qa-also");
      var said = parts.filter(function (p) {
        return p.tagName === "P";
      });
      return {
        parts: parts,
        names: words(heading.textContent.replace(/¶$/, "") + " " + (also ? also.textContent.replace(/^Also:/, "") : "")),
        text: words(said.map(function (p) { return p.textContent; }).join(" ")),
      };
    });
  }

  function filter() {
    var bar = document.querySelector("article nav.qa-az");
    var input = document.getElementById("qa-filter");
    var count = document.getElementById("qa-filter-count");
    if (!bar || !input || !count) return;
    var all = entries();
    var letters = Array.prototype.slice.call(document.querySelectorAll("article h2[id^='letter-']"));

    function apply() {
      var query = words(input.value).trim();
      var byName = all.filter(function (e) {
        return e.names.indexOf(" " + query) >= 0;
      });
      var shown = query && !byName.length ? all.filter(function (e) {
        return e.text.indexOf(query) >= 0;
      }) : byName;
      all.forEach(function (e) {
        var hide = shown.indexOf(e) < 0;
        e.parts.forEach(function (p) {
          p.hidden = hide;
        });
      });
      letters.forEach(function (heading) {
        var any = false;
        for (var next = heading.nextElementSibling; next && next.tagName !== "H2"; next = next.nextElementSibling) {
          if (next.tagName === "H3" && !next.hidden) any = true;
        }
        heading.hidden = !any;
        var link = bar.querySelector('a[href$="#' + heading.id + '"]'); // made absolute by Material
        if (!link) return;
        link.classList.toggle("qa-az--off", !any);
        if (any) {
          link.removeAttribute("aria-disabled");
          link.removeAttribute("tabindex");
        } else {
          link.setAttribute("aria-disabled", "true");
          link.setAttribute("tabindex", "-1");
        }
      });
      if (!query) count.textContent = "";
      else if (byName.length) count.textContent = shown.length + " of " + all.length + " terms";
      else if (shown.length) count.textContent = "No term is named “" + input.value.trim() + "”: " + (shown.length === 1 ? "1 entry mentions" : shown.length + " entries mention") + " it.";
      else count.textContent = "No term matches. Search the site with /.";
    }

    input.addEventListener("input", apply);
    bar.addEventListener("click", function (ev) { // a letter with no term left goes nowhere
      var link = ev.target.closest("a");
      if (link && link.getAttribute("aria-disabled") === "true") {
        ev.preventDefault();
        ev.stopPropagation();
      }
    }, true);
    if (input.value) apply(); // kept by the browser on a reload
  }

  QA.onEveryPage(filter);
})();
