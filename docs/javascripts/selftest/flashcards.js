/* Flashcards: a session of cards, each shown, answered, rated; a learning step comes back
   in the same session; the last ratings can be undone. A session's size is fixed when it
   starts ("Card 3 of 10"): a learning step that comes back is that card again, not one more. */
(function () {
  "use strict";
  var S = window.QASrs;
  var st = window.QA.selftest;
  var h = st.h;
  var memo = st.memo;
  var LEARN_AHEAD = 20 * 60000; // a card due again within this comes back in the same session (Anki's default)

  /* What a session studies: due cards (soonest due first, then as many new ones as the day
     has left, in document order), all cards ("Study all anyway", in the same order), the
     weakest first (lowest FSRS retrievability, then new cards), shuffled, one topic (due
     first), or one card. Only the due cards keep to the day's new cards: the others are the
     reader's choice to practise more. */
  st.start = function (a, kind, one) {
    var now = Date.now();
    var ids = one ? [one] : S.session(a.cards(), a.prog.cards, kind, now, S.newLeft(a.prog, now));
    if (kind === "shuffle") st.shuffle(ids);
    memo.sess = { kind: kind, queue: ids, size: ids.length, pos: 0, shown: false, seen: [], counts: [0, 0, 0, 0] };
    memo.study = one || kind === "all" ? memo.study : kind;
    memo.last = "";
    memo.undo = [];
  };

  function reveal(a) {
    memo.sess.shown = true;
    a.render(".qa-st-answer");
  }

  function rate(a, r) {
    var s = memo.sess;
    var id = s.queue[s.pos];
    var now = Date.now();
    var before = { sess: JSON.stringify(s), last: memo.last };
    before.token = st.rateCard(a, id, r, now);
    memo.undo.push(before);
    s.counts[r - 1] += 1;
    if (s.seen.indexOf(id) < 0) s.seen.push(id);
    s.pos += 1;
    s.shown = false;
    // A learning step comes back at the end of the session, not a day interval due at midnight.
    var rec = a.prog.cards[id];
    if (!rec.scheduled_days && rec.due - now <= LEARN_AHEAD && s.kind !== "one") s.queue.push(id);
    a.render(s.pos < s.queue.length ? "[data-act=reveal]" : ".qa-st-done");
  }

  /* Back to the card before the last rating: its state, the review log, the study days
     and the session exactly as they were, the answer still shown. */
  function undoLast(a) {
    var u = memo.undo.pop();
    if (!u) return;
    S.undo(a.prog, u.token);
    a.save();
    memo.sess = JSON.parse(u.sess);
    memo.last = u.last;
    a.say("Rating undone: " + a.name(a.byId[u.token.id]) + " is as it was before.");
    a.render(".qa-st-answer");
  }

  function topics(a) {
    var count = {};
    a.cards().forEach(function (c) {
      c.topics.forEach(function (t) {
        count[t] = (count[t] || 0) + 1;
      });
    });
    return Object.keys(count).sort().map(function (t) {
      return ["topic:" + t, "Topic: " + t + " (" + count[t] + ")"];
    });
  }

  function studyButton(a, label, kind) {
    return st.button(label, function () {
      st.start(a, kind);
      a.say(label + ": " + st.plural(memo.sess.queue.length, "card") + ".");
      a.render("[data-act=reveal], .qa-st-done");
    });
  }

  function tools(a, d, done) {
    var s = memo.sess;
    var choices = [["due", "Due cards"], ["weakest", "Weakest first"], ["shuffle", "Shuffled"]].concat(topics(a));
    return h("div", { class: "qa-st-tools" }, [
      h("label", {}, [
        "Study ",
        h(
          "select",
          {
            id: "qa-st-study",
            onchange: function (e) {
              st.start(a, e.target.value);
              a.say("Studying " + e.target.selectedOptions[0].textContent.replace(/ \(\d+\)$/, "").toLowerCase() + ": " + st.plural(memo.sess.queue.length, "card") + ".");
              a.render();
            },
          },
          choices.map(function (o) {
            return h("option", { value: o[0], selected: memo.study === o[0] }, [o[1]]);
          })
        ),
      ]),
      // Only when they mean something: some cards not due; some due, and not being studied.
      (s.kind === "due" || s.kind === "one") && d.due < d.all ? studyButton(a, "Study all anyway", "all") : null,
      d.due && (s.kind !== "due" || done) ? studyButton(a, "Study due cards", "due") : null,
      memo.undo.length ? st.keyed("Undo rating", "U", function () {
        undoLast(a);
      }, "", { "data-act": "undo" }) : null,
    ]);
  }

  function summary(a, now) {
    var s = memo.sess;
    var counts = S.RATINGS.map(function (r, i) {
      return r + " " + s.counts[i];
    }).join(" · ");
    return [
      h("h2", { class: "qa-st-done", tabindex: "-1" }, ["Session complete"]),
      h("p", {}, ["You saw " + st.plural(s.seen.length, "card") + ". Ratings: " + counts + "."]),
      h("div", { class: "qa-st-table" }, [
        st.table(["Card", "Rated", "Next due"], s.seen.map(function (id) {
          var rec = a.prog.cards[id];
          var c = a.byId[id];
          return [c.term ? c.title : c.n + ". " + c.title, S.RATINGS[rec.rating - 1], st.when(rec.due, now)];
        })),
      ]),
    ];
  }

  /* "Card 3 of 10 · new · 1 card to see again": the card's place among the session's cards;
     a learning step come back is "Card 3 of 10, again". */
  function counter(a, s, c) {
    var again = s.pos >= s.size;
    var rec = a.prog.cards[c.id];
    var more = s.queue.length - Math.max(s.pos + 1, s.size);
    return "Card " + (again ? s.queue.indexOf(c.id) + 1 : s.pos + 1) + " of " + s.size + (again ? ", again" : "") + " · " + (rec ? "last rated " + S.RATINGS[rec.rating - 1] : "new") + (more > 0 ? " · " + st.plural(more, "card") + " to see again" : "");
  }

  st.views.cards = function (a) {
    if (!memo.sess) st.start(a, memo.study);
    var s = memo.sess;
    var now = Date.now();
    var d = a.dueInfo(now);
    var done = s.pos >= s.queue.length;
    var bar = tools(a, d, done);
    if (!s.queue.length) {
      var later = d.later ? " Today's " + st.plural(S.newPerDay(a.prog), "new card") + " are done: " + d.later + " more wait for later days (the Progress panel sets how many a day)." : "";
      return [
        bar,
        h("p", { class: "qa-st-done", tabindex: "-1" }, [
          s.kind === "due" ? "No cards are due now" + (d.next < Infinity ? "; the next one is due " + st.when(d.next, now) : "") + "." + later + " Choose “Study all anyway” to practise before then." : "No cards to study here.",
        ]),
      ];
    }
    if (done) return [bar].concat(summary(a, now));
    var c = a.byId[s.queue[s.pos]];
    var body = st.content(a, c);
    st.soon(s.pos + 1 < s.queue.length && a.files[a.byId[s.queue[s.pos + 1]].f]);
    return [
      bar,
      memo.last ? h("p", { class: "qa-st-last" }, [memo.last]) : null,
      h("div", { class: "qa-st-card", id: c.anchor ? c.anchor.replace("card-", "qa-st-") : null }, [
        h("p", { class: "qa-st-meta" }, [counter(a, s, c)]),
        st.question(a, c, body),
        !body
          ? st.pending(a)
          : s.shown
            ? [st.answer(a, c, body), st.ratings(a, c.id, function (r) {
                rate(a, r);
              }, "How well did you know it?")]
            : st.keyed("Show answer", " ", function () {
                reveal(a);
              }, "md-button--primary", { "data-act": "reveal" }),
      ]),
    ];
  };
})();
