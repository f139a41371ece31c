// The committed copies of the libraries the site ships (docs/javascripts/vendor/ts-fsrs/,
// docs/javascripts/vendor/katex/) are what `make vendor` makes from the npm packages
// package-lock.json pins: no hand edit, no version bump left unvendored. Needs node_modules
// (`npm ci`; `make test` runs it).
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");

const ROOT = path.join(__dirname, "..", "..");
const vendor = require(path.join(ROOT, "tools", "vendor.js"));
const LIBRARIES = ["ts-fsrs", "katex"];
const installed = LIBRARIES.every((name) => fs.existsSync(path.join(ROOT, "node_modules", name, "package.json")));
// CI must run it; elsewhere a missing node_modules skips it with the reason.
const skip = !installed && !process.env.CI && "node_modules is missing: run `npm ci` (make test does)";

/** The copy written into a temporary folder, for `change` to damage; what `differences` reports then. */
async function damaged(name, change) {
  const files = await vendor.build(name);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vendor-"));
  try {
    for (const [file, contents] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      fs.writeFileSync(path.join(dir, file), contents);
    }
    assert.deepEqual(vendor.differences(files, dir), [], "an intact copy has no difference");
    change(dir);
    return vendor.differences(files, dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

test("vendor.js vendors exactly the libraries the site loads", () => {
  assert.deepEqual(Object.keys(vendor.LIBRARIES).sort(), [...LIBRARIES].sort());
  const vendored = fs.readdirSync(path.join(ROOT, "docs", "javascripts", "vendor")).sort();
  assert.deepEqual(vendored, [...LIBRARIES].sort(), "every folder in vendor/ is made by make vendor");
});

for (const name of LIBRARIES) {
  test(`package.json pins one exact ${name} version and the lock agrees`, () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));
    assert.match(pkg.dependencies[name], /^\d+\.\d+\.\d+$/, "an exact version, no range");
    assert.equal(vendor.pinned(name), pkg.dependencies[name]);
  });

  test(`the vendored ${name} is exactly what make vendor makes from the locked package`, { skip }, async () => {
    const files = await vendor.build(name);
    assert.deepEqual(vendor.differences(files, vendor.target(name)), [], "run `make vendor` and commit it");
  });
}

test("ts-fsrs ships its browser build with its MIT licence", { skip }, async () => {
  const files = await vendor.build("ts-fsrs");
  assert.deepEqual(Object.keys(files).sort(), ["LICENSE", "ts-fsrs.min.js"]);
  assert.match(files.LICENSE, /^MIT License/);
  assert.ok(files["ts-fsrs.min.js"].startsWith(`/*! ts-fsrs ${vendor.pinned("ts-fsrs")} (MIT licence, see LICENSE`));
});

test("KaTeX ships its script, its stylesheet, the woff2 fonts it names and its MIT licence", { skip }, async () => {
  const files = await vendor.build("katex");
  const version = vendor.pinned("katex");
  const fonts = Object.keys(files).filter((name) => name.startsWith("fonts/"));
  assert.deepEqual(Object.keys(files).filter((name) => !fonts.includes(name)).sort(), [
    "LICENSE",
    "katex.min.css",
    "katex.min.js",
  ]);
  assert.match(files.LICENSE, /^The MIT License \(MIT\)/);
  assert.match(files.LICENSE, /Khan Academy/);
  for (const name of ["katex.min.js", "katex.min.css"])
    assert.ok(files[name].startsWith(`/*! KaTeX ${version} (MIT licence, see LICENSE beside this file)`), name);
  // Every url() of the stylesheet is a shipped font, resolved from the stylesheet's folder, and
  // every shipped font is named by it: KaTeX_Main (the roman letters) and KaTeX_Math (italic
  // variables) among them.
  const urls = [...files["katex.min.css"].matchAll(/url\(([^)]*)\)/g)].map((m) => m[1]);
  assert.deepEqual([...new Set(urls)].sort(), fonts.sort());
  assert.ok(fonts.includes("fonts/KaTeX_Main-Regular.woff2") && fonts.includes("fonts/KaTeX_Math-Italic.woff2"));
  for (const font of fonts) assert.equal(files[font].subarray(0, 4).toString("latin1"), "wOF2", `${font} is woff2`);
  assert.doesNotMatch(files["katex.min.css"], /\.woff\)|\.ttf\)|@import|https?:/);
  assert.ok(files["katex.min.js"].includes(`version:"${version}"`), "the script is that version's build");
});

test("a changed, missing or extra byte in the committed ts-fsrs copy is caught", { skip }, async () => {
  const diff = await damaged("ts-fsrs", (dir) => {
    fs.appendFileSync(path.join(dir, "ts-fsrs.min.js"), " ");
    fs.writeFileSync(path.join(dir, "extra.js"), "");
  });
  assert.deepEqual(diff, ["extra.js (not made from the package)", "ts-fsrs.min.js"]);
});

test("a changed, missing or extra byte in the committed KaTeX copy is caught", { skip }, async () => {
  const flip = (file, at) => {
    const bytes = fs.readFileSync(file);
    bytes[at] ^= 1;
    fs.writeFileSync(file, bytes);
  };
  const diff = await damaged("katex", (dir) => {
    flip(path.join(dir, "fonts", "KaTeX_Main-Regular.woff2"), 1000); // one bit of one font
    flip(path.join(dir, "katex.min.js"), 5000);
    fs.truncateSync(path.join(dir, "katex.min.css"), fs.statSync(path.join(dir, "katex.min.css")).size - 1);
    fs.rmSync(path.join(dir, "fonts", "KaTeX_Size1-Regular.woff2"));
    fs.writeFileSync(path.join(dir, "fonts", "KaTeX_Main-Regular.woff"), "");
  });
  assert.deepEqual(diff.sort(), [
    "fonts/KaTeX_Main-Regular.woff (not made from the package)",
    "fonts/KaTeX_Main-Regular.woff2",
    "fonts/KaTeX_Size1-Regular.woff2 (missing)",
    "katex.min.css",
    "katex.min.js",
  ]);
});
