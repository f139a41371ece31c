/* Key points: recall the answer, tick the points recalled, then confirm the rating the
   score suggests: key-point practice is a review of the card for the scheduler too. */
(function () {
  "use strict";
  var S = window.QASrs;
  var st = window.QA.selftest;
  var h = st.h;
  var memo = st.memo;

  function checklist(a, c, step, points) {
    return [
      h("fieldset", { class: "qa-st-check", disabled: step > 1 }, [h("legend", {}, ["Tick the points you recalled"])].concat(
        points.map(function (p, i) {
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
      step > 1 ? null : st.button("Score", function () {
        var now = Date.now();
        var got = memo.kpTicks.filter(Boolean).length;
        var total = points.length;
        a.prog.points[c.id] = { got: got, total: total, at: now };
        a.commit(now);
        memo.kpStep = 2;
        memo.kpResult = "Score: " + got + " of " + total + " (" + Math.round((100 * got) / total) + "%).";
        a.say(memo.kpResult + " Suggested rating: " + S.RATINGS[S.suggest(got, total) - 1] + ".");
        a.render(".qa-st-result");
      }, "md-button--primary"),
    ];
  }

  st.views.points = function (a) {
    var questions = a.questions;
    var c = questions[memo.kp % questions.length];
    var score = a.prog.points[c.id];
    var body = st.content(a, c);
    st.soon(a.files[questions[(memo.kp + 1) % questions.length].f]);
    var out = [
      h("p", { class: "qa-st-meta" }, [
        "Question " + ((memo.kp % questions.length) + 1) + " of " + questions.length,
        score ? " · last score " + score.got + "/" + score.total : "",
      ]),
    ].concat(st.question(a, c, body));
    var points = body ? body.points : [];
    var step = memo.kpStep;
    if (!body) {
      out.push(st.pending(a));
    } else if (!step) {
      out.push(
        h("p", {}, [points.length ? "Recall the answer's key points, then check them." : "Recall the answer, then check it."]),
        st.button(points.length ? "Show the key points" : "Show answer", function () {
          memo.kpStep = 1;
          memo.kpTicks = [];
          memo.kpResult = "";
          a.render(".qa-st-check input, .qa-st-answer");
        }, "md-button--primary")
      );
    } else if (points.length) {
      out.push.apply(out, checklist(a, c, step, points));
    } else {
      out.push(st.answer(a, c, body));
    }
    if (memo.kpResult) out.push(h("p", { class: "qa-st-result", tabindex: "-1" }, [h("strong", {}, [memo.kpResult])]));
    if (body && (step === 2 || (step === 1 && !points.length))) {
      var suggested = score && points.length ? S.suggest(score.got, score.total) : 0;
      out.push(
        h("p", {}, [suggested ? "Your score suggests " + S.RATINGS[suggested - 1] + ": confirm it, or choose another rating for the flashcard." : "How well did you know it? The rating schedules the flashcard."]),
        st.ratings(a, c.id, function (r) {
          st.rateCard(a, c.id, r, Date.now());
          memo.undo = [];
          memo.kpStep = 3;
          a.render("[data-act=next]");
        }, "Rate the flashcard", suggested)
      );
    }
    if (step === 3) out.push(h("p", { class: "qa-st-last" }, [memo.last]));
    function go(n) {
      return function () {
        memo.kp = (memo.kp + n + questions.length) % questions.length;
        memo.kpStep = 0;
        memo.kpResult = "";
        a.render(".qa-st-q");
      };
    }
    out.push(h("div", { class: "qa-st-tools" }, [st.button("Previous question", go(-1)), st.button("Next question", go(1), step === 3 ? "md-button--primary" : "", { "data-act": "next" })]));
    return out;
  };
})();
