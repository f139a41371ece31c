/* The term quiz: rounds of 10, half asking for the term of a definition, half for the
   definition of a term. Neither ever shows a definition that names its own term. */
(function () {
  "use strict";
  var st = window.QA.selftest;
  var h = st.h;
  var memo = st.memo;
  var shuffle = st.shuffle;

  /* Four options for term `t`: it and three others, related terms first, then its topic's,
     then any; `pool` is what may be an option (definitions that do not name their term). */
  function options(t, pool) {
    var picked = [t.id];
    var avoid = t.x || []; // terms whose name or definition says t's name: they would give it away
    [t.related, t.topic, shuffle(pool.slice())].forEach(function (group) {
      shuffle(group.slice()).forEach(function (id) {
        if (picked.length < 4 && pool.indexOf(id) >= 0 && picked.indexOf(id) < 0 && avoid.indexOf(id) < 0) picked.push(id);
      });
    });
    return shuffle(picked);
  }

  function round(a) {
    var ids = a.clean.map(function (t) {
      return t.id;
    });
    var q = { pos: 0, right: 0, chosen: null };
    q.items = shuffle(ids.slice()).slice(0, 10).map(function (id, i) {
      return { id: id, def: i % 2 === 0, opts: options(a.termById[id], i % 2 ? ids : Object.keys(a.termById)) };
    });
    shuffle(q.items);
    return q;
  }

  function choices(a, q, item, t) {
    var label = function (id) {
      return item.def ? a.termById[id].term : a.termById[id].def;
    };
    return h(
      "div",
      { class: "qa-st-opts" + (item.def ? "" : " qa-st-defs"), role: "group", "aria-label": "Options" },
      item.opts.map(function (id) {
        var mark = q.chosen === null ? "" : id === t.id ? "✓ " : id === q.chosen ? "✗ " : "";
        var state = q.chosen === null ? "" : id === t.id ? " qa-st-right" : id === q.chosen ? " qa-st-wrong" : "";
        return st.button(mark + label(id), function () {
          if (q.chosen !== null) return;
          q.chosen = id;
          var right = id === t.id;
          if (right) q.right += 1;
          a.prog.quiz[right ? "right" : "wrong"] += 1;
          a.commit(Date.now());
          a.say(right ? "Right: " + t.term + "." : "Not quite: the answer is " + t.term + ".");
          a.render("[data-act=next]");
        }, state, { "aria-disabled": q.chosen === null ? null : "true" });
      })
    );
  }

  st.views.quiz = function (a) {
    var q = memo.quiz || (memo.quiz = round(a));
    if (q.pos >= q.items.length) {
      return [
        h("h2", { class: "qa-st-done", tabindex: "-1" }, ["Round complete: " + q.right + " of " + q.items.length + " right"]),
        st.button("New round", function () {
          memo.quiz = null;
          a.render(".qa-st-opts button");
        }, "md-button--primary"),
      ];
    }
    var item = q.items[q.pos];
    var t = a.termById[item.id];
    var link = h("a", { href: a.index.glossary + "#" + t.id }, [t.term]);
    var out = [
      h("p", { class: "qa-st-meta" }, ["Question " + (q.pos + 1) + " of " + q.items.length + " · " + q.right + " right so far"]),
      h("h2", {}, [item.def ? "Which term is this?" : "Which definition fits this term?"]),
      h("blockquote", { class: "qa-st-def" }, [item.def ? t.def : t.term]),
      choices(a, q, item, t),
    ];
    if (q.chosen !== null) {
      out.push(
        h("p", { class: "qa-st-result" }, q.chosen === t.id
          ? [h("strong", {}, ["✓ Right: "]), link, "."]
          : [h("strong", {}, ["✗ Not quite. "]), item.def ? "You chose " + a.termById[q.chosen].term + "; the answer is " : "That is the definition of " + a.termById[q.chosen].term + "; see ", link, "."]),
        st.button(q.pos + 1 < q.items.length ? "Next question" : "See your score", function () {
          q.pos += 1;
          q.chosen = null;
          a.render(".qa-st-opts button, .qa-st-done");
        }, "md-button--primary", { "data-act": "next" })
      );
    }
    return out;
  };
})();
