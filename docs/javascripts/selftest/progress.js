/* The Progress panel: mastery of each question, the study days of the last two weeks, the
   scheduler's settings (desired retention, glossary cards), and the ways to keep progress:
   export to a file, import one, reset. */
(function () {
  "use strict";
  var QA = window.QA;
  var S = window.QASrs;
  var st = QA.selftest;
  var h = st.h;
  var memo = st.memo;
  var plural = st.plural;

  /* The last 14 days: weekday and date on screen, the full date and whether it was a study
     day for screen readers. */
  function days(a, now) {
    var out = [];
    for (var i = 13; i >= 0; i--) {
      var day = new Date(S.addDays(now, -i));
      var did = a.prog.days.indexOf(S.dayKey(day)) >= 0;
      out.push(h("li", { class: did ? "qa-st-did" : null, "aria-current": i ? null : "date" }, [
        h("span", { "aria-hidden": "true" }, [day.toLocaleDateString(undefined, { weekday: "narrow" }), h("b", {}, [String(day.getDate())]), did ? "✓" : "·"]),
        h("span", { class: "qa-st-sr" }, [(i ? "" : "Today, ") + day.toLocaleDateString(undefined, { weekday: "long", day: "numeric", month: "long" }) + (did ? ": studied" : ": not studied")]),
      ]));
    }
    return out;
  }

  function rows(a, levels, now) {
    return a.questions.map(function (c, i) {
      var rec = a.prog.cards[c.id];
      var pts = a.prog.points[c.id];
      return [
        c.href ? h("a", { href: c.href }, [c.n + ". " + c.title]) : c.n + ". " + c.title,
        [h("meter", { min: "0", max: "4", value: String(levels[i]), "aria-hidden": "true" }), " " + S.LEVELS[levels[i]]],
        rec ? S.RATINGS[rec.rating - 1] + ", due " + st.when(rec.due, now) : "—",
        rec ? Math.round(100 * S.retrievability(rec, now)) + "%" : "—",
        pts ? pts.got + "/" + pts.total : "—",
        st.button("Practise", function () {
          memo.mode = "cards";
          st.start(a, "one", c.id);
          a.render("[data-act=reveal]");
        }, "qa-st-small", { "aria-label": "Practise question " + c.n }),
      ];
    });
  }

  function mastery(a) {
    var now = Date.now();
    var prog = a.prog;
    var questions = a.questions;
    var levels = questions.map(function (c) {
      return S.mastery(prog.cards[c.id]);
    });
    var total = levels.reduce(function (x, y) {
      return x + y;
    }, 0);
    var studied = levels.filter(Boolean).length;
    var mastered = levels.filter(function (l) {
      return l === 4;
    }).length;
    var studiedTerms = Object.keys(prog.cards).filter(function (id) {
      return /^(term|def):/.test(id);
    }).length;
    return [
      h("h2", { tabindex: "-1" }, ["Mastery"]),
      h("p", {}, [
        h("strong", {}, ["Overall " + Math.round((100 * total) / (4 * questions.length)) + "%"]),
        " · " + studied + " of " + questions.length + " questions studied · " + mastered + " mastered",
        a.index.termCards ? " · glossary cards: " + studiedTerms + " of " + a.index.termCards + " studied" : "",
      ]),
      h("p", {}, [
        "Study streak: " + plural(S.streak(prog.days, now), "day") + " · " + plural(prog.days.length, "study day") + " in all · term quiz: " + prog.quiz.right + " right, " + prog.quiz.wrong + " wrong",
      ]),
      h("p", { class: "qa-st-meta", id: "qa-st-days" }, ["Study days, the last two weeks (✓ studied, · not):"]),
      h("ol", { class: "qa-st-days", "aria-labelledby": "qa-st-days" }, days(a, now)),
      h("div", { class: "qa-st-table" }, [st.table(["Question", "Mastery", "Flashcard", "Recall", "Key points", h("span", { class: "qa-st-sr" }, ["Practise"])], rows(a, levels, now))]),
      h("p", { class: "qa-st-meta" }, ["Recall: the chance you would recall the answer now, as FSRS estimates it."]),
    ];
  }

  function retention(a) {
    var current = Math.round(a.prog.settings.retention * 100);
    var input = h("input", {
      type: "number",
      id: "qa-st-retention",
      min: "70",
      max: "99",
      step: "1",
      value: String(current),
      "aria-describedby": "qa-st-retention-help",
      onchange: function () {
        var v = Number(input.value);
        if (!(Math.round(v) === v && v >= 70 && v <= 99))
          return a.tell("Desired retention is a whole number from 70 to 99: it stays at " + current + " %.", true, "#qa-st-retention");
        if (v === current) return;
        var changed = S.setRetention(a.prog, v / 100);
        a.save();
        memo.sess = null;
        memo.undo = [];
        a.tell("Desired retention is now " + v + " %: " + plural(changed, "card") + " rescheduled.", false, "#qa-st-retention");
      },
    });
    return input;
  }

  /* New cards a day: a whole number, 0 to 9999. */
  function perDay(a) {
    var current = S.newPerDay(a.prog);
    var input = h("input", {
      type: "number",
      id: "qa-st-new",
      min: "0",
      max: String(S.MAX_NEW_PER_DAY),
      step: "1",
      value: String(current),
      "aria-describedby": "qa-st-new-help",
      onchange: function () {
        var v = Number(input.value);
        if (!(Math.round(v) === v && v >= 0 && v <= S.MAX_NEW_PER_DAY))
          return a.tell("New cards a day is a whole number from 0 to " + S.MAX_NEW_PER_DAY + ": it stays at " + current + ".", true, "#qa-st-new");
        a.prog.settings.new_per_day = v;
        a.save();
        memo.sess = null;
        memo.undo = [];
        a.tell("New cards a day: " + v + ".", false, "#qa-st-new");
      },
    });
    return input;
  }

  function glossaryCards(a) {
    var count = a.index.termCards;
    return h("p", { class: "qa-st-check" }, [
      h("label", {}, [
        h("input", {
          type: "checkbox",
          id: "qa-st-glossary",
          checked: !!a.prog.settings.glossary,
          onchange: function (e) {
            a.prog.settings.glossary = e.target.checked;
            a.save();
            memo.sess = null;
            memo.undo = [];
            a.tell(e.target.checked ? "Glossary cards are in the flashcards: " + plural(count, "card") + " more." : "Glossary cards are out of the flashcards.", false, "#qa-st-glossary");
          },
        }),
        " Glossary cards in the flashcards: each term asks for its definition, and its definition for the term (" + plural(count, "card") + ")",
      ]),
    ]);
  }

  /* The scheduler's settings. */
  function settings(a) {
    return [
      h("h2", {}, ["Scheduling"]),
      h("p", { class: "qa-st-retain" }, [h("label", { for: "qa-st-retention" }, ["Desired retention"]), " ", retention(a), " %"]),
      h("p", { class: "qa-st-meta", id: "qa-st-retention-help" }, [
        "How likely you should be to recall a card when it falls due, 70 to 99 %: higher means shorter intervals and more reviews. " +
          "A change re-runs each card's review history with the new value. Scheduler: ts-fsrs " + S.FSRS.FSRSVersion + ", default parameters.",
      ]),
      h("p", { class: "qa-st-retain" }, [h("label", { for: "qa-st-new" }, ["New cards a day"]), " ", perDay(a)]),
      h("p", { class: "qa-st-meta", id: "qa-st-new-help" }, [
        "How many new cards “Due cards” brings a day, after the reviews: " + S.NEW_PER_DAY + " unless you choose another number. The other ways to study have no limit.",
      ]),
      a.index.termCards ? glossaryCards(a) : null,
    ];
  }

  /* A file of progress replaces the page's, unless it cannot be read or stored. */
  function importer(a) {
    var file = h("input", {
      type: "file",
      accept: ".json,application/json",
      id: "qa-st-import",
      onchange: function () {
        var f = file.files[0];
        if (!f) return;
        f.text().then(function (text) {
          var v = S.read(text);
          file.value = "";
          var p = v.progress;
          // Not a file of progress, none of its cards readable, or no room for it: nothing changes.
          var why = !v.json ? "it is not a JSON file" : !p ? v.error : v.dropped && !Object.keys(p.cards).length ? st.listed(v.dropped) : QA.store.replace(p) ? "" : QA.store.refusal();
          if (why) return a.tell("Could not import “" + f.name + "”: " + why + ". Your progress has not changed.", true);
          a.prog = p;
          memo.sess = null;
          memo.undo = [];
          var how = v.migrated ? " (converted from the earlier SM-2 format)" : "";
          a.tell("Imported progress from “" + f.name + "”" + how + ": " + plural(Object.keys(p.cards).length, "card") + " studied." + (v.dropped ? " Left out, as it could not be read: " + st.listed(v.dropped) + "." : ""));
        });
      },
    });
    return file;
  }

  function confirmReset(a) {
    return h("div", { class: "admonition warning", role: "group", "aria-label": "Confirm reset" }, [
      h("p", {}, ["Delete all self-test progress saved in this browser? This cannot be undone."]),
      h("div", { class: "qa-st-tools" }, [
        st.button("Delete my progress", function () {
          var settings = a.prog.settings; // preferences, not progress
          a.prog = S.emptyProgress();
          a.prog.settings = settings;
          a.save();
          memo.sess = null;
          memo.undo = [];
          memo.quiz = null;
          memo.confirm = false;
          a.tell("Progress reset: every card is new again.");
          a.panel.querySelector("h2").focus();
        }),
        st.button("Keep it", function () {
          memo.confirm = false;
          a.render("[data-act=reset]");
        }, "md-button--primary", { "data-act": "keep" }),
      ]),
    ]);
  }

  /* Export, import, reset. */
  function keep(a) {
    var out = [
      h("h2", {}, ["Keep your progress"]),
      h("p", {}, ["Progress is saved in this browser only. Export it to a file to move it to another browser, then import it there; importing replaces the progress here."]),
      a.anki,
      h("div", { class: "qa-st-tools" }, [
        st.button("Export progress", function () {
          var name = "qa-study-progress-" + S.dayKey(Date.now()) + ".json";
          st.download(JSON.stringify(a.prog, null, 2), name);
          a.tell("Progress exported to " + name + ".");
        }),
        h("label", { class: "md-button", for: "qa-st-import" }, ["Import progress…"]),
        importer(a),
        memo.confirm ? null : st.button("Reset progress…", function () {
          memo.confirm = true;
          a.render("[data-act=keep]");
        }, "", { "data-act": "reset" }),
      ]),
      memo.msg ? h("p", { class: "qa-st-msg" + (memo.bad ? " qa-st-bad" : "") }, [memo.msg]) : null,
    ];
    if (memo.confirm) out.push(confirmReset(a));
    return out;
  }

  st.views.progress = function (a) {
    return mastery(a).concat(settings(a), keep(a));
  };
})();
