/* The self-test page: flashcards, key points, a term quiz and a progress panel over the
   cards the build writes beside it (the index the page names; selftest/data.js fetches
   them); and on a question page, its status line. Last of the self-test's scripts
   (javascripts/loader.js): it starts them. */
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

  /* What deck `a` does besides its views: keep progress, speak, which cards, what is due. */
  function methods(a, live) {
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
    /* What is due now: reviews, and new cards up to the day's allowance (later: those beyond it). */
    a.dueInfo = function (now) {
      var d = { due: 0, fresh: 0, later: 0, next: Infinity, all: 0, left: S.newLeft(a.prog, now) };
      a.cards().forEach(function (c) {
        var rec = a.prog.cards[c.id];
        d.all += 1;
        if (!rec) {
          if (d.fresh < d.left) d.fresh += 1;
          else d.later += 1;
        } else if (!S.isDue(rec, now)) d.next = Math.min(d.next, rec.due);
        else d.due += 1;
      });
      d.due += d.fresh;
      return d;
    };
  }

  function renderSummary(a) {
    var now = Date.now();
    var d = a.dueInfo(now);
    a.ui.summary.replaceChildren(
      h("strong", { class: "qa-st-due" }, [st.plural(d.due, "card") + " due now"]),
      d.fresh ? " (" + d.fresh + " new)" : "",
      d.later ? " · " + st.plural(d.later, "new card") + " on later days" : "",
      d.next < Infinity ? " · next due " + st.when(d.next, now) : "",
      " · study streak: " + st.plural(S.streak(a.prog.days, now), "day")
    );
  }

  /* The panel of the mode chosen; then the element `focus` selects has the focus. The quiz,
     and the flashcards and the count of due cards with glossary cards, wait for the terms.
     The app takes the place of "Loading the cards…" once its first view has what it shows. */
  function render(a, focus) {
    var ui = a.ui;
    a.focus = focus;
    var said = st.trouble();
    if (ui.shown !== said) {
      ui.shown = said;
      ui.trouble.replaceChildren(said ? h("div", { class: "admonition failure" }, [h("p", { class: "admonition-title" }, ["Not saved"]), h("p", {}, [said])]) : "");
    }
    ui.buttons.forEach(function (b, i) {
      b.setAttribute("aria-pressed", String(ui.modes[i][0] === memo.mode));
    });
    var view = st.views[memo.mode] || st.views.cards;
    var terms = a.termsUrl && !a.terms && (memo.mode === "quiz" || a.prog.settings.glossary) ? st.need(a, a.termsUrl) : true;
    if (terms && terms !== true) st.addTerms(a, terms);
    a.panel.replaceChildren.apply(a.panel, (terms || memo.mode === "progress" ? view(a) : [st.pending(a)]).flat().filter(Boolean));
    if (terms) renderSummary(a);
    if (!ui.on && !a.waits) {
      ui.on = true;
      a.root.replaceChildren.apply(a.root, ui.parts);
      a.root.parentElement.classList.add("qa-st-on");
      if (ui.note) a.say(ui.note);
    }
    if (QA.typesetMaths) QA.typesetMaths(a.panel); // maths in answers and points
    if (focus) {
      var el = a.panel.querySelector(focus);
      if (el) el.focus();
    }
  }

  /* The app over the index of the cards (`url`): its views, once the index has come. */
  function start(root, index, url, signal) {
    var a = st.deck(index, url);
    st.app = a;
    a.root = root;
    st.prune([url, a.termsUrl].concat(a.files));
    if (a.termsUrl && st.fetch.done(a.termsUrl)) st.addTerms(a, st.fetch.done(a.termsUrl));
    if (memo.sess && !memo.sess.queue.every(function (id) { return a.byId[id]; })) memo.sess = memo.undo = null; // the questions changed
    memo.undo = memo.undo || [];
    if (memo.quiz && !memo.quiz.items.every(function (x) { return a.termById[x.id]; })) memo.quiz = null;
    var loaded = store.load(S);
    a.prog = loaded.p;
    var keep = loaded.raw !== undefined && store.settle(loaded);
    a.anki = document.querySelector(".qa-st-anki"); // the build's paragraph: the Progress panel shows it
    var live = h("p", { class: "qa-st-sr", role: "status", "aria-live": "polite" });
    a.panel = h("div", { class: "qa-st-panel" });
    var modes = MODES.filter(function (m) {
      return m[0] !== "quiz" || index.quiz >= 4;
    });
    var buttons = modes.map(function (m) {
      return st.button(m[1], function () {
        memo.mode = m[0];
        memo.msg = memo.last = "";
        a.render();
      });
    });
    a.ui = { summary: h("p", { class: "qa-st-summary" }), trouble: h("div", { class: "qa-st-trouble", role: "alert" }), modes: modes, buttons: buttons, shown: "" };
    a.ui.parts = [notice(loaded, keep) || "", a.ui.trouble, a.ui.summary, h("div", { class: "qa-st-modes", role: "group", "aria-label": "Self-test mode" }, buttons), live, a.panel];
    a.ui.note = loaded.note;
    methods(a, live);
    a.render = function (focus) {
      render(a, focus);
    };
    watchKeys(a.panel, signal);
    // "Practise this card" on a question page links here (#card-… or ?card=card-…): a
    // session of that one card.
    var target = location.hash.slice(1) || new URLSearchParams(location.search).get("card");
    var linked = a.questions.filter(function (c) {
      return c.anchor === target;
    })[0];
    if (linked) {
      memo.mode = "cards";
      st.start(a, "one", linked.id);
    }
    a.render(linked ? ".qa-st-q" : null);
  }

  /* The self-test on its page: at once when the index is at hand (instant navigation back),
     else once it has come. */
  function mount(root, signal) {
    var url = new URL(root.getAttribute("data-qa-cards"), location.href).href;
    var ready = function (index) {
      if (signal.aborted) return;
      if (index.version === 2) return start(root, index, url, signal);
      failed(root, "this page and its cards are of different versions of the site: reload the page");
    };
    if (st.fetch.done(url)) return ready(st.fetch.done(url));
    root.replaceChildren(h("p", { class: "qa-st-meta", role: "status" }, ["Loading the cards…"]));
    st.fetch(url, true).then(ready, function () {
      if (!signal.aborted) failed(root, "the site cannot be reached, and this browser has kept no copy of them");
    });
  }

  function failed(root, why) {
    root.replaceChildren(h("div", { class: "admonition failure", role: "alert" }, [h("p", {}, ["The self-test's cards could not be loaded: " + why + "."])]));
  }

  QA.onEveryPage(function () {
    var signal = st.newPage();
    var status = document.querySelector(".qa-selftest-status[data-qa-card]");
    if (status) statusLine(status);
    var root = document.getElementById("qa-selftest");
    if (root && root.hasAttribute("data-qa-cards")) mount(root, signal);
  });
})();
