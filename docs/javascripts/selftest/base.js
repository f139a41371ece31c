/* The self-test's namespace (QA.selftest) and what its views share: the state that
   outlives a page, element helpers, the cards, and one card on screen with its rating
   buttons. The self-test runs on every page instant navigation shows: each page's
   listeners go when the next page comes (newPage). */
(function () {
  "use strict";
  var S = window.QASrs;
  var st = (window.QA.selftest = { views: {} });
  var DATE = { weekday: "short", day: "numeric", month: "short" };
  var ctl = null; // AbortController of the current page's listeners

  // What survives instant navigation (not reloads): mode, session, positions, undo, messages.
  st.memo = { mode: "cards", sess: null, study: "due", undo: [], kp: 0, kpStep: 0, kpTicks: [], kpResult: "", quiz: null, confirm: false, last: "", msg: "" };

  st.newPage = function () {
    st.app = null; // the app on screen, which data that comes late draws again
    if (ctl) ctl.abort();
    ctl = new AbortController();
    return ctl.signal;
  };

  /* An element: attributes (on… a listener of this page, html build-time HTML), children. */
  var h = (st.h = function (tag, attrs, kids) {
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
  });

  st.button = function (label, onclick, cls, attrs) {
    var a = Object.assign({ type: "button", class: "md-button" + (cls ? " " + cls : ""), onclick: onclick }, attrs);
    return h("button", a, label);
  };

  /* A button with its keyboard shortcut: the hint is hidden on touch screens (selftest.css). */
  st.keyed = function (label, key, onclick, cls, attrs) {
    var name = key === " " ? "Space" : key;
    return st.button([label + " ", h("kbd", {}, [name])], onclick, cls, Object.assign({ "aria-keyshortcuts": name }, attrs));
  };

  /* A table whose cells name their column (a phone shows each row as a card). */
  st.table = function (head, rows) {
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
  };

  st.shuffle = function (list) {
    for (var i = list.length - 1; i > 0; i--) {
      var j = Math.floor(Math.random() * (i + 1));
      var t = list[i];
      list[i] = list[j];
      list[j] = t;
    }
    return list;
  };

  st.plural = function (n, word) {
    return n + " " + word + (n === 1 ? "" : "s");
  };

  /* The first three reasons, then how many more. */
  st.listed = function (reasons) {
    var more = reasons.length - 3;
    return reasons.slice(0, 3).join("; ") + (more > 0 ? "; and " + more + " more" : "");
  };

  /* "in 3 days", and the date too from the day after tomorrow on. */
  st.when = function (due, now) {
    var rel = S.relative(due, now);
    if (S.dayIndex(due) - S.dayIndex(now) < 2) return rel;
    return rel + " (" + new Date(due).toLocaleDateString(undefined, DATE) + ")";
  };

  /* Download `text` as a JSON file called `name`. */
  st.download = function (text, name) {
    var a = h("a", { href: URL.createObjectURL(new Blob([text], { type: "application/json" })), download: name });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(function () {
      URL.revokeObjectURL(a.href);
    }, 10000);
  };

  /* What the page says when the browser would not store progress ("" when it did). */
  st.trouble = function () {
    var why = window.QA.store.refused;
    return why ? "Could not save: " + why + ". Your progress is kept on this page; export it on the Progress panel to keep it." : "";
  };

  /* The cards of the build's index (self-test/cards/, at `url`): one per question, with its
     topics and the address of the file that holds its content. */
  st.deck = function (index, url) {
    var byId = {};
    var questions = index.cards.map(function (c, i) {
      c.i = i;
      c.topics = c.t.map(function (k) {
        return index.topics[k];
      });
      byId[c.id] = c;
      return c;
    });
    var at = function (name) {
      return name && new URL(name, url).href;
    };
    return { index: index, questions: questions, byId: byId, files: index.files.map(at), termsUrl: at(index.terms), termById: {}, glossaryCards: [], clean: [] };
  };

  /* The glossary's terms into deck `a`: each term a card asking for its definition, and a
     definition that does not name its term one asking for the term; those are the quiz's. */
  st.addTerms = function (a, terms) {
    if (a.terms) return;
    a.terms = terms;
    var n = a.questions.length;
    terms.forEach(function (t, i) {
      a.termById[t.id] = t;
      if (!t.own) a.clean.push(t);
      var topics = t.t ? [t.t] : [];
      [["term:", t.term, t.def, "Recall its definition."], ["def:", t.def, t.term, "Which term is this?"]].forEach(function (d, k) {
        if (k && t.own) return;
        var c = { id: d[0] + t.id, i: n + 2 * i + k, title: d[0] === "term:" ? t.term : "the definition of " + t.term, text: d[1], back: d[2], ask: d[3], topics: topics, term: t };
        a.byId[c.id] = c;
        a.glossaryCards.push(c);
      });
    });
  };

  /* Card `c` asked; `body` is its content (st.content), or null while it comes (its title then). */
  st.question = function (a, c, body) {
    if (c.term) return [h("h2", { class: "qa-st-q", tabindex: "-1" }, [c.text]), h("p", { class: "qa-st-meta" }, [c.ask])];
    return [
      h("h2", { class: "qa-st-q", tabindex: "-1" }, [c.n + ". ", body ? h("span", { html: body.q }) : c.title]),
      body && body.body ? h("div", { html: body.body }) : null,
    ];
  };

  st.answer = function (a, c, body) {
    if (!c.term) return h("div", { class: "qa-st-answer", tabindex: "-1", html: body.a });
    return h("div", { class: "qa-st-answer", tabindex: "-1" }, [
      h("p", {}, [c.back]),
      h("p", {}, [h("a", { href: a.index.glossary + "#" + c.term.id }, ["Glossary: " + c.term.term])]),
    ]);
  };

  /* Rate card `id` (1 Again … 4 Easy) and say when it comes back. Returns the undo token. */
  st.rateCard = function (a, id, r, now) {
    var token = S.rate(a.prog, id, r, now);
    a.save();
    st.memo.last = "Rated " + S.RATINGS[r - 1] + ": " + a.name(a.byId[id]) + " is due again " + st.when(a.prog.cards[id].due, now) + ".";
    a.say(st.memo.last);
    return token;
  };

  /* The four rating buttons, each with when the card would come back; `suggested` (1-4)
     is marked, as the key points' score suggests it. */
  st.ratings = function (a, id, onrate, label, suggested) {
    var now = Date.now();
    var previews = S.preview(a.prog.cards[id], now, a.prog.settings.retention);
    return h(
      "div",
      { class: "qa-st-rate", role: "group", "aria-label": label },
      S.RATINGS.map(function (r, i) {
        var mine = suggested === i + 1;
        return st.button(
          [h("span", {}, [h("kbd", {}, [String(i + 1)]), " " + r + (mine ? " (suggested)" : "")]), h("small", {}, [S.relative(previews[i], now)])],
          function () {
            onrate(i + 1);
          },
          "qa-st-r" + (i + 1) + (mine ? " md-button--primary" : ""),
          { "aria-keyshortcuts": String(i + 1) }
        );
      })
    );
  };
})();
