/* Self-test: flashcards with spaced repetition, key-point recall, a term quiz and a
 * progress panel, over the data the build writes into #qa-selftest-data; plus the
 * "Self-test: rated Good · due in 3 days" line of each question page.
 * Vanilla JS. Runs on every page Material's instant navigation shows (document$):
 * each run first removes the listeners of the previous page. Progress lives in
 * localStorage under the one key QAStore names (qa.js); the scheduler is srs.js (FSRS). */
(function () {
  "use strict";
  var S = window.QASrs;
  var Q = window.QAStore;
  if (!S || !Q) return;
  var LEARN_AHEAD = 20 * 60000; // a card due again within this comes back in the same session (Anki's default)
  var DATE = { weekday: "short", day: "numeric", month: "short" };
  var ctl = null; // AbortController of the current page's listeners
  // What survives instant navigation (not reloads): mode, session, positions, undo; and
  // progress the browser would not store (prog), with why (trouble).
  var memo = { mode: "cards", sess: null, study: "due", undo: [], kp: 0, kpStep: 0, kpTicks: [], kpResult: "", quiz: null, confirm: false, last: "", msg: "", prog: null, trouble: "" };
  // Stored progress could not be read and there was no room to copy it to the backup key:
  // it is left as it is, so nothing is written over it while this document lives.
  var held = false;

  /* ------------------------------------------------------------------ helpers */

  function h(tag, attrs, kids) {
    var el = document.createElement(tag);
    for (var k in attrs || {}) {
      var v = attrs[k];
      if (v === null || v === undefined || v === false) continue;
      if (k === "html") el.innerHTML = v; // build-time HTML, rendered literally from the Q&A
      else if (k.slice(0, 2) === "on") el.addEventListener(k.slice(2), v, { signal: ctl.signal });
      else el.setAttribute(k, v === true ? "" : v);
    }
    [].concat(kids || []).flat().forEach(function (kid) {
      if (kid !== null && kid !== undefined && kid !== false) el.append(kid);
    });
    return el;
  }

  function button(label, onclick, cls, attrs) {
    var a = Object.assign({ type: "button", class: "md-button" + (cls ? " " + cls : ""), onclick: onclick }, attrs);
    return h("button", a, label);
  }

  /* A button with its keyboard shortcut: the hint is hidden on touch screens (selftest.css). */
  function keyed(label, key, onclick, cls, attrs) {
    return button([label + " ", h("kbd", {}, [key === " " ? "Space" : key])], onclick, cls, Object.assign({ "aria-keyshortcuts": key === " " ? "Space" : key }, attrs));
  }

  function table(head, rows) {
    return h("table", {}, [
      h("thead", {}, [h("tr", {}, head.map(function (t) {
        return h("th", {}, [t]);
      }))]),
      h("tbody", {}, rows.map(function (cells) {
        return h("tr", {}, cells.map(function (cell, i) {
          return h("td", { "data-label": typeof head[i] === "string" ? head[i] : null }, [cell]);
        }));
      })),
    ]);
  }

  function shuffle(list) {
    for (var i = list.length - 1; i > 0; i--) {
      var j = Math.floor(Math.random() * (i + 1));
      var t = list[i];
      list[i] = list[j];
      list[j] = t;
    }
    return list;
  }

  function plural(n, word) {
    return n + " " + word + (n === 1 ? "" : "s");
  }

  /* {p: progress, note: why it cannot be kept, legacy: it came from the key of the SM-2
   * version; and when the stored text could not all be read: raw, the text, and why (it
   * was not progress at all) or dropped (the parts left out)}. Progress of format 1 read
   * whole, under the old key or the new one, is converted to format 2 and stored under the
   * new key at once; the old key goes once the new one holds it. Progress this page could
   * not store is the page's own copy. */
  function load() {
    if (memo.prog) return { p: memo.prog };
    var raw;
    var legacy = false;
    try {
      raw = Q.get(Q.key);
      if (raw === null) {
        raw = Q.get(Q.legacyKey);
        legacy = raw !== null;
      }
    } catch (e) {
      return { p: S.emptyProgress(), note: "This browser does not let the site store data: progress lasts until you leave the page." };
    }
    if (raw === null) return { p: S.emptyProgress() };
    var v = S.read(raw);
    if (v.progress && !v.dropped) {
      if ((legacy || v.migrated) && save(v.progress) && legacy) Q.remove(Q.legacyKey);
      return { p: v.progress };
    }
    return { p: v.progress || S.emptyProgress(), raw: raw, legacy: legacy, why: v.error, dropped: v.dropped };
  }

  /* Why the browser would not store progress. */
  function refusal() {
    if (held) return "the progress stored before could not be read, and there is no room to keep a copy of it, so it is left as it was";
    return Q.full ? "this browser's storage is full" : "this browser does not let the site store data";
  }

  function store(p) {
    return !held && Q.set(Q.key, JSON.stringify(p));
  }

  /* Store progress. When the browser refuses, what it held before stays stored, and the
   * page keeps this progress (memo.prog) and says it is not saved (memo.trouble). */
  function save(p) {
    return stored(p, store(p));
  }

  function stored(p, ok) {
    memo.prog = ok ? null : p;
    memo.trouble = ok ? "" : "Could not save: " + refusal() + ". Your progress is kept on this page; export it on the Progress panel to keep it.";
    return ok;
  }

  /* The first three reasons, then how many more. */
  function listed(reasons) {
    var more = reasons.length - 3;
    return reasons.slice(0, 3).join("; ") + (more > 0 ? "; and " + more + " more" : "");
  }

  /* Download `text` as a JSON file called `name`. */
  function download(text, name) {
    var a = h("a", { href: URL.createObjectURL(new Blob([text], { type: "application/json" })), download: name });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(function () {
      URL.revokeObjectURL(a.href);
    }, 10000);
  }

  function when(due, now) {
    var rel = S.relative(due, now);
    if (S.dayIndex(due) - S.dayIndex(now) < 2) return rel;
    return rel + " (" + new Date(due).toLocaleDateString(undefined, DATE) + ")";
  }

  /* ------------------------------------------------------------------ question pages */

  function statusLine(el) {
    var link = el.querySelector("a"); // the build's link to this card's flashcard, kept as written
    if (!link) return;
    var card = load().p.cards[el.getAttribute("data-qa-card")];
    var now = Date.now();
    var text = "not studied yet";
    if (card) text = "rated " + S.RATINGS[card.rating - 1] + " · " + (S.isDue(card, now) ? "due now" : "due " + S.relative(card.due, now));
    el.replaceChildren("Self-test: " + text + " · ", link);
    el.hidden = false;
  }

  /* ------------------------------------------------------------------ the self-test page */

  function mount(app, data) {
    var byId = {};
    var questions = data.cards;
    questions.forEach(function (c, i) {
      c.i = i;
      byId[c.id] = c;
    });
    var terms = data.terms || [];
    var termById = {};
    // Glossary flashcards (when the setting is on): each term asks for its definition, and
    // a definition that does not name its term asks for the term.
    var glossaryCards = [];
    terms.forEach(function (t, i) {
      termById[t.id] = t;
      var topics = t.t ? [t.t] : [];
      [["term:", t.term, t.def, "Recall its definition."], ["def:", t.def, t.term, "Which term is this?"]].forEach(function (d, k) {
        if (k && t.own) return;
        var c = { id: d[0] + t.id, i: questions.length + 2 * i + k, title: d[0] === "term:" ? t.term : "the definition of " + t.term, text: d[1], back: d[2], ask: d[3], topics: topics, term: t };
        byId[c.id] = c;
        glossaryCards.push(c);
      });
    });
    var clean = terms.filter(function (t) {
      return !t.own;
    });
    var known = function (id) {
      return byId[id];
    };
    if (memo.sess && !memo.sess.queue.every(known)) memo.sess = memo.undo = null; // the questions changed
    memo.undo = memo.undo || [];
    if (memo.quiz && !memo.quiz.items.every(function (x) { return termById[x.id]; })) memo.quiz = null;
    var loaded = load();
    var prog = loaded.p;
    var raw = loaded.raw;
    var keep = /\S/.test(raw || ""); // something in it to keep
    if (raw !== undefined) {
      // Stored text that could not all be read is copied to the backup key (unless there is
      // nothing in it) before what was read of it replaces it; with no room for the copy it
      // stays as it is, and this page works on its own copy.
      held = keep && !Q.set(Q.backupKey, raw);
      if (held) memo.prog = prog;
      else if (save(prog) && loaded.legacy) Q.remove(Q.legacyKey);
      loaded.note =
        (loaded.dropped
          ? "Part of your saved self-test progress could not be read and was left out: " + listed(loaded.dropped) + "."
          : "Your saved self-test progress could not be read (" + loaded.why + ")" + (held ? "." : ", so it was reset.")) +
        (held
          ? " There is no room in this browser's storage to keep a copy of it, so it is left as it was, and what you do on this page is not saved."
          : keep ? " A copy of it as it was is kept in this browser." : "");
    }

    var anki = document.querySelector(".qa-st-anki"); // the build's paragraph: the Progress panel shows it
    var summary = h("p", { class: "qa-st-summary" });
    var live = h("p", { class: "qa-st-sr", role: "status", "aria-live": "polite" });
    var panel = h("div", { class: "qa-st-panel" });
    var modes = [
      ["cards", "Flashcards"],
      ["points", "Key points"],
      ["quiz", "Term quiz"],
      ["progress", "Progress"],
    ].filter(function (m) {
      return m[0] !== "quiz" || clean.length >= 4;
    });
    var modeButtons = modes.map(function (m) {
      return button(m[1], function () {
        memo.mode = m[0];
        memo.msg = memo.last = "";
        render();
      });
    });
    var notice = loaded.note
      ? h("div", { class: "admonition warning qa-st-notice", role: "status" }, [
          h("p", { class: "admonition-title" }, [loaded.dropped ? "Progress partly read" : held ? "Progress not read" : "Progress reset"]),
          h("p", {}, [loaded.note]),
          keep
            ? button("Download it as it was", function () {
                download(raw, "qa-study-progress-unread-" + S.dayKey(Date.now()) + ".json");
              }, "", { "data-act": "backup" })
            : null,
        ])
      : null;
    var trouble = h("div", { class: "qa-st-trouble", role: "alert" }); // a refused save, said once
    var shown = "";
    app.replaceChildren(
      notice || "",
      trouble,
      summary,
      h("div", { class: "qa-st-modes", role: "group", "aria-label": "Self-test mode" }, modeButtons),
      live,
      panel
    );
    app.hidden = false;
    app.parentElement.classList.add("qa-st-on");

    function say(text) {
      live.textContent = live.textContent === text ? text + "\u00a0" : text;
    }

    /* Any change but a rating of a flashcard: it cannot be undone, nor can the ratings before it. */
    function commit(now) {
      S.markDay(prog, now);
      save(prog);
      memo.undo = [];
    }

    /* The cards the flashcards draw from: every question, and the glossary's when chosen. */
    function deck() {
      return prog.settings.glossary ? questions.concat(glossaryCards) : questions;
    }

    function name(c) {
      return c.term ? "“" + c.term.term + "”" : "question " + c.n;
    }

    function dueInfo(now) {
      var d = { due: 0, fresh: 0, next: Infinity, all: 0 };
      deck().forEach(function (c) {
        var rec = prog.cards[c.id];
        d.all += 1;
        if (S.isDue(rec, now)) {
          d.due += 1;
          if (!rec) d.fresh += 1;
        } else d.next = Math.min(d.next, rec.due);
      });
      return d;
    }

    function renderSummary() {
      var now = Date.now();
      var d = dueInfo(now);
      summary.replaceChildren(
        h("strong", { class: "qa-st-due" }, [plural(d.due, "card") + " due now"]),
        d.fresh ? " (" + d.fresh + " new)" : "",
        d.next < Infinity ? " · next due " + when(d.next, now) : "",
        " · study streak: " + plural(S.streak(prog.days, now), "day")
      );
    }

    function render(focus) {
      if (shown !== memo.trouble) {
        shown = memo.trouble;
        trouble.replaceChildren(shown ? h("div", { class: "admonition failure" }, [h("p", { class: "admonition-title" }, ["Not saved"]), h("p", {}, [shown])]) : "");
      }
      modeButtons.forEach(function (b, i) {
        b.setAttribute("aria-pressed", String(modes[i][0] === memo.mode));
      });
      var view = { cards: flashcards, points: keyPoints, quiz: quiz, progress: progress }[memo.mode] || flashcards;
      panel.replaceChildren.apply(panel, view().flat().filter(Boolean));
      renderSummary();
      if (window.QATypesetMaths) window.QATypesetMaths(panel); // maths in answers and points (qa.js)
      if (focus) {
        var el = panel.querySelector(focus);
        if (el) el.focus();
      }
    }

    function question(c) {
      if (c.term) return [h("h2", { class: "qa-st-q", tabindex: "-1" }, [c.text]), h("p", { class: "qa-st-meta" }, [c.ask])];
      return [
        h("h2", { class: "qa-st-q", tabindex: "-1" }, [c.n + ". ", h("span", { html: c.q })]),
        c.body ? h("div", { html: c.body }) : null,
      ];
    }

    function answer(c) {
      if (!c.term) return h("div", { class: "qa-st-answer", tabindex: "-1", html: c.a });
      return h("div", { class: "qa-st-answer", tabindex: "-1" }, [
        h("p", {}, [c.back]),
        h("p", {}, [h("a", { href: data.glossary + "#" + c.term.id }, ["Glossary: " + c.term.term])]),
      ]);
    }

    /* Rate card `id` (1 Again … 4 Easy) and say when it comes back. Returns the undo token. */
    function rateCard(id, r, now) {
      var token = S.rate(prog, id, r, now);
      save(prog);
      memo.last = "Rated " + S.RATINGS[r - 1] + ": " + name(byId[id]) + " is due again " + when(prog.cards[id].due, now) + ".";
      say(memo.last);
      return token;
    }

    /* The four rating buttons, each with when the card would come back; `suggested` (1-4)
     * is marked, as the key points' score suggests it. */
    function ratings(id, onrate, label, suggested) {
      var now = Date.now();
      var previews = S.preview(prog.cards[id], now, prog.settings.retention);
      return h(
        "div",
        { class: "qa-st-rate", role: "group", "aria-label": label },
        S.RATINGS.map(function (r, i) {
          var mine = suggested === i + 1;
          return button(
            [h("span", {}, [h("kbd", {}, [String(i + 1)]), " " + r + (mine ? " (suggested)" : "")]), h("small", {}, [S.relative(previews[i], now)])],
            function () {
              onrate(i + 1);
            },
            "qa-st-r" + (i + 1) + (mine ? " md-button--primary" : ""),
            { "aria-keyshortcuts": String(i + 1) }
          );
        })
      );
    }

    /* ---------------------------------------------------------------- flashcards */

    /* What a session studies: due cards (soonest due first, then new ones in document order),
     * all cards ("Study all anyway", in the same order), the weakest first (lowest FSRS
     * retrievability, then new cards), shuffled, one topic (due first), or one card. */
    function start(kind, one) {
      var now = Date.now();
      var ids = one ? [one] : S.session(deck(), prog.cards, kind, now);
      if (kind === "shuffle") shuffle(ids);
      memo.sess = { kind: kind, queue: ids, pos: 0, shown: false, seen: [], counts: [0, 0, 0, 0] };
      memo.study = one || kind === "all" ? memo.study : kind;
      memo.last = "";
      memo.undo = [];
    }

    function reveal() {
      memo.sess.shown = true;
      render(".qa-st-answer");
    }

    function rate(r) {
      var s = memo.sess;
      var id = s.queue[s.pos];
      var now = Date.now();
      var before = { sess: JSON.stringify(s), last: memo.last };
      before.token = rateCard(id, r, now);
      memo.undo.push(before);
      s.counts[r - 1] += 1;
      if (s.seen.indexOf(id) < 0) s.seen.push(id);
      s.pos += 1;
      s.shown = false;
      // A learning step comes back at the end of the session, not a day interval due at midnight.
      var rec = prog.cards[id];
      if (!rec.scheduled_days && rec.due - now <= LEARN_AHEAD && s.kind !== "one") s.queue.push(id);
      render(s.pos < s.queue.length ? "[data-act=reveal]" : ".qa-st-done");
    }

    /* Back to the card before the last rating: its state, the review log, the study days
     * and the session exactly as they were, the answer still shown. */
    function undoLast() {
      var u = memo.undo.pop();
      if (!u) return;
      S.undo(prog, u.token);
      save(prog);
      memo.sess = JSON.parse(u.sess);
      memo.last = u.last;
      say("Rating undone: " + name(byId[u.token.id]) + " is as it was before.");
      render(".qa-st-answer");
    }

    function topics() {
      var count = {};
      deck().forEach(function (c) {
        c.topics.forEach(function (t) {
          count[t] = (count[t] || 0) + 1;
        });
      });
      return Object.keys(count).sort().map(function (t) {
        return ["topic:" + t, "Topic: " + t + " (" + count[t] + ")"];
      });
    }

    function studyButton(label, kind) {
      return button(label, function () {
        start(kind);
        say(label + ": " + plural(memo.sess.queue.length, "card") + ".");
        render("[data-act=reveal], .qa-st-done");
      });
    }

    function flashcards() {
      var s = memo.sess;
      if (!s) {
        start(memo.study);
        s = memo.sess;
      }
      var now = Date.now();
      var d = dueInfo(now);
      var done = s.pos >= s.queue.length;
      var choices = [["due", "Due cards"], ["weakest", "Weakest first"], ["shuffle", "Shuffled"]].concat(topics());
      var tools = h("div", { class: "qa-st-tools" }, [
        h("label", {}, [
          "Study ",
          h(
            "select",
            {
              id: "qa-st-study",
              onchange: function (e) {
                start(e.target.value);
                say("Studying " + e.target.selectedOptions[0].textContent.replace(/ \(\d+\)$/, "").toLowerCase() + ": " + plural(memo.sess.queue.length, "card") + ".");
                render();
              },
            },
            choices.map(function (o) {
              return h("option", { value: o[0], selected: memo.study === o[0] }, [o[1]]);
            })
          ),
        ]),
        // Only when they mean something: some cards not due; some due, and not being studied.
        (s.kind === "due" || s.kind === "one") && d.due < d.all ? studyButton("Study all anyway", "all") : null,
        d.due && (s.kind !== "due" || done) ? studyButton("Study due cards", "due") : null,
        memo.undo.length ? keyed("Undo rating", "U", undoLast, "", { "data-act": "undo" }) : null,
      ]);
      if (!s.queue.length) {
        return [
          tools,
          h("p", { class: "qa-st-done", tabindex: "-1" }, [
            s.kind === "due" ? "No cards are due now" + (d.next < Infinity ? "; the next one is due " + when(d.next, now) : "") + ". Choose “Study all anyway” to practise before then." : "No cards to study here.",
          ]),
        ];
      }
      if (done) return [tools].concat(sessionSummary(now));
      var c = byId[s.queue[s.pos]];
      var rec = prog.cards[c.id];
      var meta = "Card " + (s.pos + 1) + " of " + s.queue.length + " · " + (rec ? "last rated " + S.RATINGS[rec.rating - 1] : "new");
      return [
        tools,
        memo.last ? h("p", { class: "qa-st-last" }, [memo.last]) : null,
        h("div", { class: "qa-st-card", id: c.anchor ? c.anchor.replace("card-", "qa-st-") : null }, [
          h("p", { class: "qa-st-meta" }, [meta]),
          question(c),
          s.shown ? [answer(c), ratings(c.id, rate, "How well did you know it?")] : keyed("Show answer", " ", reveal, "md-button--primary", { "data-act": "reveal" }),
        ]),
      ];
    }

    function sessionSummary(now) {
      var s = memo.sess;
      var counts = S.RATINGS.map(function (r, i) {
        return r + " " + s.counts[i];
      }).join(" · ");
      return [
        h("h2", { class: "qa-st-done", tabindex: "-1" }, ["Session complete"]),
        h("p", {}, ["You saw " + plural(s.seen.length, "card") + ". Ratings: " + counts + "."]),
        h("div", { class: "qa-st-table" }, [
          table(["Card", "Rated", "Next due"], s.seen.map(function (id) {
            var rec = prog.cards[id];
            var c = byId[id];
            return [c.term ? c.title : c.n + ". " + c.title, S.RATINGS[rec.rating - 1], when(rec.due, now)];
          })),
        ]),
      ];
    }

    /* ---------------------------------------------------------------- key points */

    /* Recall, tick the points recalled, then confirm the rating the score suggests: key-point
     * practice is a review of the card for the scheduler too. */
    function keyPoints() {
      var c = questions[memo.kp % questions.length];
      var score = prog.points[c.id];
      var out = [
        h("p", { class: "qa-st-meta" }, [
          "Question " + ((memo.kp % questions.length) + 1) + " of " + questions.length,
          score ? " · last score " + score.got + "/" + score.total : "",
        ]),
      ].concat(question(c));
      var step = memo.kpStep;
      if (!step) {
        out.push(
          h("p", {}, [c.points.length ? "Recall the answer's key points, then check them." : "Recall the answer, then check it."]),
          button(c.points.length ? "Show the key points" : "Show answer", function () {
            memo.kpStep = 1;
            memo.kpTicks = [];
            memo.kpResult = "";
            render(".qa-st-check input, .qa-st-answer");
          }, "md-button--primary")
        );
      } else if (c.points.length) {
        out.push(
          h("fieldset", { class: "qa-st-check", disabled: step > 1 }, [h("legend", {}, ["Tick the points you recalled"])].concat(
            c.points.map(function (p, i) {
              return h("label", {}, [
                h("input", {
                  type: "checkbox",
                  checked: !!memo.kpTicks[i],
                  onchange: function (e) {
                    memo.kpTicks[i] = e.target.checked;
                  },
                }),
                " ",
                h("span", { html: p }),
              ]);
            })
          )),
          step > 1 ? null : button("Score", function () {
            var now = Date.now();
            var got = memo.kpTicks.filter(Boolean).length;
            var total = c.points.length;
            prog.points[c.id] = { got: got, total: total, at: now };
            commit(now);
            memo.kpStep = 2;
            memo.kpResult = "Score: " + got + " of " + total + " (" + Math.round((100 * got) / total) + "%).";
            say(memo.kpResult + " Suggested rating: " + S.RATINGS[S.suggest(got, total) - 1] + ".");
            render(".qa-st-result");
          }, "md-button--primary")
        );
      } else {
        out.push(answer(c));
      }
      if (memo.kpResult) out.push(h("p", { class: "qa-st-result", tabindex: "-1" }, [h("strong", {}, [memo.kpResult])]));
      if ((step === 2 || (step === 1 && !c.points.length))) {
        var suggested = score && c.points.length ? S.suggest(score.got, score.total) : 0;
        out.push(
          h("p", {}, [suggested ? "Your score suggests " + S.RATINGS[suggested - 1] + ": confirm it, or choose another rating for the flashcard." : "How well did you know it? The rating schedules the flashcard."]),
          ratings(c.id, function (r) {
            rateCard(c.id, r, Date.now());
            memo.undo = [];
            memo.kpStep = 3;
            render("[data-act=next]");
          }, "Rate the flashcard", suggested)
        );
      }
      if (step === 3) out.push(h("p", { class: "qa-st-last" }, [memo.last]));
      function go(n) {
        return function () {
          memo.kp = (memo.kp + n + questions.length) % questions.length;
          memo.kpStep = 0;
          memo.kpResult = "";
          render(".qa-st-q");
        };
      }
      out.push(h("div", { class: "qa-st-tools" }, [button("Previous question", go(-1)), button("Next question", go(1), step === 3 ? "md-button--primary" : "", { "data-act": "next" })]));
      return out;
    }

    /* ---------------------------------------------------------------- term quiz */

    /* Four options for term `t`: it and three others, related terms first, then its topic's,
     * then any; `pool` is what may be an option (definitions that do not name their term).
     * Never one whose name or definition says `t`'s name (`t.x`): it would give `t` away. */
    function options(t, pool) {
      var picked = [t.id];
      var avoid = t.x || [];
      [t.related, t.topic, shuffle(pool.slice())].forEach(function (group) {
        shuffle(group.slice()).forEach(function (id) {
          if (picked.length < 4 && pool.indexOf(id) >= 0 && picked.indexOf(id) < 0 && avoid.indexOf(id) < 0) picked.push(id);
        });
      });
      return shuffle(picked);
    }

    /* A round of 10: half ask for the term of a definition, half for the definition of a
     * term. Neither ever shows a definition that names its own term. */
    function quiz() {
      var q = memo.quiz;
      var ids = clean.map(function (t) {
        return t.id;
      });
      if (!q) {
        q = memo.quiz = { pos: 0, right: 0, chosen: null };
        q.items = shuffle(ids.slice()).slice(0, 10).map(function (id, i) {
          return { id: id, def: i % 2 === 0, opts: options(termById[id], i % 2 ? ids : Object.keys(termById)) };
        });
        shuffle(q.items);
      }
      if (q.pos >= q.items.length) {
        return [
          h("h2", { class: "qa-st-done", tabindex: "-1" }, ["Round complete: " + q.right + " of " + q.items.length + " right"]),
          button("New round", function () {
            memo.quiz = null;
            render(".qa-st-opts button");
          }, "md-button--primary"),
        ];
      }
      var item = q.items[q.pos];
      var t = termById[item.id];
      var label = function (id) {
        return item.def ? termById[id].term : termById[id].def;
      };
      var link = h("a", { href: data.glossary + "#" + t.id }, [t.term]);
      var out = [
        h("p", { class: "qa-st-meta" }, ["Question " + (q.pos + 1) + " of " + q.items.length + " · " + q.right + " right so far"]),
        h("h2", {}, [item.def ? "Which term is this?" : "Which definition fits this term?"]),
        h("blockquote", { class: "qa-st-def" }, [item.def ? t.def : t.term]),
        h(
          "div",
          { class: "qa-st-opts" + (item.def ? "" : " qa-st-defs"), role: "group", "aria-label": "Options" },
          item.opts.map(function (id) {
            var mark = q.chosen === null ? "" : id === t.id ? "✓ " : id === q.chosen ? "✗ " : "";
            var state = q.chosen === null ? "" : id === t.id ? " qa-st-right" : id === q.chosen ? " qa-st-wrong" : "";
            return button(mark + label(id), function () {
              if (q.chosen !== null) return;
              q.chosen = id;
              var right = id === t.id;
              if (right) q.right += 1;
              prog.quiz[right ? "right" : "wrong"] += 1;
              commit(Date.now());
              say(right ? "Right: " + t.term + "." : "Not quite: the answer is " + t.term + ".");
              render("[data-act=next]");
            }, state, { "aria-disabled": q.chosen === null ? null : "true" });
          })
        ),
      ];
      if (q.chosen !== null) {
        out.push(
          h("p", { class: "qa-st-result" }, q.chosen === t.id
            ? [h("strong", {}, ["✓ Right: "]), link, "."]
            : [h("strong", {}, ["✗ Not quite. "]), item.def ? "You chose " + termById[q.chosen].term + "; the answer is " : "That is the definition of " + termById[q.chosen].term + "; see ", link, "."]),
          button(q.pos + 1 < q.items.length ? "Next question" : "See your score", function () {
            q.pos += 1;
            q.chosen = null;
            render(".qa-st-opts button, .qa-st-done");
          }, "md-button--primary", { "data-act": "next" })
        );
      }
      return out;
    }

    /* ---------------------------------------------------------------- progress */

    function progress() {
      var now = Date.now();
      var levels = questions.map(function (c) {
        return S.mastery(prog.cards[c.id]);
      });
      var total = levels.reduce(function (a, b) {
        return a + b;
      }, 0);
      var studied = levels.filter(Boolean).length;
      var mastered = levels.filter(function (l) {
        return l === 4;
      }).length;
      // The last 14 days: weekday and date on screen, the full date and whether it was a
      // study day for screen readers.
      var days = [];
      for (var i = 13; i >= 0; i--) {
        var day = new Date(S.addDays(now, -i));
        var did = prog.days.indexOf(S.dayKey(day)) >= 0;
        days.push(h("li", { class: did ? "qa-st-did" : null, "aria-current": i ? null : "date" }, [
          h("span", { "aria-hidden": "true" }, [day.toLocaleDateString(undefined, { weekday: "narrow" }), h("b", {}, [String(day.getDate())]), did ? "✓" : "·"]),
          h("span", { class: "qa-st-sr" }, [(i ? "" : "Today, ") + day.toLocaleDateString(undefined, { weekday: "long", day: "numeric", month: "long" }) + (did ? ": studied" : ": not studied")]),
        ]));
      }
      var rows = questions.map(function (c, i) {
        var rec = prog.cards[c.id];
        var pts = prog.points[c.id];
        return [
          c.href ? h("a", { href: c.href }, [c.n + ". " + c.title]) : c.n + ". " + c.title,
          [h("meter", { min: "0", max: "4", value: String(levels[i]), "aria-hidden": "true" }), " " + S.LEVELS[levels[i]]],
          rec ? S.RATINGS[rec.rating - 1] + ", due " + when(rec.due, now) : "—",
          rec ? Math.round(100 * S.retrievability(rec, now)) + "%" : "—",
          pts ? pts.got + "/" + pts.total : "—",
          button("Practise", function () {
            memo.mode = "cards";
            start("one", c.id);
            render("[data-act=reveal]");
          }, "qa-st-small", { "aria-label": "Practise question " + c.n }),
        ];
      });
      var studiedTerms = glossaryCards.filter(function (c) {
        return prog.cards[c.id];
      }).length;
      function tell(text, bad, focus) {
        memo.msg = text;
        memo.bad = !!bad;
        say(text);
        render(focus);
      }
      var retention = Math.round(prog.settings.retention * 100);
      var retain = h("input", {
        type: "number",
        id: "qa-st-retention",
        min: "70",
        max: "99",
        step: "1",
        value: String(retention),
        "aria-describedby": "qa-st-retention-help",
        onchange: function () {
          var v = Number(retain.value);
          if (!(Math.round(v) === v && v >= 70 && v <= 99))
            return tell("Desired retention is a whole number from 70 to 99: it stays at " + retention + " %.", true, "#qa-st-retention");
          if (v === retention) return;
          var changed = S.setRetention(prog, v / 100);
          save(prog);
          memo.sess = null;
          memo.undo = [];
          tell("Desired retention is now " + v + " %: " + plural(changed, "card") + " rescheduled.", false, "#qa-st-retention");
        },
      });
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
            var why = !v.json ? "it is not a JSON file" : !p ? v.error : v.dropped && !Object.keys(p.cards).length ? listed(v.dropped) : store(p) ? "" : refusal();
            if (why) return tell("Could not import “" + f.name + "”: " + why + ". Your progress has not changed.", true);
            prog = p;
            stored(prog, true);
            memo.sess = null;
            memo.undo = [];
            var how = v.migrated ? " (converted from the earlier SM-2 format)" : "";
            tell("Imported progress from “" + f.name + "”" + how + ": " + plural(Object.keys(prog.cards).length, "card") + " studied." + (v.dropped ? " Left out, as it could not be read: " + listed(v.dropped) + "." : ""));
          });
        },
      });
      var out = [
        h("h2", { tabindex: "-1" }, ["Mastery"]),
        h("p", {}, [
          h("strong", {}, ["Overall " + Math.round((100 * total) / (4 * questions.length)) + "%"]),
          " · " + studied + " of " + questions.length + " questions studied · " + mastered + " mastered",
          glossaryCards.length ? " · glossary cards: " + studiedTerms + " of " + glossaryCards.length + " studied" : "",
        ]),
        h("p", {}, [
          "Study streak: " + plural(S.streak(prog.days, now), "day") + " · " + plural(prog.days.length, "study day") + " in all · term quiz: " + prog.quiz.right + " right, " + prog.quiz.wrong + " wrong",
        ]),
        h("p", { class: "qa-st-meta", id: "qa-st-days" }, ["Study days, the last two weeks (✓ studied, · not):"]),
        h("ol", { class: "qa-st-days", "aria-labelledby": "qa-st-days" }, days),
        h("div", { class: "qa-st-table" }, [table(["Question", "Mastery", "Flashcard", "Recall", "Key points", h("span", { class: "qa-st-sr" }, ["Practise"])], rows)]),
        h("p", { class: "qa-st-meta" }, ["Recall: the chance you would recall the answer now, as FSRS estimates it."]),
        h("h2", {}, ["Scheduling"]),
        h("p", { class: "qa-st-retain" }, [h("label", { for: "qa-st-retention" }, ["Desired retention"]), " ", retain, " %"]),
        h("p", { class: "qa-st-meta", id: "qa-st-retention-help" }, [
          "How likely you should be to recall a card when it falls due, 70 to 99 %: higher means shorter intervals and more reviews. " +
            "A change re-runs each card's review history with the new value. Scheduler: ts-fsrs " + S.FSRS.FSRSVersion + ", default parameters.",
        ]),
        glossaryCards.length
          ? h("p", { class: "qa-st-check" }, [
              h("label", {}, [
                h("input", {
                  type: "checkbox",
                  id: "qa-st-glossary",
                  checked: !!prog.settings.glossary,
                  onchange: function (e) {
                    prog.settings.glossary = e.target.checked;
                    save(prog);
                    memo.sess = null;
                    memo.undo = [];
                    tell(e.target.checked ? "Glossary cards are in the flashcards: " + plural(glossaryCards.length, "card") + " more." : "Glossary cards are out of the flashcards.", false, "#qa-st-glossary");
                  },
                }),
                " Glossary cards in the flashcards: each term asks for its definition, and its definition for the term (" + plural(glossaryCards.length, "card") + ")",
              ]),
            ])
          : null,
        h("h2", {}, ["Keep your progress"]),
        h("p", {}, ["Progress is saved in this browser only. Export it to a file to move it to another browser, then import it there; importing replaces the progress here."]),
        anki,
        h("div", { class: "qa-st-tools" }, [
          button("Export progress", function () {
            var name = "qa-study-progress-" + S.dayKey(Date.now()) + ".json";
            download(JSON.stringify(prog, null, 2), name);
            tell("Progress exported to " + name + ".");
          }),
          h("label", { class: "md-button", for: "qa-st-import" }, ["Import progress…"]),
          file,
          memo.confirm ? null : button("Reset progress…", function () {
            memo.confirm = true;
            render("[data-act=keep]");
          }, "", { "data-act": "reset" }),
        ]),
        memo.msg ? h("p", { class: "qa-st-msg" + (memo.bad ? " qa-st-bad" : "") }, [memo.msg]) : null,
      ];
      if (memo.confirm) {
        out.push(
          h("div", { class: "admonition warning", role: "group", "aria-label": "Confirm reset" }, [
            h("p", {}, ["Delete all self-test progress saved in this browser? This cannot be undone."]),
            h("div", { class: "qa-st-tools" }, [
              button("Delete my progress", function () {
                var settings = prog.settings; // preferences, not progress
                prog = S.emptyProgress();
                prog.settings = settings;
                save(prog);
                memo.sess = null;
                memo.undo = [];
                memo.quiz = null;
                memo.confirm = false;
                tell("Progress reset: every card is new again.");
                panel.querySelector("h2").focus();
              }),
              button("Keep it", function () {
                memo.confirm = false;
                render("[data-act=reset]");
              }, "md-button--primary", { "data-act": "keep" }),
            ]),
          ])
        );
      }
      return out;
    }

    /* ---------------------------------------------------------------- keys, deep links */

    // Space, 1-4 and U press the button on screen that has that shortcut (aria-keyshortcuts):
    // Show answer, a rating (flashcards and key points), Undo rating.
    document.addEventListener(
      "keydown",
      function (e) {
        var t = e.target;
        var key = e.key === " " ? "Space" : e.key.toUpperCase();
        if (e.ctrlKey || e.metaKey || e.altKey || t.isContentEditable || !/^(Space|U|[1-4])$/.test(key)) return;
        if (/^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName) || (key === "Space" && /^(BUTTON|A|SUMMARY|LABEL)$/.test(t.tagName))) return;
        var b = panel.querySelector('[aria-keyshortcuts="' + key + '"]');
        if (b) {
          e.preventDefault();
          b.click();
        }
      },
      { signal: ctl.signal }
    );

    // "Practise this card" on a question page links here: a session of that one card.
    var target = location.hash.slice(1);
    var linked = questions.filter(function (c) {
      return c.anchor === target;
    })[0];
    if (linked) {
      memo.mode = "cards";
      start("one", linked.id);
    }
    render(linked ? ".qa-st-q" : null);
    if (loaded.note) say(loaded.note);
  }

  function init() {
    if (ctl) ctl.abort();
    ctl = new AbortController();
    var status = document.querySelector(".qa-selftest-status[data-qa-card]");
    if (status) statusLine(status);
    var app = document.getElementById("qa-selftest");
    var source = document.getElementById("qa-selftest-data");
    if (app && source) mount(app, JSON.parse(source.textContent));
  }

  if (window.document$ && window.document$.subscribe) window.document$.subscribe(init);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
