/* The self-test page: flashcards, key points, a term quiz and a progress panel over the
   cards the build writes into #qa-selftest-data; and on a question page, its status line.
   Loaded last of the self-test's scripts (javascripts/loader.js): it starts them. */
(function () {
  "use strict";
  var QA = window.QA;
  var S = window.QASrs;
  if (!S || !QA.store || !QA.selftest) return;
  var st = QA.selftest;
  var h = st.h;
  var memo = st.memo;
  var store = QA.store;
  var MODES = [
    ["cards", "Flashcards"],
    ["points", "Key points"],
    ["quiz", "Term quiz"],
    ["progress", "Progress"],
  ];

  /* A question page's line, rewritten from the stored progress: "Self-test: rated Good ·
     due in 3 days · practise this card". */
  function statusLine(line) {
    var link = line.querySelector("a"); // the build's link to this card's flashcard, kept as written
    if (!link) return;
    var card = QA.store.load(S).p.cards[line.getAttribute("data-qa-card")];
    var now = Date.now();
    var text = "not studied yet";
    if (card) text = "rated " + S.RATINGS[card.rating - 1] + " · " + (S.isDue(card, now) ? "due now" : "due " + S.relative(card.due, now));
    line.replaceChildren("Self-test: " + text + " · ", link);
    line.hidden = false;
  }

  /* What the page says of stored progress it could not read, or could not keep. */
  function notice(loaded, keep) {
    if (loaded.raw !== undefined) {
      var held = store.held;
      loaded.note =
        (loaded.dropped
          ? "Part of your saved self-test progress could not be read and was left out: " + st.listed(loaded.dropped) + "."
          : "Your saved self-test progress could not be read (" + loaded.why + ")" + (held ? "." : ", so it was reset.")) +
        (held
          ? " There is no room in this browser's storage to keep a copy of it, so it is left as it was, and what you do on this page is not saved."
          : keep ? " A copy of it as it was is kept in this browser." : "");
    }
    if (!loaded.note) return null;
    return h("div", { class: "admonition warning qa-st-notice", role: "status" }, [
      h("p", { class: "admonition-title" }, [loaded.dropped ? "Progress partly read" : store.held ? "Progress not read" : "Progress reset"]),
      h("p", {}, [loaded.note]),
      keep
        ? st.button("Download it as it was", function () {
            st.download(loaded.raw, "qa-study-progress-unread-" + S.dayKey(Date.now()) + ".json");
          }, "", { "data-act": "backup" })
        : null,
    ]);
  }

  /* Space, 1-4 and U press the button on screen that has that shortcut (aria-keyshortcuts):
     Show answer, a rating (flashcards and key points), Undo rating. */
  function watchKeys(panel, signal) {
    document.addEventListener("keydown", function (e) {
      var t = e.target;
      var key = e.key === " " ? "Space" : e.key.toUpperCase();
      if (e.ctrlKey || e.metaKey || e.altKey || t.isContentEditable || !/^(Space|U|[1-4])$/.test(key)) return;
      if (/^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName) || (key === "Space" && /^(BUTTON|A|SUMMARY|LABEL)$/.test(t.tagName))) return;
      var b = panel.querySelector('[aria-keyshortcuts="' + key + '"]');
      if (b) {
        e.preventDefault();
        b.click();
      }
    }, { signal: signal });
  }

  function mount(root, data, signal) {
    var a = st.deck(data);
    a.data = data;
    if (memo.sess && !memo.sess.queue.every(function (id) { return a.byId[id]; })) memo.sess = memo.undo = null; // the questions changed
    memo.undo = memo.undo || [];
    if (memo.quiz && !memo.quiz.items.every(function (x) { return a.termById[x.id]; })) memo.quiz = null;
    var loaded = store.load(S);
    a.prog = loaded.p;
    var keep = loaded.raw !== undefined && store.settle(loaded);
    a.anki = document.querySelector(".qa-st-anki"); // the build's paragraph: the Progress panel shows it
    var summary = h("p", { class: "qa-st-summary" });
    var live = h("p", { class: "qa-st-sr", role: "status", "aria-live": "polite" });
    a.panel = h("div", { class: "qa-st-panel" });
    var modes = MODES.filter(function (m) {
      return m[0] !== "quiz" || a.clean.length >= 4;
    });
    var modeButtons = modes.map(function (m) {
      return st.button(m[1], function () {
        memo.mode = m[0];
        memo.msg = memo.last = "";
        a.render();
      });
    });
    var trouble = h("div", { class: "qa-st-trouble", role: "alert" }); // a refused save, said once
    var shown = "";
    root.replaceChildren(
      notice(loaded, keep) || "",
      trouble,
      summary,
      h("div", { class: "qa-st-modes", role: "group", "aria-label": "Self-test mode" }, modeButtons),
      live,
      a.panel
    );
    root.hidden = false;
    root.parentElement.classList.add("qa-st-on");

    a.save = function () {
      return store.save(a.prog);
    };
    a.say = function (text) {
      live.textContent = live.textContent === text ? text + "\u00a0" : text;
    };
    /* Any change but a rating of a flashcard: it cannot be undone, nor can the ratings before it. */
    a.commit = function (now) {
      S.markDay(a.prog, now);
      a.save();
      memo.undo = [];
    };
    /* A message of the Progress panel, said and shown. */
    a.tell = function (text, bad, focus) {
      memo.msg = text;
      memo.bad = !!bad;
      a.say(text);
      a.render(focus);
    };
    /* The cards the flashcards draw from: every question, and the glossary's when chosen. */
    a.cards = function () {
      return a.prog.settings.glossary ? a.questions.concat(a.glossaryCards) : a.questions;
    };
    a.name = function (c) {
      return c.term ? "“" + c.term.term + "”" : "question " + c.n;
    };
    a.dueInfo = function (now) {
      var d = { due: 0, fresh: 0, next: Infinity, all: 0 };
      a.cards().forEach(function (c) {
        var rec = a.prog.cards[c.id];
        d.all += 1;
        if (S.isDue(rec, now)) {
          d.due += 1;
          if (!rec) d.fresh += 1;
        } else d.next = Math.min(d.next, rec.due);
      });
      return d;
    };

    function renderSummary() {
      var now = Date.now();
      var d = a.dueInfo(now);
      summary.replaceChildren(
        h("strong", { class: "qa-st-due" }, [st.plural(d.due, "card") + " due now"]),
        d.fresh ? " (" + d.fresh + " new)" : "",
        d.next < Infinity ? " · next due " + st.when(d.next, now) : "",
        " · study streak: " + st.plural(S.streak(a.prog.days, now), "day")
      );
    }

    /* The panel of the mode chosen; then the element `focus` selects has the focus. */
    a.render = function (focus) {
      var said = st.trouble();
      if (shown !== said) {
        shown = said;
        trouble.replaceChildren(shown ? h("div", { class: "admonition failure" }, [h("p", { class: "admonition-title" }, ["Not saved"]), h("p", {}, [shown])]) : "");
      }
      modeButtons.forEach(function (b, i) {
        b.setAttribute("aria-pressed", String(modes[i][0] === memo.mode));
      });
      var view = st.views[memo.mode] || st.views.cards;
      a.panel.replaceChildren.apply(a.panel, view(a).flat().filter(Boolean));
      renderSummary();
      if (QA.typesetMaths) QA.typesetMaths(a.panel); // maths in answers and points
      if (focus) {
        var el = a.panel.querySelector(focus);
        if (el) el.focus();
      }
    };

    watchKeys(a.panel, signal);
    // "Practise this card" on a question page links here: a session of that one card.
    var target = location.hash.slice(1);
    var linked = a.questions.filter(function (c) {
      return c.anchor === target;
    })[0];
    if (linked) {
      memo.mode = "cards";
      st.start(a, "one", linked.id);
    }
    a.render(linked ? ".qa-st-q" : null);
    if (loaded.note) a.say(loaded.note);
  }

  QA.onEveryPage(function () {
    var signal = st.newPage();
    var status = document.querySelector(".qa-selftest-status[data-qa-card]");
    if (status) statusLine(status);
    var root = document.getElementById("qa-selftest");
    var source = document.getElementById("qa-selftest-data");
    if (root && source) mount(root, JSON.parse(source.textContent), signal);
  });
})();
