// The self-test scheduler (docs/javascripts/srs.js), with Node's built-in test runner.
// Day boundaries are local time: each test sets the time zone it reasons in.
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");

const srs = require(path.join(__dirname, "..", "..", "docs", "javascripts", "srs.js"));

const MIN = 60 * 1000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

function inZone(tz, fn) {
  const before = process.env.TZ;
  process.env.TZ = tz; // Node re-reads TZ when it is assigned
  try {
    fn();
  } finally {
    if (before === undefined) delete process.env.TZ;
    else process.env.TZ = before;
  }
}

// 2025-03-10 14:30 UTC: a Monday afternoon.
const NOW = Date.UTC(2025, 2, 10, 14, 30);
const MIDNIGHT = Date.UTC(2025, 2, 10);

function rate(card, ratings, now) {
  for (const r of ratings) card = srs.schedule(card, r, now);
  return card;
}

test("a new card is due at once and unrated", () => {
  const card = srs.newCard();
  assert.equal(srs.isDue(card, NOW), true);
  assert.equal(card.ease, 2.5);
  assert.equal(srs.mastery(card), 0);
  assert.equal(srs.isDue(undefined, NOW), true, "a card never seen is due");
});

test("first rating of a new card: Again 10 min, Hard 1 day, Good 1 day, Easy 4 days", () => {
  inZone("UTC", () => {
    const card = srs.newCard();
    const again = srs.schedule(card, 1, NOW);
    assert.equal(again.due, NOW + 10 * MIN);
    assert.equal(again.reps, 0);
    assert.equal(again.lapses, 0, "forgetting a card never learned is not a lapse");
    assert.equal(srs.schedule(card, 2, NOW).ivl, 1);
    assert.equal(srs.schedule(card, 3, NOW).ivl, 1);
    assert.equal(srs.schedule(card, 4, NOW).ivl, 4);
    // Day intervals fall due at local midnight, not 24 h after the review.
    assert.equal(srs.schedule(card, 3, NOW).due, MIDNIGHT + DAY);
    assert.equal(srs.schedule(card, 4, NOW).due, MIDNIGHT + 4 * DAY);
  });
});

test("Good follows SM-2: 1 day, 6 days, then the interval times the ease", () => {
  inZone("UTC", () => {
    let card = srs.schedule(srs.newCard(), 3, NOW);
    assert.equal(card.ivl, 1);
    let now = card.due;
    card = srs.schedule(card, 3, now);
    assert.equal(card.ivl, 6);
    now = card.due;
    card = srs.schedule(card, 3, now);
    assert.equal(card.ivl, 15); // 6 x 2.5
    now = card.due;
    card = srs.schedule(card, 3, now);
    assert.equal(card.ivl, 38); // round(15 x 2.5 = 37.5)
    assert.equal(card.ease, 2.5, "Good keeps the ease");
    assert.equal(card.reps, 4);
  });
});

test("Hard, Good and Easy of a learned card: x1.2, x ease, x ease x1.3", () => {
  inZone("UTC", () => {
    const card = { reps: 3, lapses: 0, ease: 2.5, ivl: 10, due: NOW, last: NOW - 10 * DAY, r: 3 };
    const [hard, good, easy] = [2, 3, 4].map((r) => srs.schedule(card, r, NOW));
    assert.equal(hard.ivl, 12);
    assert.equal(good.ivl, 25);
    assert.equal(easy.ivl, 33); // round(25 x 1.3 = 32.5)
    assert.equal(hard.ease, 2.35);
    assert.equal(good.ease, 2.5);
    assert.equal(easy.ease, 2.65);
    assert.equal(good.due, MIDNIGHT + 25 * DAY);
  });
});

test("intervals always grow and keep Hard <= Good < Easy", () => {
  for (const ease of [1.3, 1.31, 2, 2.5, 3.5]) {
    for (const ivl of [1, 2, 3, 6, 15, 100]) {
      for (const reps of [1, 2, 5]) {
        const card = { reps, lapses: 0, ease, ivl, due: NOW, last: 0, r: 3 };
        const [hard, good, easy] = [2, 3, 4].map((r) => srs.schedule(card, r, NOW).ivl);
        assert.ok(hard > ivl, `hard ${hard} > ${ivl} (ease ${ease})`);
        assert.ok(hard <= good && good < easy, `${hard} <= ${good} < ${easy} (ease ${ease}, ivl ${ivl})`);
      }
    }
  }
});

test("a lapse: Again on a learned card counts it, resets it to learning and relearns in 10 minutes", () => {
  inZone("UTC", () => {
    const learned = { reps: 4, lapses: 1, ease: 2.5, ivl: 38, due: NOW, last: NOW - 38 * DAY, r: 3 };
    const lapsed = srs.schedule(learned, 1, NOW);
    assert.equal(lapsed.lapses, 2);
    assert.equal(lapsed.reps, 0);
    assert.equal(lapsed.ivl, 0);
    assert.equal(lapsed.ease, 2.3);
    assert.equal(lapsed.due, NOW + 10 * MIN);
    assert.equal(srs.isDue(lapsed, NOW + 9 * MIN), false);
    assert.equal(srs.isDue(lapsed, NOW + 10 * MIN), true);
    assert.equal(srs.mastery(lapsed), 1, "Learning");
    // Relearning starts over at one day, then six.
    const relearned = srs.schedule(lapsed, 3, NOW + 10 * MIN);
    assert.equal(relearned.ivl, 1);
    assert.equal(srs.schedule(relearned, 3, relearned.due).ivl, 6);
  });
});

test("ease never drops below 1.3 nor rises above 3.5", () => {
  let card = srs.newCard();
  for (let i = 0; i < 20; i++) card = srs.schedule(card, 1, NOW + i * MIN);
  assert.equal(card.ease, srs.MIN_EASE);
  assert.equal(srs.schedule(card, 2, NOW).ease, 1.3, "Hard at the floor stays at the floor");
  let now = NOW;
  card = srs.newCard();
  for (let i = 0; i < 20; i++) {
    card = srs.schedule(card, 4, now);
    now = card.due;
  }
  assert.equal(card.ease, srs.MAX_EASE);
  assert.ok(card.ivl <= 36500, "intervals are capped at 100 years");
});

test("a learned card practised before its due day keeps its schedule, unless forgotten", () => {
  inZone("UTC", () => {
    const card = rate(srs.newCard(), [3], NOW); // due tomorrow
    const again = srs.schedule(card, 3, NOW + HOUR);
    assert.equal(again.ivl, card.ivl);
    assert.equal(again.due, card.due);
    assert.equal(again.r, 3);
    assert.equal(again.last, NOW + HOUR, "the practice is still recorded");
    assert.equal(srs.schedule(card, 1, NOW + HOUR).lapses, 1, "forgetting counts even early");
    // On its due day it is a real review.
    assert.equal(srs.schedule(card, 3, MIDNIGHT + DAY + 8 * HOUR).ivl, 6);
  });
});

test("due days are calendar days in local time: late-night reviews are due the next morning", () => {
  inZone("Asia/Tokyo", () => {
    // 23:50 in Tokyo on 10 March (14:50 UTC): Good gives one day, due at Tokyo midnight.
    const lateNight = Date.UTC(2025, 2, 10, 14, 50);
    const card = srs.schedule(srs.newCard(), 3, lateNight);
    assert.equal(card.due, Date.UTC(2025, 2, 10, 15, 0)); // 11 March 00:00 in Tokyo
    assert.equal(srs.dayKey(card.due), "2025-03-11");
    assert.equal(srs.relative(card.due, lateNight), "in 10 minutes");
    assert.equal(srs.isDue(card, card.due - 1), false);
    assert.equal(srs.isDue(card, card.due), true);
  });
});

test("a DST change does not move a due day", () => {
  inZone("Europe/Berlin", () => {
    // Clocks go forward on Sunday 30 March 2025; a Good of 6 days on Friday 28 March.
    const friday = new Date(2025, 2, 28, 20, 0).getTime();
    const card = srs.schedule({ reps: 1, lapses: 0, ease: 2.5, ivl: 1, due: friday, last: 0, r: 3 }, 3, friday);
    assert.equal(card.ivl, 6);
    const due = new Date(card.due);
    assert.deepEqual([due.getDate(), due.getMonth(), due.getHours(), due.getMinutes()], [3, 3, 0, 0]);
    assert.equal(srs.dayKey(card.due), "2025-04-03");
    assert.equal(card.due - friday, 6 * DAY - 20 * HOUR - HOUR, "the lost hour is not added to the wait");
    assert.equal(srs.relative(card.due, friday), "in 6 days");
  });
});

test("preview gives the due time of each rating, in order", () => {
  inZone("UTC", () => {
    const [again, hard, good, easy] = srs.preview(srs.newCard(), NOW);
    assert.equal(again, NOW + 10 * MIN);
    assert.equal(hard, MIDNIGHT + DAY);
    assert.equal(good, MIDNIGHT + DAY);
    assert.equal(easy, MIDNIGHT + 4 * DAY);
  });
});

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

test("mastery levels follow the interval", () => {
  const base = { reps: 2, lapses: 0, ease: 2.5, due: 0, last: 0, r: 3 };
  assert.equal(srs.mastery({ ...base, ivl: 6 }), 2);
  assert.equal(srs.mastery({ ...base, ivl: 7 }), 3);
  assert.equal(srs.mastery({ ...base, ivl: 21 }), 4);
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

test("validate accepts progress and returns a clean copy", () => {
  const card = srs.schedule(srs.newCard(), 3, NOW);
  const data = {
    version: 1,
    cards: { "qa/1": { ...card, extra: "dropped" } },
    points: { "qa/1": { got: 2, total: 3, at: NOW } },
    quiz: { right: 4, wrong: 1 },
    days: ["2025-03-10", "2025-03-09", "2025-03-10"],
  };
  const { progress, error } = srs.validate(JSON.parse(JSON.stringify(data)));
  assert.equal(error, undefined);
  assert.deepEqual(progress.cards["qa/1"], card);
  assert.deepEqual(progress.days, ["2025-03-09", "2025-03-10"]);
  assert.deepEqual(srs.validate({ version: 1, cards: {} }).progress, srs.emptyProgress());
});

test("validate rejects old, corrupt and hostile data with a reason", () => {
  const good = srs.schedule(srs.newCard(), 3, NOW);
  const cases = [
    [null, /not a progress object/],
    [[], /not a progress object/],
    ["{}", /not a progress object/],
    [{ cards: {} }, /version undefined/],
    [{ version: 0, cards: {} }, /version 0/],
    [{ version: 2, cards: {} }, /version 2/],
    [{ version: 1 }, /no cards/],
    [{ version: 1, cards: { a: { ...good, ease: 9 } } }, /card a has an ease outside/],
    [{ version: 1, cards: { a: { ...good, ease: "2.5" } } }, /ease/],
    [{ version: 1, cards: { a: { ...good, ivl: -1 } } }, /interval/],
    [{ version: 1, cards: { a: { ...good, due: Number.NaN } } }, /date/],
    [{ version: 1, cards: { a: { ...good, r: 7 } } }, /rating/],
    [{ version: 1, cards: { a: 3 } }, /not an object/],
    [{ version: 1, cards: {}, points: { a: { got: 4, total: 3, at: 0 } } }, /key-point score of a/],
    [{ version: 1, cards: {}, quiz: { right: -1, wrong: 0 } }, /quiz/],
    [{ version: 1, cards: {}, days: "2025-03-10" }, /not a list/],
    [{ version: 1, cards: {}, days: ["10/03/2025"] }, /YYYY-MM-DD/],
  ];
  for (const [data, reason] of cases) {
    const result = srs.validate(data);
    assert.equal(result.progress, undefined, JSON.stringify(data));
    assert.match(result.error, reason);
  }
});

test("schedule refuses a rating outside 1-4 and never changes its input", () => {
  const card = srs.newCard();
  const copy = { ...card };
  srs.schedule(card, 3, NOW);
  assert.deepEqual(card, copy);
  assert.throws(() => srs.schedule(card, 0, NOW), RangeError);
  assert.throws(() => srs.schedule(card, 5, NOW), RangeError);
});
