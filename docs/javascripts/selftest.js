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
  var ORDERS = [
    ["due", "Due first"],
    ["weakest", "Weakest first"],
    ["shuffle", "Shuffled"],
  ];
  var ctl = null; // AbortController of the current page's listeners
  // What survives instant navigation (not reloads): mode, session, positions, undo.
  var memo = { mode: "cards", sess: null, order: "due", undo: [], kp: 0, kpShown: false, kpTicks: [], kpResult: "", quiz: null, confirm: false, last: "", msg: "" };

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
    (kids || []).flat().forEach(function (kid) {
      if (kid !== null && kid !== undefined && kid !== false) el.append(kid);
    });
    return el;
  }

  function button(label, onclick, cls, attrs) {
    var a = Object.assign({ type: "button", class: "md-button" + (cls ? " " + cls : ""), onclick: onclick }, attrs);
    return h("button", a, [].concat(label));
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

  /* {p: progress, note: why it was reset or cannot be kept, bad: stored data was unusable,
   * legacy: it came from the key of the SM-2 version}. Progress of format 1, under the old
   * key or the new one, is converted to format 2 and stored under the new key at once; the
   * old key goes once the new one holds it. */
  function load() {
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
    var data;
    try {
      data = JSON.parse(raw);
    } catch (e) {
      data = "not JSON";
    }
    var v = S.validate(data);
    if (v.progress) {
      if ((legacy || v.migrated) && save(v.progress) && legacy) Q.remove(Q.legacyKey);
      return { p: v.progress };
    }
    var why = data === "not JSON" ? "it was not valid JSON" : v.error;
    return { p: S.emptyProgress(), bad: true, legacy: legacy, note: "Your saved self-test progress could not be read (" + why + "), so it was reset." };
  }

  /* false when the browser refuses (private mode, full): progress lasts for this page */
  function save(p) {
    return Q.set(Q.key, JSON.stringify(p));
  }

  function when(due, now) {
    var rel = S.relative(due, now);
    if (S.dayIndex(due) - S.dayIndex(now) < 2) return rel;
    var date = new Date(due).toLocaleDateString(undefined, { weekday: "short", day: "numeric", month: "short" });
    return rel + " (" + date + ")";
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
    var cards = data.cards;
    var byId = {};
    cards.forEach(function (c, i) {
      byId[c.id] = c;
      c.i = i;
    });
    var terms = data.terms || [];
    var termById = {};
    terms.forEach(function (t) {
      termById[t.id] = t;
    });
    var known = function (id) {
      return byId[id];
    };
    if (memo.sess && !memo.sess.queue.every(known)) memo.sess = memo.undo = null; // the questions changed
    memo.undo = memo.undo || [];
    if (memo.quiz && !memo.quiz.ids.every(function (id) { return termById[id]; })) memo.quiz = null;
    var loaded = load();
    var prog = loaded.p;
    if (loaded.bad && save(prog) && loaded.legacy) Q.remove(Q.legacyKey);

    var summary = h("p", { class: "qa-st-summary" });
    var live = h("p", { class: "qa-st-sr", role: "status", "aria-live": "polite" });
    var panel = h("div", { class: "qa-st-panel" });
    var modes = [
      ["cards", "Flashcards"],
      ["points", "Key points"],
      ["quiz", "Term quiz"],
      ["progress", "Progress"],
    ].filter(function (m) {
      return m[0] !== "quiz" || terms.length;
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
          h("p", { class: "admonition-title" }, ["Progress reset"]),
          h("p", {}, [loaded.note]),
        ])
      : null;
    app.replaceChildren(
      notice || "",
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

    /* Any change but a rating: it cannot be undone, nor can the ratings before it. */
    function commit(now) {
      S.markDay(prog, now);
      save(prog);
      memo.undo = [];
    }

    function dueInfo(now) {
      var due = 0;
      var fresh = 0;
      var next = Infinity;
      cards.forEach(function (c) {
        var rec = prog.cards[c.id];
        if (S.isDue(rec, now)) {
          due += 1;
          if (!rec) fresh += 1;
        } else next = Math.min(next, rec.due);
      });
      return { due: due, fresh: fresh, next: next };
    }

    function renderSummary() {
      var now = Date.now();
      var d = dueInfo(now);
      var parts = [
        h("strong", { class: "qa-st-due" }, [plural(d.due, "card") + " due now"]),
        d.fresh ? " (" + d.fresh + " new)" : "",
        d.next < Infinity ? " · next due " + when(d.next, now) : "",
        " · study streak: " + plural(S.streak(prog.days, now), "day"),
      ];
      summary.replaceChildren.apply(summary, parts);
    }

    function render(focus) {
      modeButtons.forEach(function (b, i) {
        b.setAttribute("aria-pressed", String(modes[i][0] === memo.mode));
      });
      var view = { cards: flashcards, points: keyPoints, quiz: quiz, progress: progress }[memo.mode] || flashcards;
      panel.replaceChildren.apply(
        panel,
        view()
          .flat()
          .filter(function (el) {
            return el;
          })
      );
      renderSummary();
      if (focus) {
        var el = panel.querySelector(focus);
        if (el) el.focus();
      }
    }

    /* ---------------------------------------------------------------- flashcards */

    /* `ids` in the chosen order. Due first: cards seen before, soonest (most overdue) due
     * first, then new cards in document order. Weakest first: the lowest FSRS
     * retrievability first, then new cards. Shuffled. */
    function ordered(ids, now) {
      if (memo.order === "shuffle") return shuffle(ids);
      ids.sort(function (a, b) {
        return byId[a].i - byId[b].i;
      });
      if (memo.order === "weakest") return S.weakestFirst(ids, prog.cards, now);
      return ids.sort(function (a, b) {
        var ra = prog.cards[a];
        var rb = prog.cards[b];
        return (ra ? ra.due : 9e15) - (rb ? rb.due : 9e15) || byId[a].i - byId[b].i;
      });
    }

    function start(all, first) {
      var now = Date.now();
      var ids = cards
        .filter(function (c) {
          return all || S.isDue(prog.cards[c.id], now);
        })
        .map(function (c) {
          return c.id;
        });
      ids = ordered(ids, now);
      if (first)
        ids = [first].concat(
          ids.filter(function (id) {
            return id !== first;
          })
        );
      memo.sess = { queue: ids, pos: 0, shown: false, seen: [], counts: [0, 0, 0, 0] };
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
      before.token = S.rate(prog, id, r, now);
      save(prog);
      memo.undo.push(before);
      var card = prog.cards[id];
      s.counts[r - 1] += 1;
      if (s.seen.indexOf(id) < 0) s.seen.push(id);
      s.pos += 1;
      s.shown = false;
      if (card.due - now <= LEARN_AHEAD) s.queue.push(id); // a learning step: once more at the end of the session
      memo.last = "Rated " + S.RATINGS[r - 1] + ": question " + byId[id].n + " is due again " + when(card.due, now) + ".";
      say(memo.last);
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
      say("Rating undone: question " + byId[u.token.id].n + " is as it was before.");
      render(".qa-st-answer");
    }

    function question(c) {
      return [
        h("h2", { class: "qa-st-q", tabindex: "-1" }, [c.n + ". ", h("span", { html: c.q })]),
        c.body ? h("div", { html: c.body }) : null,
      ];
    }

    function flashcards() {
      var s = memo.sess;
      if (!s) {
        start(false);
        s = memo.sess;
      }
      var now = Date.now();
      var tools = h("div", { class: "qa-st-tools" }, [
        h("label", {}, [
          "Order ",
          h(
            "select",
            {
              onchange: function (e) {
                memo.order = e.target.value;
                s.queue = s.queue.slice(0, s.pos).concat(ordered(s.queue.slice(s.pos), Date.now()));
                s.shown = false;
                say("Cards ordered: " + e.target.selectedOptions[0].textContent.toLowerCase() + ".");
                render();
              },
            },
            ORDERS.map(function (o) {
              return h("option", { value: o[0], selected: memo.order === o[0] }, [o[1]]);
            })
          ),
        ]),
        button("Study all anyway", function () {
          start(true);
          say("Studying all " + plural(cards.length, "card") + ".");
          render("[data-act=reveal]");
        }),
        memo.undo.length
          ? button(["Undo rating ", h("kbd", {}, ["U"])], undoLast, "", { "data-act": "undo", "aria-keyshortcuts": "U" })
          : null,
      ]);
      if (!s.queue.length) {
        var next = dueInfo(now).next;
        return [
          tools,
          h("p", { class: "qa-st-done", tabindex: "-1" }, [
            "No cards are due now" + (next < Infinity ? "; the next one is due " + when(next, now) : "") + ". ",
            "Choose “Study all anyway” to practise before then.",
          ]),
        ];
      }
      if (s.pos >= s.queue.length) return [tools].concat(sessionSummary(now));
      var last = memo.last ? h("p", { class: "qa-st-last" }, [memo.last]) : null;
      var c = byId[s.queue[s.pos]];
      var rec = prog.cards[c.id];
      var previews = S.preview(rec, now, prog.settings.retention);
      var meta = "Card " + (s.pos + 1) + " of " + s.queue.length + " · " + (rec ? "last rated " + S.RATINGS[rec.rating - 1] : "new");
      return [
        tools,
        last,
        h("div", { class: "qa-st-card", id: c.anchor.replace("card-", "qa-st-") }, [
          h("p", { class: "qa-st-meta" }, [meta]),
          question(c),
          s.shown
            ? null
            : button(["Show answer ", h("kbd", {}, ["Space"])], reveal, "md-button--primary", {
                "data-act": "reveal",
                "aria-keyshortcuts": "Space",
              }),
          s.shown ? h("div", { class: "qa-st-answer", tabindex: "-1", html: c.a }) : null,
          s.shown
            ? h(
                "div",
                { class: "qa-st-rate", role: "group", "aria-label": "How well did you know it?" },
                S.RATINGS.map(function (name, i) {
                  return button(
                    [h("span", {}, [h("kbd", {}, [String(i + 1)]), " " + name]), h("small", {}, [S.relative(previews[i], now)])],
                    function () {
                      rate(i + 1);
                    },
                    "qa-st-r" + (i + 1),
                    { "aria-keyshortcuts": String(i + 1) }
                  );
                })
              )
            : null,
        ]),
      ];
    }

    function sessionSummary(now) {
      var s = memo.sess;
      var rows = s.seen.map(function (id) {
        var rec = prog.cards[id];
        return h("tr", {}, [
          h("td", {}, [byId[id].n + ". " + byId[id].title]),
          h("td", {}, [S.RATINGS[rec.rating - 1]]),
          h("td", {}, [when(rec.due, now)]),
        ]);
      });
      var counts = S.RATINGS.map(function (name, i) {
        return name + " " + s.counts[i];
      }).join(" · ");
      return [
        h("h2", { class: "qa-st-done", tabindex: "-1" }, ["Session complete"]),
        h("p", {}, ["You saw " + plural(s.seen.length, "card") + ". Ratings: " + counts + "."]),
        h("table", {}, [
          h("thead", {}, [h("tr", {}, [h("th", {}, ["Question"]), h("th", {}, ["Rated"]), h("th", {}, ["Next due"])])]),
          h("tbody", {}, rows),
        ]),
        button("Study due cards", function () {
          start(false);
          render("[data-act=reveal], .qa-st-done");
        }),
      ];
    }

    /* ---------------------------------------------------------------- key points */

    function keyPoints() {
      var c = cards[memo.kp % cards.length];
      var score = prog.points[c.id];
      var out = [
        h("p", { class: "qa-st-meta" }, [
          "Question " + ((memo.kp % cards.length) + 1) + " of " + cards.length,
          score ? " · last score " + score.got + "/" + score.total : "",
        ]),
      ].concat(question(c));
      function scored(got, total) {
        var now = Date.now();
        prog.points[c.id] = { got: got, total: total, at: now };
        commit(now);
        memo.kpResult = "Score: " + got + " of " + total + " (" + Math.round((100 * got) / total) + "%).";
        say(memo.kpResult);
        render(".qa-st-result");
      }
      if (!memo.kpShown) {
        out.push(
          h("p", {}, [c.points.length ? "Recall the answer's key points, then check them." : "Recall the answer, then check it."]),
          button(c.points.length ? "Show the key points" : "Show answer", function () {
            memo.kpShown = true;
            memo.kpTicks = [];
            memo.kpResult = "";
            render(".qa-st-check input, .qa-st-answer");
          }, "md-button--primary")
        );
      } else if (c.points.length) {
        out.push(
          h("fieldset", { class: "qa-st-check" }, [h("legend", {}, ["Tick the points you recalled"])].concat(
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
          button("Score", function () {
            scored(
              c.points.filter(function (p, i) {
                return memo.kpTicks[i];
              }).length,
              c.points.length
            );
          }, "md-button--primary")
        );
      } else {
        out.push(
          h("div", { class: "qa-st-answer", tabindex: "-1", html: c.a }),
          h("div", { class: "qa-st-rate", role: "group", "aria-label": "Did you recall it?" }, [
            button("Yes", function () {
              scored(2, 2);
            }),
            button("Partly", function () {
              scored(1, 2);
            }),
            button("No", function () {
              scored(0, 2);
            }),
          ])
        );
      }
      if (memo.kpResult) out.push(h("p", { class: "qa-st-result", tabindex: "-1" }, [h("strong", {}, [memo.kpResult])]));
      function go(step) {
        return function () {
          memo.kp = (memo.kp + step + cards.length) % cards.length;
          memo.kpShown = false;
          memo.kpResult = "";
          render(".qa-st-q");
        };
      }
      out.push(h("div", { class: "qa-st-tools" }, [button("Previous question", go(-1)), button("Next question", go(1))]));
      return out;
    }

    /* ---------------------------------------------------------------- term quiz */

    function options(t) {
      var picked = [t.id];
      [t.related, t.topic, Object.keys(termById)].forEach(function (group) {
        shuffle(group.slice()).forEach(function (id) {
          if (picked.length < 4 && termById[id] && picked.indexOf(id) < 0) picked.push(id);
        });
      });
      return shuffle(picked);
    }

    function quiz() {
      var q = memo.quiz;
      if (!q) {
        var ids = shuffle(Object.keys(termById)).slice(0, 10);
        q = memo.quiz = { ids: ids, pos: 0, right: 0, chosen: null, opts: options(termById[ids[0]]) };
      }
      if (q.pos >= q.ids.length) {
        return [
          h("h2", { class: "qa-st-done", tabindex: "-1" }, ["Round complete: " + q.right + " of " + q.ids.length + " right"]),
          button("New round", function () {
            memo.quiz = null;
            render(".qa-st-opts button");
          }, "md-button--primary"),
        ];
      }
      var t = termById[q.ids[q.pos]];
      var link = function () {
        return h("a", { href: data.glossary + "#" + t.id }, [t.term]);
      };
      var out = [
        h("p", { class: "qa-st-meta" }, ["Term " + (q.pos + 1) + " of " + q.ids.length + " · " + q.right + " right so far"]),
        h("h2", {}, ["Which term is this?"]),
        h("blockquote", { class: "qa-st-def" }, [t.def]),
        h(
          "div",
          { class: "qa-st-opts", role: "group", "aria-label": "Options" },
          q.opts.map(function (id) {
            var mark = q.chosen === null ? "" : id === t.id ? "✓ " : id === q.chosen ? "✗ " : "";
            var state = q.chosen === null ? "" : id === t.id ? " qa-st-right" : id === q.chosen ? " qa-st-wrong" : "";
            return button(mark + termById[id].term, function () {
              if (q.chosen !== null) return;
              q.chosen = id;
              var right = id === t.id;
              if (right) q.right += 1;
              prog.quiz[right ? "right" : "wrong"] += 1;
              commit(Date.now());
              say(right ? "Right: " + t.term + "." : "Not quite: you chose " + termById[id].term + "; the answer is " + t.term + ".");
              render("[data-act=next]");
            }, state, { "aria-disabled": q.chosen === null ? null : "true" });
          })
        ),
      ];
      if (q.chosen !== null) {
        var right = q.chosen === t.id;
        out.push(
          h("p", { class: "qa-st-result" }, right
            ? [h("strong", {}, ["✓ Right: "]), link(), "."]
            : [h("strong", {}, ["✗ Not quite. "]), "You chose " + termById[q.chosen].term + "; the answer is ", link(), "."]),
          button(q.pos + 1 < q.ids.length ? "Next term" : "See your score", function () {
            q.pos += 1;
            q.chosen = null;
            q.opts = q.pos < q.ids.length ? options(termById[q.ids[q.pos]]) : [];
            render(".qa-st-opts button, .qa-st-done");
          }, "md-button--primary", { "data-act": "next" })
        );
      }
      return out;
    }

    /* ---------------------------------------------------------------- progress */

    function progress() {
      var now = Date.now();
      var levels = cards.map(function (c) {
        return S.mastery(prog.cards[c.id]);
      });
      var total = levels.reduce(function (a, b) {
        return a + b;
      }, 0);
      var studied = levels.filter(Boolean).length;
      var mastered = levels.filter(function (l) {
        return l === 4;
      }).length;
      var days = [];
      for (var i = 13; i >= 0; i--) {
        var day = S.addDays(now, -i);
        var did = prog.days.indexOf(S.dayKey(day)) >= 0;
        var name = new Date(day).toLocaleDateString(undefined, { weekday: "short", day: "numeric", month: "short" });
        days.push(h("li", { class: did ? "qa-st-did" : "", title: name }, [did ? "✓" : "·", h("span", { class: "qa-st-sr" }, [name + (did ? ": studied" : ": not studied")])]));
      }
      var rows = cards.map(function (c, i) {
        var rec = prog.cards[c.id];
        var pts = prog.points[c.id];
        return h("tr", {}, [
          h("td", {}, [c.href ? h("a", { href: c.href }, [c.n + ". " + c.title]) : c.n + ". " + c.title]),
          h("td", {}, [h("meter", { min: "0", max: "4", value: String(levels[i]), "aria-hidden": "true" }), " " + S.LEVELS[levels[i]]]),
          h("td", {}, [rec ? S.RATINGS[rec.rating - 1] + ", due " + when(rec.due, now) : "—"]),
          h("td", {}, [rec ? Math.round(100 * S.retrievability(rec, now)) + "%" : "—"]),
          h("td", {}, [pts ? pts.got + "/" + pts.total : "—"]),
          h("td", {}, [
            button("Practise", function () {
              memo.mode = "cards";
              start(false, c.id);
              render("[data-act=reveal]");
            }, "qa-st-small", { "aria-label": "Practise question " + c.n }),
          ]),
        ]);
      });
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
            var parsed;
            try {
              parsed = JSON.parse(text);
            } catch (e) {
              parsed = "not JSON";
            }
            var v = S.validate(parsed);
            file.value = "";
            if (!v.progress) {
              var why = parsed === "not JSON" ? "it is not a JSON file" : v.error;
              return tell("Could not import “" + f.name + "”: " + why + ". Your progress has not changed.", true);
            }
            prog = v.progress;
            save(prog);
            memo.sess = null;
            memo.undo = [];
            var how = v.migrated ? " (converted from the earlier SM-2 format)" : "";
            tell("Imported progress from “" + f.name + "”" + how + ": " + plural(Object.keys(prog.cards).length, "card") + " studied.");
          });
        },
      });
      var out = [
        h("h2", { tabindex: "-1" }, ["Mastery"]),
        h("p", {}, [
          h("strong", {}, ["Overall " + Math.round((100 * total) / (4 * cards.length)) + "%"]),
          " · " + studied + " of " + cards.length + " questions studied · " + mastered + " mastered",
        ]),
        h("p", {}, [
          "Study streak: " + plural(S.streak(prog.days, now), "day") + " · " + plural(prog.days.length, "study day") + " in all · term quiz: " + prog.quiz.right + " right, " + prog.quiz.wrong + " wrong",
        ]),
        h("p", { class: "qa-st-meta", id: "qa-st-days" }, ["The last 14 days (✓ studied):"]),
        h("ol", { class: "qa-st-days", "aria-labelledby": "qa-st-days" }, days),
        h("div", { class: "qa-st-table" }, [
          h("table", {}, [
            h("thead", {}, [h("tr", {}, ["Question", "Mastery", "Flashcard", "Recall", "Key points", h("span", { class: "qa-st-sr" }, ["Practise"])].map(
              function (t) {
                return h("th", {}, [t]);
              }
            ))]),
            h("tbody", {}, rows),
          ]),
        ]),
        h("p", { class: "qa-st-meta" }, ["Recall: the chance you would recall the answer now, as FSRS estimates it."]),
        h("h2", {}, ["Scheduling"]),
        h("p", { class: "qa-st-retain" }, [h("label", { for: "qa-st-retention" }, ["Desired retention"]), " ", retain, " %"]),
        h("p", { class: "qa-st-meta", id: "qa-st-retention-help" }, [
          "How likely you should be to recall a card when it falls due, 70 to 99 %: higher means shorter intervals and more reviews. " +
            "A change re-runs each card's review history with the new value. Scheduler: ts-fsrs " + S.FSRS.FSRSVersion + ", default parameters.",
        ]),
        h("h2", {}, ["Keep your progress"]),
        h("p", {}, ["Progress is saved in this browser only. Export it to a file to move it to another browser, then import it there; importing replaces the progress here."]),
        h("div", { class: "qa-st-tools" }, [
          button("Export progress", function () {
            var blob = new Blob([JSON.stringify(prog, null, 2)], { type: "application/json" });
            var a = h("a", { href: URL.createObjectURL(blob), download: "qa-study-progress-" + S.dayKey(Date.now()) + ".json" });
            document.body.append(a);
            a.click();
            a.remove();
            setTimeout(function () {
              URL.revokeObjectURL(a.href);
            }, 10000);
            tell("Progress exported to " + a.download + ".");
          }),
          h("label", { class: "md-button", for: "qa-st-import" }, ["Import progress…"]),
          file,
          memo.confirm
            ? null
            : button(
                "Reset progress…",
                function () {
                  memo.confirm = true;
                  render("[data-act=keep]");
                },
                "",
                { "data-act": "reset" }
              ),
        ]),
        memo.msg ? h("p", { class: "qa-st-msg" + (memo.bad ? " qa-st-bad" : "") }, [memo.msg]) : null,
      ];
      if (memo.confirm) {
        out.push(
          h("div", { class: "admonition warning", role: "group", "aria-label": "Confirm reset" }, [
            h("p", {}, ["Delete all self-test progress saved in this browser? This cannot be undone."]),
            h("div", { class: "qa-st-tools" }, [
              button("Delete my progress", function () {
                var settings = prog.settings; // a preference, not progress
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

    document.addEventListener(
      "keydown",
      function (e) {
        var s = memo.sess;
        var t = e.target;
        if (memo.mode !== "cards" || !s || e.ctrlKey || e.metaKey || e.altKey) return;
        if (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName)) return;
        if ((e.key === "u" || e.key === "U") && memo.undo.length) {
          e.preventDefault();
          undoLast();
        } else if (s.pos >= s.queue.length) {
          return;
        } else if (e.key === " " && !s.shown && !/^(BUTTON|A|SUMMARY|LABEL)$/.test(t.tagName)) {
          e.preventDefault();
          reveal();
        } else if (s.shown && /^[1-4]$/.test(e.key)) {
          e.preventDefault();
          rate(Number(e.key));
        }
      },
      { signal: ctl.signal }
    );

    var target = location.hash.slice(1);
    var linked = cards.filter(function (c) {
      return c.anchor === target;
    })[0];
    if (linked) {
      memo.mode = "cards";
      start(false, linked.id);
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
