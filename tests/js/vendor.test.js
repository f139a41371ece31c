// The committed copy of the scheduler library (docs/javascripts/vendor/ts-fsrs/) is what
// `make vendor` makes from the npm package package-lock.json pins: no hand edit, no
// version bump left unvendored. Needs node_modules (`npm ci`; `make test` runs it).
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");

const ROOT = path.join(__dirname, "..", "..");
const vendor = require(path.join(ROOT, "tools", "vendor.js"));
const installed = fs.existsSync(path.join(ROOT, "node_modules", "ts-fsrs", "package.json"));
// CI must run it; elsewhere a missing node_modules skips it with the reason.
const skip = !installed && !process.env.CI && "node_modules is missing: run `npm ci` (make test does)";

test("package.json pins one exact ts-fsrs version and the lock agrees", () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));
  assert.match(pkg.dependencies["ts-fsrs"], /^\d+\.\d+\.\d+$/, "an exact version, no range");
  assert.equal(vendor.pinned(), pkg.dependencies["ts-fsrs"]);
});

test("the vendored ts-fsrs is exactly what make vendor makes from the locked package", { skip }, async () => {
  const files = await vendor.build();
  assert.deepEqual(Object.keys(files).sort(), ["LICENSE", vendor.SCRIPT].sort());
  assert.deepEqual(vendor.differences(files), [], "run `make vendor` and commit docs/javascripts/vendor/");
  assert.match(files.LICENSE, /^MIT License/);
  assert.ok(files[vendor.SCRIPT].startsWith(`/*! ts-fsrs ${vendor.pinned()} (MIT licence, see LICENSE`));
});

test("a changed byte in the committed copy is caught", { skip }, async () => {
  const files = await vendor.build();
  const dir = fs.mkdtempSync(path.join(require("node:os").tmpdir(), "vendor-"));
  try {
    for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
    assert.deepEqual(vendor.differences(files, dir), []);
    fs.appendFileSync(path.join(dir, vendor.SCRIPT), " ");
    fs.writeFileSync(path.join(dir, "extra.js"), "");
    assert.deepEqual(vendor.differences(files, dir), ["extra.js (not made from the package)", vendor.SCRIPT]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
