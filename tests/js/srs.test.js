// The self-test scheduler (docs/javascripts/srs.js over the vendored ts-fsrs) and the
// progress format (docs/javascripts/srs-read.js), with Node's built-in test runner. Day
// boundaries are local time: each test sets the time zone it reasons in.
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");

const JS = path.join(__dirname, "..", "..", "docs", "javascripts");
// srs-read.js adds reading progress to the scheduler, as the browser loads them both.
const srs = { ...require(path.join(JS, "srs.js")), ...require(path.join(JS, "srs-read.js")) };
const F = srs.FSRS; // the vendored library itself

const MIN = 60 * 1000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

function inZone(tz, fn) {
  const before = process.env.TZ;
  process.env.TZ = tz; // Node re-reads TZ when it is assigned
  try {
    return fn();
  } finally {
    if (before === undefined) delete process.env.TZ;
    else process.env.TZ = before;
  }
}

// 2025-03-10 14:30 UTC: a Monday afternoon.
const NOW = Date.UTC(2025, 2, 10, 14, 30);
const MIDNIGHT = Date.UTC(2025, 2, 10);

function copy(x) {
  return JSON.parse(JSON.stringify(x));
}

/* A card rated `ratings` in turn, each review when the card falls due. */
function reviewed(ratings, start = NOW, retention) {
  let card;
  let now = start;
  for (const r of ratings) {
    card = srs.schedule(card, r, now, retention);
    now = card.due;
  }
  return card;
}

/* What the library says for the same card, in UTC (where srs.js's wall clock is UTC). */
function library(card, now, retention = 0.9) {
  const f = F.fsrs(F.generatorParameters({ request_retention: retention }));
  const input = card
    ? { ...card, due: new Date(card.due), last_review: new Date(card.last_review), elapsed_days: 0 }
    : F.createEmptyCard(new Date(now));
  return f.repeat(input, new Date(now));
}

// --------------------------------------------------------------------------- scheduling

test("a new card is due at once, unrated, with nothing to recall", () => {
  assert.equal(srs.isDue(undefined, NOW), true, "a card never seen is due");
  assert.equal(srs.mastery(undefined), 0);
  assert.equal(srs.retrievability(undefined, NOW), 0);
});

test("a new card's four ratings: learning steps of 1, 6 and 10 minutes, Easy in days at local midnight", () => {
  inZone("UTC", () => {
    const [again, hard, good, easy] = srs.preview(undefined, NOW);
    assert.equal(again, NOW + MIN);
    assert.equal(hard, NOW + 6 * MIN);
    assert.equal(good, NOW + 10 * MIN);
    assert.notEqual(hard, good, "Hard and Good differ for a new card");
    const days = library(undefined, NOW)[F.Rating.Easy].card.scheduled_days;
    assert.equal(days, 8);
    assert.equal(easy, MIDNIGHT + days * DAY, "a day interval falls due at local midnight");
    assert.deepEqual(
      [again, hard, good, easy].map((d) => srs.relative(d, NOW)),
      ["in 1 minute", "in 6 minutes", "in 10 minutes", "in 8 days"]
    );
  });
});

test("schedule is ts-fsrs: the same state, interval and counts as the library's own", () => {
  inZone("UTC", () => {
    let card;
    let now = NOW;
    for (const r of [3, 3, 2, 4, 1, 3, 3]) {
      const expected = library(card, now)[r].card;
      card = srs.schedule(card, r, now);
      assert.equal(card.stability, expected.stability);
      assert.equal(card.difficulty, expected.difficulty);
      assert.equal(card.scheduled_days, expected.scheduled_days);
      assert.equal(card.state, expected.state);
      assert.deepEqual([card.reps, card.lapses, card.learning_steps], [expected.reps, expected.lapses, expected.learning_steps]);
      assert.equal(card.rating, r);
      assert.equal(card.last_review, now);
      now = card.due + 3 * HOUR;
    }
  });
});

test("learning: Good twice graduates to days; Again on a learned card relearns in 10 minutes and counts a lapse", () => {
  inZone("UTC", () => {
    const first = srs.schedule(undefined, 3, NOW);
    assert.equal(first.state, F.State.Learning);
    assert.equal(srs.mastery(first), 1, "Learning");
    const second = srs.schedule(first, 3, first.due);
    assert.equal(second.state, F.State.Review);
    assert.ok(second.scheduled_days >= 1);
    assert.equal(second.due, srs.addDays(first.due, second.scheduled_days));
    const lapsed = srs.schedule(second, 1, second.due);
    assert.equal(lapsed.state, F.State.Relearning);
    assert.equal(lapsed.lapses, 1);
    assert.equal(lapsed.due, second.due + 10 * MIN);
    assert.equal(srs.isDue(lapsed, second.due + 9 * MIN), false);
    assert.equal(srs.isDue(lapsed, second.due + 10 * MIN), true);
  });
});

test("a learned card's four ratings all differ, shortest to longest", () => {
  inZone("UTC", () => {
    const card = reviewed([3, 3, 3, 3]);
    const due = srs.preview(card, card.due);
    assert.equal(new Set(due).size, 4);
    assert.deepEqual([...due].sort((a, b) => a - b), due);
    assert.equal(due[0], card.due + 10 * MIN, "Again relearns in 10 minutes");
    for (const r of [2, 3, 4]) {
      const days = library(card, card.due)[r].card.scheduled_days;
      assert.equal(due[r - 1], srs.addDays(card.due, days), `rating ${r}: ${days} days`);
    }
  });
});

test("a higher desired retention gives shorter intervals, a lower one longer", () => {
  inZone("UTC", () => {
    const card = reviewed([3, 3, 3]);
    const good = (retention) => srs.preview(card, card.due, retention)[2];
    assert.ok(good(0.8) > good(0.9), "80 % waits longer than 90 %");
    assert.ok(good(0.9) > good(0.97), "97 % comes back sooner");
    assert.equal(srs.preview(card, card.due)[2], good(0.9), "the default is 0.9");
    const p = srs.emptyProgress();
    p.settings.retention = 0.97;
    p.cards.a = card;
    srs.rate(p, "a", 3, card.due);
    assert.equal(p.cards.a.due, good(0.97), "rate() uses the retention in the settings");
  });
});

test("day intervals are local calendar days: a late-night review is due at the next local midnight", () => {
  inZone("Asia/Tokyo", () => {
    const learning = srs.schedule(undefined, 3, Date.UTC(2025, 2, 10, 14, 40)); // 23:40 in Tokyo
    const lateNight = learning.due; // 23:50 in Tokyo, 10 March
    const card = srs.schedule(learning, 3, lateNight);
    assert.equal(card.state, F.State.Review);
    assert.equal(card.due, srs.addDays(lateNight, card.scheduled_days));
    assert.equal(srs.dayKey(card.due), `2025-03-${10 + card.scheduled_days}`);
    assert.equal(new Date(card.due).getHours(), 0, "at local midnight, not 24 h after the review");
    assert.equal(srs.isDue(card, card.due - 1), false);
    assert.equal(srs.isDue(card, card.due), true);
  });
});

test("FSRS counts the reader's calendar days: 23:50 and 00:10 are a day apart in any time zone", () => {
  // Three Goods at 23:40, 23:50 and 00:10 on the reader's clock (written here as UTC).
  const clock = [Date.UTC(2025, 2, 10, 23, 40), Date.UTC(2025, 2, 10, 23, 50), Date.UTC(2025, 2, 11, 0, 10)];
  const run = (offset) => clock.reduce((card, t) => srs.schedule(card, 3, t - offset), undefined);
  const utc = inZone("UTC", () => run(0));
  const tokyo = inZone("Asia/Tokyo", () => run(9 * HOUR));
  assert.deepEqual(
    [tokyo.stability, tokyo.difficulty, tokyo.scheduled_days],
    [utc.stability, utc.difficulty, utc.scheduled_days]
  );
  // The library given bare times sees Tokyo's 23:50 and 00:10 as one UTC day (a same-day review).
  const f = F.fsrs();
  const bare = clock.reduce((card, t) => f.next(card, new Date(t - 9 * HOUR), 3).card, F.createEmptyCard());
  assert.notEqual(bare.stability, tokyo.stability);
});

test("a DST change does not move a due day", () => {
  inZone("Europe/Berlin", () => {
    // Clocks go forward on Sunday 30 March 2025; a review on Friday 28 March at 20:00.
    const friday = new Date(2025, 2, 28, 20, 0).getTime();
    const card = reviewed([3, 3], friday - 10 * MIN);
    const good = srs.schedule(card, 3, friday);
    assert.ok(good.scheduled_days >= 3, good.scheduled_days);
    const due = new Date(good.due);
    assert.deepEqual([due.getHours(), due.getMinutes()], [0, 0]);
    assert.equal(srs.dayKey(good.due), srs.dayKey(new Date(2025, 2, 28 + good.scheduled_days, 12).getTime()));
    assert.equal(srs.relative(good.due, friday), `in ${good.scheduled_days} days`);
  });
});

test("schedule refuses a rating outside 1-4 and never changes its input", () => {
  const card = srs.schedule(undefined, 3, NOW);
  const before = copy(card);
  srs.schedule(card, 4, NOW + HOUR);
  assert.deepEqual(card, before);
  assert.throws(() => srs.schedule(card, 0, NOW), RangeError);
  assert.throws(() => srs.schedule(card, 5, NOW), RangeError);
});

// --------------------------------------------------------------------------- retrievability

test("retrievability is FSRS's: falls as days pass, and is the library's forgetting curve", () => {
  inZone("UTC", () => {
    const card = reviewed([3, 3, 3]);
    const f = F.fsrs();
    let last = 1;
    for (const days of [0, 1, 5, 20, 100]) {
      const now = card.last_review + days * DAY;
      const r = srs.retrievability(card, now);
      assert.ok(r <= last && r > 0, `${days} days: ${r}`);
      const own = f.get_retrievability({ ...card, due: new Date(card.due), last_review: new Date(card.last_review) }, new Date(now), false);
      assert.equal(r, own);
      last = r;
    }
    assert.ok(srs.retrievability(card, card.last_review + card.scheduled_days * DAY) < 0.95);
  });
});

test("weakest first: least likely to be recalled first, cards never rated last, ties in the given order", () => {
  inZone("UTC", () => {
    const strong = reviewed([4, 4, 4]);
    const weak = srs.schedule(undefined, 2, NOW - 30 * DAY); // one Hard a month ago
    const medium = reviewed([3, 3]);
    const cards = { strong, weak, medium, twin: medium };
    const now = NOW + 2 * DAY;
    const order = srs.weakestFirst(["new1", "strong", "twin", "medium", "weak", "new2"], cards, now);
    assert.deepEqual(order, ["weak", "twin", "medium", "strong", "new1", "new2"]);
    const r = order.slice(0, 4).map((id) => srs.retrievability(cards[id], now));
    assert.deepEqual([...r].sort((a, b) => a - b), r);
  });
});

// --------------------------------------------------------------------------- sessions

/* A deck as the self-test page has it: id, document order, glossary topics. */
const DECK = [
  { id: "q/1", i: 0, topics: ["GANs"] },
  { id: "q/2", i: 1, topics: [] },
  { id: "q/3", i: 2, topics: ["GANs", "VAEs"] },
  { id: "q/4", i: 3, topics: ["VAEs"] },
  { id: "term:elbo", i: 4, topics: ["VAEs"] },
];

test("sessions: due cards soonest first then new ones, all cards, the weakest first, a topic", () => {
  inZone("UTC", () => {
    const now = NOW + 20 * DAY;
    const cards = {
      "q/1": srs.schedule(undefined, 4, NOW), // Easy: due in 8 days, overdue now
      "q/2": reviewed([4, 4, 4]), // due months from now
      "q/4": srs.schedule(undefined, 2, NOW), // Hard a long time ago: due, more overdue than q/1
    };
    assert.ok(cards["q/4"].due < cards["q/1"].due && cards["q/2"].due > now);
    assert.deepEqual(srs.session(DECK, cards, "due", now), ["q/4", "q/1", "q/3", "term:elbo"]);
    // Study all anyway: the same order, cards not due yet before new ones (as before FSRS).
    assert.deepEqual(srs.session(DECK, cards, "all", now), ["q/4", "q/1", "q/2", "q/3", "term:elbo"]);
    const weakest = srs.session(DECK, cards, "weakest", now);
    assert.deepEqual(weakest, srs.weakestFirst(["q/1", "q/2", "q/3", "q/4", "term:elbo"], cards, now));
    assert.deepEqual(weakest.slice(3), ["q/3", "term:elbo"], "cards never rated come last");
    assert.deepEqual(srs.session(DECK, cards, "topic:VAEs", now), ["q/4", "q/3", "term:elbo"]);
    assert.deepEqual(srs.session(DECK, cards, "topic:GANs", now), ["q/1", "q/3"]);
    assert.deepEqual(srs.session(DECK, cards, "topic:Nothing", now), []);
    assert.deepEqual(srs.session(DECK, cards, "shuffle", now).sort(), DECK.map((c) => c.id).sort());
    assert.deepEqual(srs.session(DECK, {}, "due", now), DECK.map((c) => c.id), "a new deck: document order");
  });
});

test("new cards a day: reviews first, then as many new cards as the day has left", () => {
  inZone("Europe/Berlin", () => {
    const now = NOW + 20 * DAY;
    const cards = { "q/2": srs.schedule(undefined, 4, NOW) }; // Easy long ago: a review due now
    assert.deepEqual(srs.session(DECK, cards, "due", now, 2), ["q/2", "q/1", "q/3"]);
    assert.deepEqual(srs.session(DECK, cards, "due", now, 0), ["q/2"], "reviews whatever the limit");
    assert.deepEqual(srs.session(DECK, cards, "all", now, 0).length, 5, "only the due session is limited");
    const p = srs.emptyProgress();
    assert.equal(srs.newPerDay(p), 20, "Anki's default, while the reader has set none");
    assert.equal(srs.newLeft(p, now), 20);
    // Three cards first rated today (one rated again), one yesterday: 17 left today, 20 tomorrow.
    srs.rate(p, "q/9", 3, now - DAY);
    for (const id of ["q/1", "q/3", "q/4"]) srs.rate(p, id, 3, now - HOUR);
    srs.rate(p, "q/1", 3, now - MIN);
    assert.equal(srs.newLeft(p, now), 17);
    assert.equal(srs.newLeft(p, now + DAY), 20);
    // The day is the reader's: 23:30 and 00:30 local time are two days, whatever UTC says.
    const late = new Date(2025, 2, 10, 23, 30).getTime();
    const q = srs.emptyProgress();
    srs.rate(q, "q/1", 3, late);
    assert.equal(srs.newLeft(q, late + 5 * MIN), 19);
    assert.equal(srs.newLeft(q, late + HOUR), 20);
    p.settings.new_per_day = 2;
    assert.equal(srs.newLeft(p, now), 0, "never below none");
    // Undo takes a first rating back, and with it its place in the day's new cards.
    const token = srs.rate(q, "q/2", 3, late + 2 * MIN);
    assert.equal(srs.newLeft(q, late + 3 * MIN), 18);
    srs.undo(q, token);
    assert.equal(srs.newLeft(q, late + 3 * MIN), 19);
  });
});

test("a key-point score suggests a rating: all points Good, half or more Hard, fewer Again", () => {
  const cases = [
    [3, 3, 3], [2, 3, 2], [1, 2, 2], [2, 4, 2], [1, 3, 1], [0, 2, 1], [0, 1, 1], [1, 1, 3], [5, 8, 2], [3, 8, 1],
  ];  // prettier-ignore
  for (const [got, total, rating] of cases) assert.equal(srs.suggest(got, total), rating, `${got}/${total}`);
  // Confirmed, it is a review like any other: the card is scheduled and logged.
  const p = srs.emptyProgress();
  srs.rate(p, "q/1", srs.suggest(1, 2), NOW);
  assert.equal(p.cards["q/1"].rating, 2);
  assert.deepEqual(p.log, [{ card: "q/1", rating: 2, at: NOW, state: 0 }]);
});

// --------------------------------------------------------------------------- history, undo, replay

test("rating logs the review: card id, rating, time and the state before", () => {
  const p = srs.emptyProgress();
  srs.rate(p, "qa/1", 3, NOW);
  srs.rate(p, "qa/1", 3, NOW + 10 * MIN);
  srs.rate(p, "qa/2", 1, NOW + 11 * MIN);
  assert.deepEqual(p.log, [
    { card: "qa/1", rating: 3, at: NOW, state: F.State.New },
    { card: "qa/1", rating: 3, at: NOW + 10 * MIN, state: F.State.Learning },
    { card: "qa/2", rating: 1, at: NOW + 11 * MIN, state: F.State.New },
  ]);
  assert.equal(p.cards["qa/1"].state, F.State.Review);
});

test("undo puts card, history and study days back exactly, latest first", () => {
  inZone("UTC", () => {
    const p = srs.emptyProgress();
    srs.rate(p, "qa/1", 3, NOW - DAY);
    p.points["qa/1"] = { got: 1, total: 2, at: NOW - DAY };
    const before = copy(p);
    const first = srs.rate(p, "qa/1", 4, NOW); // a new study day
    const afterFirst = copy(p);
    const second = srs.rate(p, "qa/2", 2, NOW + MIN); // a new card
    assert.notDeepEqual(copy(p), afterFirst);
    srs.undo(p, second);
    assert.deepEqual(copy(p), afterFirst);
    assert.equal("qa/2" in p.cards, false, "a card rated for the first time is new again");
    srs.undo(p, first);
    assert.deepEqual(copy(p), before);
    assert.deepEqual(p.days, ["2025-03-09"]);
  });
});

test("replaying the review log with FSRS gives back every stored card", () => {
  inZone("Europe/Berlin", () => {
    const p = srs.validate(copy(VERSION_1)).progress; // starts from migrated SM-2 cards
    let now = NOW;
    let seed = 7;
    const ids = ["advanced/1", "advanced/2", "advanced/3", "advanced/4"];
    for (let i = 0; i < 60; i++) {
      seed = (seed * 48271) % 2147483647;
      const id = ids[seed % ids.length];
      const rating = 1 + (seed % 4);
      srs.rate(p, id, rating, now);
      now += (seed % 3 === 0 ? 3 : 0.2) * DAY + (seed % 97) * MIN;
    }
    assert.deepEqual(srs.replay(p.log, p.settings.retention), p.cards);
    // Another retention: the same memory state, other due times; and back again.
    const stored = copy(p.cards);
    const changed = srs.setRetention(p, 0.8);
    assert.ok(changed > 0);
    assert.equal(p.settings.retention, 0.8);
    for (const id of ids) {
      assert.equal(p.cards[id].stability, stored[id].stability);
      assert.equal(p.cards[id].difficulty, stored[id].difficulty);
      if (p.cards[id].state === F.State.Review && stored[id].scheduled_days > 2)
        assert.ok(p.cards[id].due > stored[id].due, `${id} waits longer at 80 %`);
    }
    srs.setRetention(p, 0.9);
    assert.deepEqual(p.cards, stored);
  });
});

// --------------------------------------------------------------------------- format 1 (SM-2) to 2

// Progress as the SM-2 version stored it (and exported it), at a few stages of learning.
const VERSION_1 = {
  version: 1,
  cards: {
    // learned: 15 days, due in 5
    "advanced/1": { reps: 3, lapses: 0, ease: 2.5, ivl: 15, due: MIDNIGHT + 5 * DAY, last: NOW - 10 * DAY, r: 3 },
    // learned once, found hard: 1 day, due today
    "advanced/2": { reps: 1, lapses: 0, ease: 2.35, ivl: 1, due: MIDNIGHT, last: NOW - DAY, r: 2 },
    // forgotten after being learned: relearning in 10 minutes
    "advanced/3": { reps: 0, lapses: 2, ease: 1.9, ivl: 0, due: NOW + 10 * MIN, last: NOW, r: 1 },
    // forgotten at first sight: learning
    "advanced/4": { reps: 0, lapses: 0, ease: 2.3, ivl: 0, due: NOW + 5 * MIN, last: NOW - 5 * MIN, r: 1 },
    // mature and easy
    "advanced/5": { reps: 6, lapses: 1, ease: 3.1, ivl: 120, due: MIDNIGHT + 40 * DAY, last: NOW - 80 * DAY, r: 4 },
  },
  points: { "advanced/1": { got: 2, total: 3, at: NOW - DAY }, "advanced/9": { got: 0, total: 2, at: NOW } },
  quiz: { right: 7, wrong: 2 },
  days: ["2025-03-01", "2025-03-09", "2025-03-10"],
};

test("format 1 (SM-2) becomes FSRS state and a review history, losing nothing", () => {
  const { progress, migrated, error } = srs.validate(copy(VERSION_1));
  assert.equal(error, undefined);
  assert.equal(migrated, true);
  assert.equal(progress.version, 2);
  assert.deepEqual(progress.settings, { retention: 0.9, glossary: false });
  assert.deepEqual(progress.points, VERSION_1.points);
  assert.deepEqual(progress.quiz, VERSION_1.quiz);
  assert.deepEqual(progress.days, VERSION_1.days);
  assert.deepEqual(Object.keys(progress.cards).sort(), Object.keys(VERSION_1.cards).sort());
  for (const [id, old] of Object.entries(VERSION_1.cards)) {
    const card = progress.cards[id];
    assert.equal(card.due, old.due, `${id}: due date kept`);
    assert.equal(card.last_review, old.last);
    assert.equal(card.rating, old.r);
    assert.equal(card.lapses, old.lapses);
    assert.ok(card.difficulty >= 1 && card.difficulty <= 10);
  }
  const c = progress.cards;
  assert.equal(c["advanced/1"].state, F.State.Review);
  assert.equal(c["advanced/1"].stability, 15, "stability is the SM-2 interval (recall 90 % after it)");
  assert.equal(c["advanced/1"].scheduled_days, 15);
  assert.equal(c["advanced/5"].stability, 120);
  assert.equal(c["advanced/3"].state, F.State.Relearning);
  assert.equal(c["advanced/4"].state, F.State.Learning);
  assert.equal(c["advanced/4"].difficulty, F.fsrs().init_difficulty(F.Rating.Again));
  // A higher ease is an easier card: a lower FSRS difficulty at the same interval.
  const at = (ease) => srs.fromSm2({ reps: 2, lapses: 0, ease, ivl: 10, due: NOW, last: NOW, r: 3 }).difficulty;
  assert.ok(at(1.3) > at(2.5) && at(2.5) > at(3.5));
  // One synthesized history entry per card, at its last review, holding the SM-2 card.
  assert.equal(progress.log.length, 5);
  assert.deepEqual(
    progress.log.map((e) => e.at),
    progress.log.map((e) => e.at).sort((a, b) => a - b)
  );
  for (const e of progress.log) {
    assert.deepEqual(Object.keys(e).sort(), ["at", "card", "rating", "sm2", "state"]);
    assert.equal(e.rating, 0, "Manual: not a review");
    assert.deepEqual(e.sm2, VERSION_1.cards[e.card]);
    assert.equal(e.at, VERSION_1.cards[e.card].last);
  }
  assert.deepEqual(srs.replay(progress.log), progress.cards, "the history replays to the cards");
  // Format 2 reads back as it is.
  const again = srs.validate(copy(progress));
  assert.deepEqual(again.progress, progress);
  assert.equal(again.migrated, undefined);
});

test("a migrated card goes on with FSRS from its SM-2 state", () => {
  inZone("UTC", () => {
    const { progress } = srs.validate(copy(VERSION_1));
    const card = progress.cards["advanced/1"];
    const due = srs.preview(card, card.due);
    assert.equal(new Set(due).size, 4);
    assert.ok(due[2] > srs.addDays(card.due, 15), "Good on time: a longer interval than the last one");
    srs.rate(progress, "advanced/1", 3, card.due);
    assert.equal(progress.log.at(-1).state, F.State.Review);
    assert.deepEqual(srs.replay(progress.log), progress.cards);
  });
});

test("an old export file imports the same way: JSON text of format 1", () => {
  const file = JSON.stringify(VERSION_1, null, 2); // what the SM-2 version's Export wrote
  const imported = srs.validate(JSON.parse(file));
  assert.deepEqual(imported.progress, srs.validate(copy(VERSION_1)).progress);
  assert.equal(imported.migrated, true);
  // Cards never rated (r 0) are new cards: nothing to keep.
  const unrated = { version: 1, cards: { x: { reps: 0, lapses: 0, ease: 2.5, ivl: 0, due: 0, last: 0, r: 0 } } };
  assert.deepEqual(srs.validate(unrated).progress, srs.emptyProgress());
});

// --------------------------------------------------------------------------- reading data

test("validate accepts format 2 and returns a clean copy", () => {
  const p = srs.emptyProgress();
  srs.rate(p, "qa/1", 3, NOW);
  p.points["qa/1"] = { got: 2, total: 3, at: NOW };
  p.settings.retention = 0.85;
  const data = copy(p);
  data.cards["qa/1"].extra = "dropped";
  data.log[0].extra = "dropped";
  data.days = ["2025-03-10", "2025-03-09", "2025-03-10"];
  const { progress, error } = srs.validate(data);
  assert.equal(error, undefined);
  assert.deepEqual(progress.cards, p.cards);
  assert.deepEqual(progress.log, p.log);
  assert.equal(progress.settings.retention, 0.85);
  assert.deepEqual(progress.days, ["2025-03-09", "2025-03-10"]);
  assert.deepEqual(srs.validate({ version: 2, cards: {} }).progress, srs.emptyProgress());
});

test("validate rejects what is not progress at all with a reason", () => {
  const cases = [
    [null, /not a progress object/],
    [[], /not a progress object/],
    ["{}", /not a progress object/],
    [{ cards: {} }, /version undefined, this site reads versions 1 and 2/],
    [{ version: 0, cards: {} }, /version 0/],
    [{ version: 3, cards: {} }, /version 3/],
    [{ version: 2 }, /no cards/],
    [{ version: 1 }, /no cards/],
  ];
  for (const [data, reason] of cases) {
    const result = srs.validate(data);
    assert.equal(result.progress, undefined, JSON.stringify(data));
    assert.match(result.error, reason);
  }
});

test("a malformed card, review, score, setting or day is left out with its reason; the rest is kept", () => {
  const p = srs.emptyProgress();
  srs.rate(p, "a", 3, NOW);
  srs.rate(p, "ok", 4, NOW + MIN);
  p.points.ok = { got: 2, total: 3, at: NOW };
  p.quiz = { right: 4, wrong: 1 };
  const good = p.cards.a;
  const sm2 = VERSION_1.cards["advanced/1"];
  const v1 = { version: 1, cards: { ok: sm2 }, points: p.points, quiz: p.quiz, days: p.days };
  // [data, why the part is left out, what still reads]
  const cases = [
    [{ ...v1, cards: { ok: sm2, a: { ...sm2, ease: 9 } } }, /^card a has an ease outside/],
    [{ ...v1, cards: { ok: sm2, a: { ...sm2, ivl: -1 } } }, /^card a has a bad interval/],
    [{ ...v1, cards: { ok: sm2, a: { ease: "high" } } }, /^card a has a bad review count/],
    [{ ...v1, quiz: { right: -1, wrong: 0 } }, /^its quiz totals are invalid/],
    [{ ...p, cards: { ...p.cards, a: { ...good, stability: -1 } } }, /^card a has a stability outside 0.001-36500/],
    [{ ...p, cards: { ...p.cards, a: { ...good, stability: 99999 } } }, /^card a has a stability outside/],
    [{ ...p, cards: { ...p.cards, a: { ...good, difficulty: 11 } } }, /^card a has a difficulty outside 1-10/],
    [{ ...p, cards: { ...p.cards, a: { ...good, state: 0 } } }, /^card a has a bad state/],
    [{ ...p, cards: { ...p.cards, a: { ...good, rating: 7 } } }, /^card a has a bad rating/],
    [{ ...p, cards: { ...p.cards, a: { ...good, due: Number.NaN } } }, /^card a has a bad date/],
    [{ ...p, cards: { ...p.cards, a: { ...good, reps: 0.5 } } }, /^card a has a bad review count/],
    [{ ...p, cards: { ...p.cards, a: 3 } }, /^card a is not an object/],
    [{ ...p, log: [...p.log, { card: "a", rating: 9, at: NOW, state: 0 }] }, /^review 3 of its history has a bad rating/],
    [{ ...p, log: [...p.log, { card: "a", rating: 0, at: NOW, state: 0 }] }, /^review 3 of its history has a bad SM-2 card/],
    [{ ...p, settings: { retention: 0.5 } }, /^its desired retention is not between 70 % and 99 %/],
    [{ ...p, settings: { glossary: "yes" } }, /^its glossary-cards setting is not true or false/],
    [{ ...p, settings: { new_per_day: 2.5 } }, /^its new cards a day is not a whole number from 0 to 9999/],
    [{ ...p, settings: { new_per_day: -1 } }, /^its new cards a day is not a whole number from 0 to 9999/],
    [{ ...p, settings: [] }, /^its settings are not an object/],
    [{ ...p, points: { ...p.points, a: { got: 4, total: 3, at: 0 } } }, /^the key-point score of a is invalid/],
    [{ ...p, days: [...p.days, "10/03/2025"] }, /^study day "10\/03\/2025" is not a YYYY-MM-DD date/],
  ];
  for (const [data, reason] of cases) {
    const result = srs.validate(copy(data));
    const label = JSON.stringify(data);
    assert.equal(result.error, undefined, label);
    assert.equal(result.dropped.length, 1, label);
    assert.match(result.dropped[0], reason, label);
    const kept = result.progress;
    assert.equal(kept.cards.ok.rating, data.version === 1 ? sm2.r : 4, `${label}: the other card survives`);
    assert.deepEqual(kept.points.ok, p.points.ok, label);
    assert.deepEqual(kept.days, p.days, label);
    if (data.version === 2) {
      assert.deepEqual(kept.log.map((e) => e.card).filter((c) => c === "ok"), ["ok"], `${label}: its history survives`);
      assert.deepEqual(kept.settings, p.settings, `${label}: a bad setting reads as its default`);
    }
    if (!/quiz/.test(reason)) assert.deepEqual(kept.quiz, p.quiz, label);
  }
  // A card left out takes its review history with it; a replay never brings it back.
  const bad = srs.validate(copy({ ...p, cards: { ...p.cards, a: { ...good, stability: 99999 } } })).progress;
  assert.deepEqual(Object.keys(bad.cards), ["ok"]);
  assert.deepEqual(bad.log, p.log.filter((e) => e.card === "ok"));
  assert.deepEqual(srs.replay(bad.log), bad.cards);
  // A history, a score list or a day list that is not one at all is left out whole.
  const lists = srs.validate(copy({ ...p, log: {}, points: [], days: "2025-03-10" }));
  assert.deepEqual(lists.dropped, ["its review history is not a list", "its key-point scores are not an object", "its study days are not a list"]);
  assert.deepEqual(lists.progress.cards, p.cards);
  assert.deepEqual([lists.progress.log, lists.progress.points, lists.progress.days], [[], {}, []]);
  // Several problems: each reported, in the order they were met.
  const many = srs.validate(copy({ ...p, cards: { ...p.cards, a: 3, b: { ...good, rating: 0 } }, days: ["x"] }));
  assert.deepEqual(many.dropped, ["card a is not an object", "card b has a bad rating", 'study day "x" is not a YYYY-MM-DD date']);
  assert.deepEqual(Object.keys(many.progress.cards), ["ok"]);
});

test("the glossary-cards setting: off in progress saved before it existed, kept when set", () => {
  const before = { version: 2, settings: { retention: 0.85 }, cards: {}, log: [], points: {}, quiz: { right: 0, wrong: 0 }, days: [] };
  const read = srs.validate(copy(before)).progress;
  assert.deepEqual(read.settings, { retention: 0.85, glossary: false });
  assert.equal(srs.emptyProgress().settings.glossary, false);
  const on = srs.validate({ ...copy(before), settings: { glossary: true } }).progress;
  assert.deepEqual(on.settings, { retention: 0.9, glossary: true });
  assert.deepEqual(srs.validate(copy(on)).progress, on, "it survives a save and a load");
});

test("new cards a day: absent in progress saved before it existed (the default), kept when set", () => {
  const before = { version: 2, settings: { retention: 0.85, glossary: true }, cards: {}, log: [], points: {}, quiz: { right: 0, wrong: 0 }, days: [] };
  const read = srs.validate(copy(before)).progress;
  assert.deepEqual(read.settings, { retention: 0.85, glossary: true }, "nothing is written for it");
  assert.equal(srs.newPerDay(read), 20);
  assert.equal("new_per_day" in srs.emptyProgress().settings, false);
  const set = srs.validate({ ...copy(before), settings: { new_per_day: 0 } }).progress;
  assert.equal(srs.newPerDay(set), 0, "none a day is a choice too");
  assert.deepEqual(srs.validate(copy(set)).progress, set, "it survives a save and a load");
});

test("read: stored or exported text, or why it cannot be read", () => {
  const p = srs.emptyProgress();
  srs.rate(p, "q/1", 3, NOW);
  assert.deepEqual(srs.read(JSON.stringify(p)), { progress: p, json: true });
  assert.deepEqual(srs.read("{not json"), { error: "it was not valid JSON", json: false });
  assert.deepEqual(srs.read('{"version": 7, "cards": {}}'), { error: "it is version 7, this site reads versions 1 and 2", json: true });
  const old = srs.read(JSON.stringify(VERSION_1));
  assert.equal(old.migrated, true);
  assert.equal(old.progress.version, 2);
});

// --------------------------------------------------------------------------- days and words

test("relative due times read like a person would say them", () => {
  inZone("UTC", () => {
    assert.equal(srs.relative(NOW - 1, NOW), "now");
    assert.equal(srs.relative(NOW + MIN, NOW), "in 1 minute");
    assert.equal(srs.relative(NOW + 10 * MIN, NOW), "in 10 minutes");
    assert.equal(srs.relative(NOW + 3 * HOUR, NOW), "later today");
    assert.equal(srs.relative(MIDNIGHT + DAY, NOW), "tomorrow");
    assert.equal(srs.relative(MIDNIGHT + 6 * DAY, NOW), "in 6 days");
  });
});

test("mastery: learning steps, then FSRS stability under 7 days, under 21, and beyond", () => {
  const base = { state: F.State.Review, rating: 3 };
  assert.equal(srs.mastery({ ...base, state: F.State.Learning, stability: 30 }), 1);
  assert.equal(srs.mastery({ ...base, state: F.State.Relearning, stability: 30 }), 1);
  assert.equal(srs.mastery({ ...base, stability: 6.9 }), 2);
  assert.equal(srs.mastery({ ...base, stability: 7 }), 3);
  assert.equal(srs.mastery({ ...base, stability: 21 }), 4);
  assert.equal(srs.LEVELS[4], "Mastered");
});

test("the streak counts consecutive study days up to today or yesterday", () => {
  inZone("UTC", () => {
    assert.equal(srs.streak([], NOW), 0);
    assert.equal(srs.streak(["2025-03-08", "2025-03-09", "2025-03-10"], NOW), 3);
    assert.equal(srs.streak(["2025-03-08", "2025-03-09"], NOW), 2, "today is not over yet");
    assert.equal(srs.streak(["2025-03-07", "2025-03-10"], NOW), 1);
    assert.equal(srs.streak(["2025-03-01", "2025-03-08"], NOW), 0);
    // Across a month boundary.
    assert.equal(srs.streak(["2025-02-28", "2025-03-01"], Date.UTC(2025, 2, 1, 9)), 2);
  });
});

test("markDay records each local day once, sorted", () => {
  inZone("UTC", () => {
    const p = srs.emptyProgress();
    srs.markDay(p, NOW);
    srs.markDay(p, NOW + HOUR);
    srs.markDay(p, NOW - DAY);
    assert.deepEqual(p.days, ["2025-03-09", "2025-03-10"]);
  });
});
