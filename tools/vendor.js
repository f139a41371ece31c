#!/usr/bin/env node
// The JavaScript libraries the site ships, made from the npm packages pinned in
// package-lock.json, each in docs/javascripts/vendor/<name>/ with the package's licence
// beside it. The copies are committed, so `make serve` and `make build` need no Node.
//
// - ts-fsrs (the self-test's scheduler): its browser (UMD) build, minified with the pinned
//   terser, with a banner naming the version and licence.
// - katex (maths): its own minified script and stylesheet with a banner each, and the
//   fonts the stylesheet names. Only the woff2 fonts are shipped (every current browser
//   reads them), so the stylesheet's woff and ttf fallbacks are taken out of it and each
//   url() it keeps is a file of the copy.
//
//   node tools/vendor.js          write docs/javascripts/vendor/ (`make vendor`)
//   node tools/vendor.js --check  exit 1 when a committed copy differs from it
//
// tests/js/vendor.test.js runs the check: a hand edit of a copy (one byte of a font
// included), a missing or extra file, or a version bump without `make vendor`, fails the
// tests.
"use strict";

const fs = require("node:fs");
const path = require("node:path");

const ROOT = path.join(__dirname, "..");
const VENDOR = path.join(ROOT, "docs", "javascripts", "vendor");

// Only what the library's own build leaves in: compress and mangle, no comments. The
// exported names are properties of the UMD's `exports`, so mangling keeps them.
const TERSER = { compress: true, mangle: true, format: { comments: false } };

function pinned(name) {
  const lock = JSON.parse(fs.readFileSync(path.join(ROOT, "package-lock.json"), "utf8"));
  const entry = lock.packages[`node_modules/${name}`];
  if (!entry) throw new Error(`package-lock.json does not pin ${name}`);
  return entry.version;
}

/** The installed package `name`, checked against the lock: {dir, pkg, version}. */
function installed(name) {
  const dir = path.join(ROOT, "node_modules", name);
  if (!fs.existsSync(path.join(dir, "package.json")))
    throw new Error(`node_modules/${name} is missing: run \`npm ci\` (make test and make vendor do)`);
  const pkg = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8"));
  const version = pinned(name);
  if (pkg.version !== version)
    throw new Error(`node_modules has ${name} ${pkg.version}, package-lock.json pins ${version}: run \`npm ci\``);
  return { dir, pkg, version };
}

function banner(name, version, licence, what) {
  return (
    `/*! ${name} ${version} (${licence} licence, see LICENSE beside this file): ${what}. ` +
    "Regenerate with `make vendor`; do not edit. */\n"
  );
}

async function tsFsrs() {
  const { dir, pkg, version } = installed("ts-fsrs");
  const { minify } = require(path.join(ROOT, "node_modules", "terser"));
  const source = fs.readFileSync(path.join(dir, pkg.exports["."].umd), "utf8");
  const { code } = await minify(source, TERSER);
  const what = `${pkg.exports["."].umd.replace(/^\.\//, "")} of the npm package, minified`;
  return {
    "ts-fsrs.min.js": banner("ts-fsrs", version, pkg.license, what) + code + "\n",
    LICENSE: fs.readFileSync(path.join(dir, "LICENSE"), "utf8"),
  };
}

// One @font-face source list of katex.min.css: woff2, then the woff and ttf fallbacks.
const FALLBACKS =
  /(url\(fonts\/([\w-]+)\.woff2\) format\("woff2"\)),url\(fonts\/\2\.woff\) format\("woff"\),url\(fonts\/\2\.ttf\) format\("truetype"\)/g;

async function katex() {
  const { dir, pkg, version } = installed("katex");
  const dist = path.join(dir, "dist");
  const script = fs.readFileSync(path.join(dist, "katex.min.js"), "utf8");
  const css = fs.readFileSync(path.join(dist, "katex.min.css"), "utf8");
  const woff2Only = css.replace(FALLBACKS, "$1");
  const urls = [...woff2Only.matchAll(/url\(([^)]*)\)/g)].map((m) => m[1]);
  const strays = urls.filter((url) => !/^fonts\/[\w-]+\.woff2$/.test(url));
  if (strays.length || !urls.length)
    throw new Error(`katex.min.css of katex ${version} has other font sources than expected: ${strays.join(", ")}`);
  const files = {
    "katex.min.js":
      banner("KaTeX", version, pkg.license, "dist/katex.min.js of the npm package") + script.replace(/\n?$/, "\n"),
    "katex.min.css":
      banner("KaTeX", version, pkg.license, "dist/katex.min.css of the npm package, woff and ttf fallbacks left out") +
      woff2Only.replace(/\n?$/, "\n"),
    LICENSE: fs.readFileSync(path.join(dir, "LICENSE"), "utf8"),
  };
  for (const url of new Set(urls)) files[url] = fs.readFileSync(path.join(dist, url)); // bytes, as published
  return files;
}

const LIBRARIES = { "ts-fsrs": tsFsrs, katex };

/** {path in the copy: contents (string or bytes)} of the vendored copy of `name`, made from node_modules. */
async function build(name) {
  if (!(name in LIBRARIES)) throw new Error(`no vendored library ${name}`);
  return LIBRARIES[name]();
}

function target(name) {
  return path.join(VENDOR, name);
}

/** Every file under `dir`, as paths relative to it with forward slashes. */
function listing(dir, prefix = "") {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const name = prefix + entry.name;
    return entry.isDirectory() ? listing(path.join(dir, entry.name), name + "/") : [name];
  });
}

/** The paths of the committed files that differ from `files` (or are missing or extra). */
function differences(files, dir) {
  const names = new Set(Object.keys(files));
  const out = listing(dir)
    .filter((name) => !names.has(name))
    .map((name) => `${name} (not made from the package)`);
  for (const name of names) {
    const file = path.join(dir, name);
    if (!fs.existsSync(file)) out.push(`${name} (missing)`);
    else if (!fs.readFileSync(file).equals(Buffer.from(files[name]))) out.push(name);
  }
  return out;
}

function write(files, dir) {
  for (const name of listing(dir)) if (!(name in files)) fs.rmSync(path.join(dir, name));
  for (const [name, contents] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), contents);
  }
}

async function main() {
  const check = process.argv.includes("--check");
  let failed = false;
  for (const name of Object.keys(LIBRARIES)) {
    const files = await build(name);
    const dir = target(name);
    const shown = path.relative(ROOT, dir).split(path.sep).join("/");
    if (check) {
      const diff = differences(files, dir);
      if (diff.length) {
        console.error(`${shown} differs from the pinned package: ${diff.join(", ")}; run \`make vendor\``);
        failed = true;
      }
      continue;
    }
    write(files, dir);
    console.log(`${shown}: ${Object.keys(files).length} files (${name} ${pinned(name)})`);
  }
  if (failed) process.exit(1);
}

module.exports = { build, differences, pinned, target, LIBRARIES };

if (require.main === module) {
  main().catch((error) => {
    console.error(`error: ${error.message}`);
    process.exit(1);
  });
}
