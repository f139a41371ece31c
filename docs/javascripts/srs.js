/* Spaced repetition for the self-test: SM-2 with Anki-style multipliers, plus the
 * progress data format. Pure functions, no DOM: a browser script (window.QASrs) and
 * a CommonJS module for `node --test`.
 *
 * A card: {reps, lapses, ease, ivl (days), due (ms), last (ms), r (last rating 1-4)}.
 * Ratings: 1 Again, 2 Hard, 3 Good, 4 Easy. Day intervals fall due at local midnight,
 * counted in calendar days, so a DST change never shifts a due day. */
(function (root) {
  "use strict";

  var MINUTE = 60000;
  var DAY = 86400000;
  var START_EASE = 2.5;
  var MIN_EASE = 1.3;
  var MAX_EASE = 3.5;
  var MAX_IVL = 36500;
  var RELEARN = 10 * MINUTE;
  var RATINGS = ["Again", "Hard", "Good", "Easy"];
  var LEVELS = ["New", "Learning", "Young", "Familiar", "Mastered"];

  function newCard() {
    return { reps: 0, lapses: 0, ease: START_EASE, ivl: 0, due: 0, last: 0, r: 0 };
  }

  /* Local calendar day of a time, as whole days since 1970-01-01. */
  function dayIndex(ms) {
    var d = new Date(ms);
    return Math.round(Date.UTC(d.getFullYear(), d.getMonth(), d.getDate()) / DAY);
  }

  /* Local midnight `n` calendar days after the day of `ms`. */
  function addDays(ms, n) {
    var d = new Date(ms);
    return new Date(d.getFullYear(), d.getMonth(), d.getDate() + n).getTime();
  }

  function pad(n) {
    return (n < 10 ? "0" : "") + n;
  }

  /* "YYYY-MM-DD" of the local day of `ms`. */
  function dayKey(ms) {
    var d = new Date(ms);
    return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate());
  }

  function keyIndex(key) {
    var p = key.split("-");
    return Math.round(Date.UTC(+p[0], +p[1] - 1, +p[2]) / DAY);
  }

  function clamp(x, lo, hi) {
    return Math.min(hi, Math.max(lo, x));
  }

  /* The card after a rating at time `now` (ms). Never changes `card`.
   * - Again: a lapse if the card had been learned; ease -0.20; back to learning, due in 10 minutes.
   * - Hard: ease -0.15; interval x1.2 (1 day for a card in learning).
   * - Good: 1 day, then 6 days, then interval x ease.
   * - Easy: ease +0.15; 4 days for a card in learning, else the Good interval x1.3.
   * Each later interval is at least one day longer than the previous one, and
   * Hard <= Good < Easy. A learned card reviewed before its due day keeps its schedule
   * on Hard/Good/Easy: early practice is extra, not a review (Again still counts). */
  function schedule(card, rating, now) {
    var c = Object.assign(newCard(), card);
    rating = Math.round(rating);
    if (!(rating >= 1 && rating <= 4)) throw new RangeError("rating must be 1-4, got " + rating);
    var early = c.reps > 0 && dayIndex(now) < dayIndex(c.due);
    c.last = now;
    c.r = rating;
    if (rating === 1) {
      if (c.reps > 0) c.lapses += 1;
      c.ease = clamp(c.ease - 0.2, MIN_EASE, MAX_EASE);
      c.reps = 0;
      c.ivl = 0;
      c.due = now + RELEARN;
      return c;
    }
    if (early) return c;
    var hard, good, easy;
    if (c.reps === 0) {
      hard = 1;
      good = 1;
      easy = 4;
    } else {
      hard = Math.max(c.ivl + 1, Math.round(c.ivl * 1.2));
      good = Math.max(hard, c.reps === 1 ? 6 : Math.round(c.ivl * c.ease));
      easy = Math.max(good + 1, Math.round(good * 1.3));
    }
    c.ivl = Math.min(MAX_IVL, [hard, good, easy][rating - 2]);
    if (rating === 2) c.ease = clamp(c.ease - 0.15, MIN_EASE, MAX_EASE);
    if (rating === 4) c.ease = clamp(c.ease + 0.15, MIN_EASE, MAX_EASE);
    c.reps += 1;
    c.due = addDays(now, c.ivl);
    return c;
  }

  /* The due time each rating would give, for the labels of the rating buttons. */
  function preview(card, now) {
    return [1, 2, 3, 4].map(function (r) {
      return schedule(card, r, now).due;
    });
  }

  function isDue(card, now) {
    return !card || card.due <= now;
  }

  /* 0 New, 1 Learning, 2 Young (< 7 days), 3 Familiar (< 21 days), 4 Mastered. */
  function mastery(card) {
    if (!card || !card.r) return 0;
    if (card.reps === 0) return 1;
    return card.ivl < 7 ? 2 : card.ivl < 21 ? 3 : 4;
  }

  /* "now", "in 10 minutes", "later today", "tomorrow", "in 6 days". */
  function relative(due, now) {
    if (due <= now) return "now";
    if (due - now < 3600000) {
      var m = Math.max(1, Math.round((due - now) / MINUTE));
      return "in " + m + (m === 1 ? " minute" : " minutes");
    }
    var days = dayIndex(due) - dayIndex(now);
    if (days <= 0) return "later today";
    return days === 1 ? "tomorrow" : "in " + days + " days";
  }

  /* Consecutive study days ending today (or yesterday, while today is still open). */
  function streak(days, now) {
    var set = {};
    days.forEach(function (k) {
      set[keyIndex(k)] = true;
    });
    var d = dayIndex(now);
    if (!set[d]) d -= 1;
    var n = 0;
    while (set[d - n]) n += 1;
    return n;
  }

  /* ------------------------------------------------------------ progress data */

  var VERSION = 1;

  function emptyProgress() {
    return { version: VERSION, cards: {}, points: {}, quiz: { right: 0, wrong: 0 }, days: [] };
  }

  function isObj(x) {
    return x !== null && typeof x === "object" && !Array.isArray(x);
  }

  function isInt(x, lo, hi) {
    return typeof x === "number" && Math.floor(x) === x && x >= lo && x <= hi;
  }

  function isTime(x) {
    return typeof x === "number" && isFinite(x) && x >= 0;
  }

  function cardProblem(c) {
    if (!isObj(c)) return "is not an object";
    if (!isInt(c.reps, 0, 1e6) || !isInt(c.lapses, 0, 1e6)) return "has a bad review count";
    if (typeof c.ease !== "number" || !(c.ease >= MIN_EASE - 1e-9 && c.ease <= MAX_EASE + 1e-9))
      return "has an ease outside " + MIN_EASE + "-" + MAX_EASE;
    if (!isInt(c.ivl, 0, MAX_IVL)) return "has a bad interval";
    if (!isTime(c.due) || !isTime(c.last)) return "has a bad date";
    if (!isInt(c.r, 0, 4)) return "has a bad rating";
    return "";
  }

  /* Check data read from storage or a file. Returns {progress} (a clean copy) or {error}. */
  function validate(data) {
    if (!isObj(data)) return { error: "it is not a progress object" };
    if (data.version !== VERSION)
      return { error: "it is version " + JSON.stringify(data.version) + ", this site reads version " + VERSION };
    if (!isObj(data.cards)) return { error: "it has no cards" };
    var out = emptyProgress();
    var ids = Object.keys(data.cards);
    for (var i = 0; i < ids.length; i++) {
      var problem = cardProblem(data.cards[ids[i]]);
      if (problem) return { error: "card " + ids[i] + " " + problem };
      var c = data.cards[ids[i]];
      out.cards[ids[i]] = { reps: c.reps, lapses: c.lapses, ease: c.ease, ivl: c.ivl, due: c.due, last: c.last, r: c.r };
    }
    var points = data.points === undefined ? {} : data.points;
    if (!isObj(points)) return { error: "its key-point scores are not an object" };
    for (var id in points) {
      var p = points[id];
      if (!isObj(p) || !isInt(p.total, 1, 1000) || !isInt(p.got, 0, p.total) || !isTime(p.at))
        return { error: "the key-point score of " + id + " is invalid" };
      out.points[id] = { got: p.got, total: p.total, at: p.at };
    }
    var quiz = data.quiz === undefined ? { right: 0, wrong: 0 } : data.quiz;
    if (!isObj(quiz) || !isInt(quiz.right, 0, 1e9) || !isInt(quiz.wrong, 0, 1e9))
      return { error: "its quiz totals are invalid" };
    out.quiz = { right: quiz.right, wrong: quiz.wrong };
    var days = data.days === undefined ? [] : data.days;
    if (!Array.isArray(days)) return { error: "its study days are not a list" };
    for (var k = 0; k < days.length; k++) {
      if (typeof days[k] !== "string" || !/^\d{4}-\d\d-\d\d$/.test(days[k]))
        return { error: "study day " + JSON.stringify(days[k]) + " is not a YYYY-MM-DD date" };
    }
    out.days = days
      .filter(function (d, n) {
        return days.indexOf(d) === n;
      })
      .sort();
    return { progress: out };
  }

  /* Record `now` as a study day (in place). */
  function markDay(progress, now) {
    var key = dayKey(now);
    if (progress.days.indexOf(key) < 0) progress.days = progress.days.concat(key).sort();
    return progress;
  }

  var api = {
    DAY: DAY,
    MIN_EASE: MIN_EASE,
    MAX_EASE: MAX_EASE,
    START_EASE: START_EASE,
    RELEARN: RELEARN,
    RATINGS: RATINGS,
    LEVELS: LEVELS,
    VERSION: VERSION,
    KEY: "qa-study:progress:v" + VERSION,
    newCard: newCard,
    schedule: schedule,
    preview: preview,
    isDue: isDue,
    mastery: mastery,
    relative: relative,
    streak: streak,
    dayIndex: dayIndex,
    dayKey: dayKey,
    addDays: addDays,
    emptyProgress: emptyProgress,
    validate: validate,
    markDay: markDay,
  };
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  else root.QASrs = api;
})(typeof window !== "undefined" ? window : this);
