/* Reading progress, stored or exported: JSON text of either format checked field by
 * field into a clean copy in format 2, converting format 1 (SM-2). What cannot be read is
 * left out with the reason, so one bad card costs only itself. Pure functions, no DOM:
 * a browser script that adds read() and validate() to window.QASrs (after srs.js), and a
 * CommonJS module for `node --test`. */
(function (root) {
  "use strict";

  var node = typeof module !== "undefined" && module.exports;
  var S = node ? require("./srs.js") : root.QASrs;
  var F = S.FSRS;
  var VERSION = S.VERSION;
  var MIN_RETENTION = S.MIN_RETENTION;
  var MAX_RETENTION = S.MAX_RETENTION;
  var emptyProgress = S.emptyProgress;
  var fromSm2 = S.fromSm2;

  function isObj(x) {
    return x !== null && typeof x === "object" && !Array.isArray(x);
  }

  function isNum(x, lo, hi) {
    return typeof x === "number" && x >= lo && x <= hi; // NaN fails both
  }

  function isInt(x, lo, hi) {
    return isNum(x, lo, hi) && Math.floor(x) === x;
  }

  function isTime(x) {
    return typeof x === "number" && isFinite(x) && x >= 0;
  }

  function sm2Problem(c) {
    if (!isObj(c)) return "is not an object";
    if (!isInt(c.reps, 0, 1e6) || !isInt(c.lapses, 0, 1e6)) return "has a bad review count";
    if (!isNum(c.ease, 1.3 - 1e-9, 3.5 + 1e-9)) return "has an ease outside 1.3-3.5";
    if (!isInt(c.ivl, 0, 36500)) return "has a bad interval";
    if (!isTime(c.due) || !isTime(c.last)) return "has a bad date";
    if (!isInt(c.r, 0, 4)) return "has a bad rating";
    return "";
  }

  function cardProblem(c) {
    if (!isObj(c)) return "is not an object";
    if (!isInt(c.state, 1, 3)) return "has a bad state";
    if (!isInt(c.rating, 1, 4)) return "has a bad rating";
    if (!isInt(c.reps, 1, 1e6) || !isInt(c.lapses, 0, 1e6) || !isInt(c.learning_steps, 0, 1000))
      return "has a bad review count";
    if (!isNum(c.stability, F.S_MIN, F.S_MAX)) return "has a stability outside " + F.S_MIN + "-" + F.S_MAX;
    if (!isNum(c.difficulty, 1, 10)) return "has a difficulty outside 1-10";
    if (!isInt(c.scheduled_days, 0, F.S_MAX)) return "has a bad interval";
    if (!isTime(c.due) || !isTime(c.last_review)) return "has a bad date";
    return "";
  }

  function entryProblem(e) {
    if (!isObj(e) || typeof e.card !== "string") return "is not a review";
    if (!isInt(e.rating, 0, 4)) return "has a bad rating";
    if (!isTime(e.at)) return "has a bad date";
    if (!isInt(e.state, 0, 3)) return "has a bad state";
    if (e.rating === 0 && sm2Problem(e.sm2)) return "has a bad SM-2 card";
    return "";
  }

  /* points, quiz and days, the same in both formats, checked into `out`. What cannot be
   * read is left out and its reason added to `dropped`: one bad score or day costs only itself. */
  function common(data, out, dropped) {
    var points = data.points === undefined ? {} : data.points;
    if (!isObj(points)) {
      dropped.push("its key-point scores are not an object");
      points = {};
    }
    for (var id in points) {
      var p = points[id];
      if (!isObj(p) || !isInt(p.total, 1, 1000) || !isInt(p.got, 0, p.total) || !isTime(p.at))
        dropped.push("the key-point score of " + id + " is invalid");
      else out.points[id] = { got: p.got, total: p.total, at: p.at };
    }
    var quiz = data.quiz === undefined ? out.quiz : data.quiz;
    if (!isObj(quiz) || !isInt(quiz.right, 0, 1e9) || !isInt(quiz.wrong, 0, 1e9)) dropped.push("its quiz totals are invalid");
    else out.quiz = { right: quiz.right, wrong: quiz.wrong };
    var days = data.days === undefined ? [] : data.days;
    if (!Array.isArray(days)) {
      dropped.push("its study days are not a list");
      days = [];
    }
    days.forEach(function (d, n) {
      if (typeof d !== "string" || !/^\d{4}-\d\d-\d\d$/.test(d)) dropped.push("study day " + JSON.stringify(d) + " is not a YYYY-MM-DD date");
      else if (days.indexOf(d) === n) out.days.push(d);
    });
    out.days.sort();
  }

  function sm2Copy(c) {
    return { reps: c.reps, lapses: c.lapses, ease: c.ease, ivl: c.ivl, due: c.due, last: c.last, r: c.r };
  }

  /* Format 1 (SM-2) into format 2: each rated card's FSRS state from its SM-2 state
   * (fromSm2), and one review-log entry per card, rating 0 ("Manual", FSRS's word for a
   * state not set by a review) at its last review, holding the SM-2 card itself; replay()
   * starts the card's history from it. Key-point scores, quiz totals and study days stay. */
  function fromVersion1(data, out, dropped) {
    Object.keys(data.cards).forEach(function (id) {
      var problem = sm2Problem(data.cards[id]);
      if (problem) return dropped.push("card " + id + " " + problem);
      var s = sm2Copy(data.cards[id]);
      if (!s.r) return; // never rated: the same as a new card
      out.cards[id] = fromSm2(s);
      out.log.push({ card: id, rating: 0, at: s.last, state: F.State.New, sm2: s });
    });
    out.log.sort(function (a, b) {
      return a.at - b.at;
    });
  }

  function fromVersion2(data, out, dropped) {
    var settings = data.settings === undefined ? {} : data.settings;
    if (!isObj(settings)) {
      dropped.push("its settings are not an object");
      settings = {};
    }
    // A bad setting falls back to its default.
    if (settings.retention !== undefined) {
      if (!isNum(settings.retention, MIN_RETENTION, MAX_RETENTION)) dropped.push("its desired retention is not between 70 % and 99 %");
      else out.settings.retention = settings.retention;
    }
    if (settings.glossary !== undefined) {
      if (typeof settings.glossary !== "boolean") dropped.push("its glossary-cards setting is not true or false");
      else out.settings.glossary = settings.glossary;
    }
    // Absent in progress saved before it existed: the default (srs.js newPerDay), never written for it.
    if (settings.new_per_day !== undefined) {
      if (!isInt(settings.new_per_day, 0, S.MAX_NEW_PER_DAY)) dropped.push("its new cards a day is not a whole number from 0 to " + S.MAX_NEW_PER_DAY);
      else out.settings.new_per_day = settings.new_per_day;
    }
    var lost = {}; // cards left out: their history goes with them, so a replay never brings them back
    Object.keys(data.cards).forEach(function (id) {
      var c = data.cards[id];
      var problem = cardProblem(c);
      if (problem) {
        lost[id] = true;
        return dropped.push("card " + id + " " + problem);
      }
      out.cards[id] = {
        due: c.due,
        stability: c.stability,
        difficulty: c.difficulty,
        scheduled_days: c.scheduled_days,
        learning_steps: c.learning_steps,
        reps: c.reps,
        lapses: c.lapses,
        state: c.state,
        last_review: c.last_review,
        rating: c.rating,
      };
    });
    var log = data.log === undefined ? [] : data.log;
    if (!Array.isArray(log)) {
      dropped.push("its review history is not a list");
      log = [];
    }
    log.forEach(function (e, k) {
      var bad = entryProblem(e);
      if (bad) return dropped.push("review " + (k + 1) + " of its history " + bad);
      if (lost[e.card] === true) return;
      var entry = { card: e.card, rating: e.rating, at: e.at, state: e.state };
      if (e.rating === 0) entry.sm2 = sm2Copy(e.sm2);
      out.log.push(entry);
    });
  }

  /* Check data read from storage or a file, of either format. Returns {progress} (a clean
   * copy in format 2; migrated: true when it was format 1; dropped: why each card, review,
   * score, setting or day that could not be read was left out, when any was), or {error}
   * when it is not progress at all. */
  function validate(data) {
    if (!isObj(data)) return { error: "it is not a progress object" };
    if (data.version !== 1 && data.version !== VERSION)
      return { error: "it is version " + JSON.stringify(data.version) + ", this site reads versions 1 and 2" };
    if (!isObj(data.cards)) return { error: "it has no cards" };
    var out = emptyProgress();
    var dropped = [];
    (data.version === 1 ? fromVersion1 : fromVersion2)(data, out, dropped);
    common(data, out, dropped);
    var v = { progress: out };
    if (data.version === 1) v.migrated = true;
    if (dropped.length) v.dropped = dropped;
    return v;
  }

  /* Progress as stored or exported (JSON text): validate() of it, or {error} with json false
   * when it is not JSON at all. */
  function read(text) {
    var data;
    try {
      data = JSON.parse(text);
    } catch (e) {
      return { error: "it was not valid JSON", json: false };
    }
    var v = validate(data);
    v.json = true;
    return v;
  }

  var api = { read: read, validate: validate };
  if (node) module.exports = api;
  else Object.assign(root.QASrs, api);
})(typeof window !== "undefined" ? window : this);
