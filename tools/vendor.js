#!/usr/bin/env node
// The self-test's scheduler library, ts-fsrs, as the site ships it: its browser (UMD)
// build from the npm package pinned in package-lock.json, minified with the pinned
// terser, with a banner naming the version and licence, and the package's LICENSE file
// beside it. The copy is committed, so `make serve` needs no Node.
//
//   node tools/vendor.js          write docs/javascripts/vendor/ts-fsrs/ (`make vendor`)
//   node tools/vendor.js --check  exit 1 when the committed copy differs from it
//
// tests/js/vendor.test.js runs the check: a hand edit of the copy, or a version bump
// without `make vendor`, fails the tests.
"use strict";

const fs = require("node:fs");
const path = require("node:path");

const ROOT = path.join(__dirname, "..");
const PACKAGE = path.join(ROOT, "node_modules", "ts-fsrs");
const TARGET = path.join(ROOT, "docs", "javascripts", "vendor", "ts-fsrs");
const SCRIPT = "ts-fsrs.min.js";

// Only what the library's own build leaves in: compress and mangle, no comments. The
// exported names are properties of the UMD's `exports`, so mangling keeps them.
const TERSER = { compress: true, mangle: true, format: { comments: false } };

function pinned() {
  const lock = JSON.parse(fs.readFileSync(path.join(ROOT, "package-lock.json"), "utf8"));
  const entry = lock.packages["node_modules/ts-fsrs"];
  if (!entry) throw new Error("package-lock.json does not pin ts-fsrs");
  return entry.version;
}

/** {file name: contents} of the vendored copy, made from node_modules. */
async function build() {
  if (!fs.existsSync(path.join(PACKAGE, "package.json")))
    throw new Error("node_modules/ts-fsrs is missing: run `npm ci` (make test and make vendor do)");
  const pkg = JSON.parse(fs.readFileSync(path.join(PACKAGE, "package.json"), "utf8"));
  const version = pinned();
  if (pkg.version !== version)
    throw new Error(`node_modules has ts-fsrs ${pkg.version}, package-lock.json pins ${version}: run \`npm ci\``);
  const { minify } = require(path.join(ROOT, "node_modules", "terser"));
  const source = fs.readFileSync(path.join(PACKAGE, pkg.exports["."].umd), "utf8");
  const { code } = await minify(source, TERSER);
  const banner =
    `/*! ts-fsrs ${version} (${pkg.license} licence, see LICENSE beside this file): ` +
    `${pkg.exports["."].umd.replace(/^\.\//, "")} of the npm package, minified. ` +
    "Regenerate with `make vendor`; do not edit. */\n";
  return {
    [SCRIPT]: banner + code + "\n",
    LICENSE: fs.readFileSync(path.join(PACKAGE, "LICENSE"), "utf8"),
  };
}

/** The names of the committed files that differ from `files` (or are missing or extra). */
function differences(files, dir = TARGET) {
  const names = new Set(Object.keys(files));
  const present = fs.existsSync(dir) ? fs.readdirSync(dir) : [];
  const out = present.filter((name) => !names.has(name)).map((name) => `${name} (not made from the package)`);
  for (const name of names) {
    const file = path.join(dir, name);
    if (!fs.existsSync(file)) out.push(`${name} (missing)`);
    else if (fs.readFileSync(file, "utf8") !== files[name]) out.push(name);
  }
  return out;
}

async function main() {
  const files = await build();
  if (process.argv.includes("--check")) {
    const diff = differences(files);
    if (diff.length) {
      console.error(`docs/javascripts/vendor/ts-fsrs differs from the pinned package: ${diff.join(", ")}; run \`make vendor\``);
      process.exit(1);
    }
    return;
  }
  fs.mkdirSync(TARGET, { recursive: true });
  for (const name of fs.readdirSync(TARGET)) if (!(name in files)) fs.rmSync(path.join(TARGET, name));
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(TARGET, name), text);
  console.log(`docs/javascripts/vendor/ts-fsrs: ${Object.keys(files).join(", ")} (ts-fsrs ${pinned()})`);
}

module.exports = { build, differences, pinned, TARGET, SCRIPT };

if (require.main === module) {
  main().catch((error) => {
    console.error(`error: ${error.message}`);
    process.exit(1);
  });
}
