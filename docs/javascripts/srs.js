/* Spaced repetition for the self-test, and the progress data it keeps. Pure functions, no
 * DOM: a browser script (window.QASrs, after vendor/ts-fsrs/ts-fsrs.min.js) and a
 * CommonJS module for `node --test`. Reading progress (stored or from a file, either
 * format) is srs-read.js's, which adds read() and validate() to it.
 *
 * Scheduling is FSRS, by the open-spaced-repetition project's own library (ts-fsrs, its
 * default parameters, no fuzz); this file only adapts it:
 * - Days are local calendar days. FSRS counts days between UTC dates; it is handed each
 *   time as the local wall-clock time written as UTC (wall()), so its day counts are the
 *   reader's. A day interval falls due at local midnight, so a DST change or a late-night
 *   review never shifts a due day; learning steps (1 and 10 minutes, 10 to relearn) stay
 *   in minutes.
 * - Progress format 2 keeps every card's FSRS state, a review log that replays to it, and
 *   converts format 1 (SM-2) progress on reading. PROGRESS-FORMAT.md documents it
 *   field by field.
 * Ratings: 1 Again, 2 Hard, 3 Good, 4 Easy. */
(function (root) {
  "use strict";

  var F = typeof module !== "undefined" && module.exports ? require("./vendor/ts-fsrs/ts-fsrs.min.js") : root.FSRS;
  var MINUTE = 60000;
  var DAY = 86400000;
  var RETENTION = 0.9; // FSRS's default desired retention
  var NEW_PER_DAY = 20; // new cards a day, Anki's default
  var MAX_NEW_PER_DAY = 9999;
  var MIN_RETENTION = 0.7;
  var MAX_RETENTION = 0.99;
  var RATINGS = ["Again", "Hard", "Good", "Easy"];
  var LEVELS = ["New", "Learning", "Young", "Familiar", "Mastered"];
  var VERSION = 2;

  var schedulers = {};

  /* The FSRS scheduler for a desired retention: default parameters otherwise. */
  function scheduler(retention) {
    var r = retention || RETENTION;
    return schedulers[r] || (schedulers[r] = F.fsrs(F.generatorParameters({ request_retention: r })));
  }

  /* ------------------------------------------------------------------ days */

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

  /* The local wall-clock time of `ms` written as a UTC time: what FSRS is given. */
  function wall(ms) {
    return new Date(ms - new Date(ms).getTimezoneOffset() * MINUTE);
  }

  /* ------------------------------------------------------------------ cards */

  /* A stored card: FSRS's Card with times as ms, plus the last rating.
   * {due, stability, difficulty, scheduled_days, learning_steps, reps, lapses, state,
   *  last_review, rating}. A card never rated is not stored (undefined below). */

  function toFsrs(c, now) {
    if (!c) return F.createEmptyCard(wall(now));
    return {
      due: wall(c.due),
      stability: c.stability,
      difficulty: c.difficulty,
      elapsed_days: 0, // FSRS works it out from last_review
      scheduled_days: c.scheduled_days,
      learning_steps: c.learning_steps,
      reps: c.reps,
      lapses: c.lapses,
      state: c.state,
      last_review: c.last_review ? wall(c.last_review) : undefined,
    };
  }

  function fromFsrs(x, rating, now) {
    return {
      // Day intervals fall due at local midnight; learning steps keep their minutes.
      due: x.scheduled_days > 0 ? addDays(now, x.scheduled_days) : now + (x.due.getTime() - wall(now).getTime()),
      stability: x.stability,
      difficulty: x.difficulty,
      scheduled_days: x.scheduled_days,
      learning_steps: x.learning_steps,
      reps: x.reps,
      lapses: x.lapses,
      state: x.state,
      last_review: now,
      rating: rating,
    };
  }

  function checkRating(rating) {
    var r = Math.round(rating);
    if (!(r >= 1 && r <= 4)) throw new RangeError("rating must be 1-4, got " + rating);
    return r;
  }

  /* The card after a rating at time `now` (ms); `card` undefined for a new card. Never
   * changes `card`. */
  function schedule(card, rating, now, retention) {
    var r = checkRating(rating);
    return fromFsrs(scheduler(retention).next(toFsrs(card, now), wall(now), r).card, r, now);
  }

  /* The due time each rating would give, Again to Easy: the labels of the rating buttons. */
  function preview(card, now, retention) {
    var record = scheduler(retention).repeat(toFsrs(card, now), wall(now));
    return [1, 2, 3, 4].map(function (r) {
      return fromFsrs(record[r].card, r, now).due;
    });
  }

  /* FSRS's estimate of the chance of recalling the card at `now` (0 for a new card). */
  function retrievability(card, now) {
    return card ? scheduler().get_retrievability(toFsrs(card, now), wall(now), false) : 0;
  }

  /* `ids` with the cards least likely to be recalled first; cards never rated (no memory
   * to be weak in) after them. Ties keep the order of `ids`. */
  function weakestFirst(ids, cards, now) {
    return ids
      .map(function (id, i) {
        var c = cards[id];
        return { id: id, i: i, r: c ? retrievability(c, now) : 2 };
      })
      .sort(function (a, b) {
        return a.r - b.r || a.i - b.i;
      })
      .map(function (x) {
        return x.id;
      });
  }

  function isDue(card, now) {
    return !card || card.due <= now;
  }

  /* The ids of a study session, from `deck` (cards {id, i: document order, topics}):
   * "due": the due cards, the soonest (most overdue) first, then new cards in document order,
   * at most `fresh` of them (the day's new cards left; no limit when undefined);
   * "all": every card in that order ("Study all anyway"); "weakest": every card, the lowest
   * retrievability first; "shuffle": every card (the caller shuffles); "topic:<name>": the
   * cards of that glossary topic, due first. */
  function session(deck, cards, kind, now, fresh) {
    var topic = kind.indexOf("topic:") === 0 && kind.slice(6);
    var ids = deck
      .filter(function (c) {
        if (topic) return c.topics.indexOf(topic) >= 0;
        return kind !== "due" || isDue(cards[c.id], now);
      })
      .sort(function (a, b) {
        return a.i - b.i;
      })
      .map(function (c) {
        return c.id;
      });
    if (kind === "weakest") return weakestFirst(ids, cards, now);
    if (kind === "shuffle") return ids;
    var left = kind === "due" && fresh !== undefined ? fresh : Infinity;
    return ids
      .map(function (id, i) {
        return { id: id, i: i, due: cards[id] ? cards[id].due : Infinity };
      })
      .sort(function (a, b) {
        return a.due - b.due || a.i - b.i;
      })
      .filter(function (x) {
        return x.due < Infinity || left-- > 0;
      })
      .map(function (x) {
        return x.id;
      });
  }

  /* New cards a day: the reader's setting (settings.new_per_day), else the default. */
  function newPerDay(p) {
    var n = p.settings.new_per_day;
    return n === undefined ? NEW_PER_DAY : n;
  }

  /* How many new cards the local day of `now` has left: new cards a day, less the cards
   * first rated that day (a review of a new card in the log, whatever the mode). */
  function newLeft(p, now) {
    var start = addDays(now, 0);
    var end = addDays(now, 1);
    var seen = 0;
    p.log.forEach(function (e) {
      if (e.state === F.State.New && e.rating > 0 && e.at >= start && e.at < end) seen += 1;
    });
    return Math.max(0, newPerDay(p) - seen);
  }

  /* The rating a key-point score suggests: every point recalled Good, at least half Hard,
   * fewer Again. */
  function suggest(got, total) {
    return got >= total ? 3 : 2 * got >= total ? 2 : 1;
  }

  /* 0 New, 1 Learning (learning or relearning steps), then by FSRS stability (the
   * interval at which recall falls to 90%): 2 Young (< 7 days), 3 Familiar (< 21), 4 Mastered. */
  function mastery(card) {
    if (!card) return 0;
    if (card.state !== F.State.Review) return 1;
    return card.stability < 7 ? 2 : card.stability < 21 ? 3 : 4;
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

  /* ------------------------------------------------------------------ format 1 (SM-2) */

  /* The FSRS card of a format-1 SM-2 card {reps, lapses, ease, ivl, due, last, r}, by the
   * rule of fsrs-rs (Anki's FSRS), memory_state_from_sm2 with a historical retention of
   * 90 %: stability is the interval (the days after which recall falls to 90 %), and the
   * difficulty is the one whose FSRS stability increase at 90 % recall equals the ease.
   * A card in learning (reps 0, rated Again) keeps FSRS's first-Again stability; if it
   * was never learned, FSRS's first-Again difficulty too. The due time is kept. */
  function fromSm2(s) {
    var f = scheduler();
    var w = f.parameters.w;
    var learned = s.reps > 0;
    var stability = learned ? Math.min(Math.max(s.ivl, F.S_MIN), F.S_MAX) : f.init_stability(1);
    var difficulty =
      learned || s.lapses
        ? 11 - (s.ease - 1) / (Math.exp(w[8]) * Math.pow(stability, -w[9]) * Math.expm1(0.1 * w[10]))
        : f.init_difficulty(1);
    return {
      due: s.due,
      stability: stability,
      difficulty: Math.min(10, Math.max(1, difficulty)),
      scheduled_days: learned ? s.ivl : 0,
      learning_steps: 0,
      reps: Math.max(1, s.reps + s.lapses), // SM-2 counts reviews since the last lapse: at least this many
      lapses: s.lapses,
      state: learned ? F.State.Review : s.lapses ? F.State.Relearning : F.State.Learning,
      last_review: s.last,
      rating: s.r,
    };
  }

  /* ------------------------------------------------------------------ progress data */

  function emptyProgress() {
    return {
      version: VERSION,
      settings: { retention: RETENTION, glossary: false },
      cards: {},
      log: [],
      points: {},
      quiz: { right: 0, wrong: 0 },
      days: [],
    };
  }

  /* Rate card `id` at `now`, in place: the card, the review log and the study days.
   * Returns what undo() needs to put all three back exactly as they were. */
  function rate(p, id, rating, now) {
    var before = p.cards[id];
    var token = { id: id, card: before, log: p.log.length, days: p.days.slice() };
    p.cards[id] = schedule(before, rating, now, p.settings.retention);
    p.log.push({ card: id, rating: checkRating(rating), at: now, state: before ? before.state : F.State.New });
    markDay(p, now);
    return token;
  }

  /* Undo rate() (the latest first, when there were several). */
  function undo(p, token) {
    if (token.card) p.cards[token.id] = token.card;
    else delete p.cards[token.id];
    p.log.length = token.log;
    p.days = token.days;
  }

  /* Every card as FSRS makes it from the review log alone, with a desired retention.
   * With the retention the reviews were made with, this is the stored cards. */
  function replay(log, retention) {
    var cards = {};
    log.forEach(function (e) {
      cards[e.card] = e.rating === 0 ? fromSm2(e.sm2) : schedule(cards[e.card], e.rating, e.at, retention);
    });
    return cards;
  }

  /* A new desired retention, in place: each card's history re-run with it (its memory
   * state stays, its next interval changes). Returns how many due times changed. */
  function setRetention(p, retention) {
    var cards = replay(p.log, retention);
    var changed = 0;
    p.settings.retention = retention;
    Object.keys(p.cards).forEach(function (id) {
      var c = cards[id];
      if (!c) return; // no history (made by hand): kept as it is
      if (c.due !== p.cards[id].due) changed += 1;
      p.cards[id] = c;
    });
    return changed;
  }

  /* Record `now` as a study day (in place). */
  function markDay(progress, now) {
    var key = dayKey(now);
    if (progress.days.indexOf(key) < 0) progress.days = progress.days.concat(key).sort();
    return progress;
  }

  var api = {
    DAY: DAY,
    RATINGS: RATINGS,
    LEVELS: LEVELS,
    VERSION: VERSION,
    RETENTION: RETENTION,
    NEW_PER_DAY: NEW_PER_DAY,
    MAX_NEW_PER_DAY: MAX_NEW_PER_DAY,
    MIN_RETENTION: MIN_RETENTION,
    MAX_RETENTION: MAX_RETENTION,
    FSRS: F,
    scheduler: scheduler,
    schedule: schedule,
    preview: preview,
    retrievability: retrievability,
    weakestFirst: weakestFirst,
    isDue: isDue,
    session: session,
    newPerDay: newPerDay,
    newLeft: newLeft,
    suggest: suggest,
    mastery: mastery,
    relative: relative,
    streak: streak,
    dayIndex: dayIndex,
    dayKey: dayKey,
    addDays: addDays,
    fromSm2: fromSm2,
    emptyProgress: emptyProgress,
    rate: rate,
    undo: undo,
    replay: replay,
    setRetention: setRetention,
    markDay: markDay,
  };
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  else root.QASrs = api;
})(typeof window !== "undefined" ? window : this);
