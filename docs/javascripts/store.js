/* Stored self-test progress: the only script that reads or writes it, and the only one
   that names its keys. The home page, the loader, the question pages' status line and
   the self-test all go through QA.store.

   One key per site, scoped as Material scopes its own storage: by the path of
   __md_scope, the site root, so two sites on one origin keep apart. A write the browser
   refuses (private mode, full, blocked) leaves what was stored before as it was: the
   page keeps its own copy and says so. Progress that cannot be read is copied to a
   backup key before anything replaces it, or, with no room for the copy, left alone. */
(function () {
  "use strict";
  var QA = window.QA;
  var scope = window.__md_scope instanceof URL ? window.__md_scope : QA.root;
  var rootPath = QA.root.pathname.replace(/index\.html$/, "");

  var store = (QA.store = {
    key: "qa-study:" + scope.pathname,
    // The SM-2 version's key (format 1): read once, converted, removed.
    legacyKey: "qa-study:progress:v1" + (rootPath === "/" ? "" : "@" + rootPath),
    // A copy of stored progress that could not be read, kept before anything replaces it.
    backupKey: "qa-study:" + scope.pathname + ":backup",
    // The Cache API's cache of the self-test's card data (selftest/data.js): never progress.
    cardsKey: "qa-study:" + scope.pathname + ":cards",
    full: false, // whether the last refused write was for want of room (else storage is blocked)
    // Stored progress could not be read and there was no room to back it up: nothing is
    // written over it while this document lives.
    held: false,
    unsaved: null, // progress the browser would not store: the page's own copy
    refused: "", // why the last save was refused ("" when it was not)
  });

  function get(key) {
    return window.localStorage.getItem(key); // throws when storage is blocked
  }

  /* true once stored; false when refused, and then the value stored before is still
     there: setItem replaces it only when it succeeds. */
  function set(key, text) {
    try {
      window.localStorage.setItem(key, text);
      return true;
    } catch (e) {
      store.full = /quota/i.test(e.name) || e.code === 22; // QuotaExceededError; older Firefox: NS_ERROR_DOM_QUOTA_REACHED
      return false;
    }
  }

  function remove(key) {
    try {
      window.localStorage.removeItem(key);
    } catch (e) {
      /* blocked: nothing stored either */
    }
  }

  /* {text, legacy}: the stored text (null: none), and whether it is under the old key. Throws when blocked. */
  function stored() {
    var text = get(store.key);
    if (text !== null) return { text: text, legacy: false };
    text = get(store.legacyKey);
    return { text: text, legacy: text !== null };
  }

  /* Whether any progress is stored (false when storage is blocked: nothing to show). */
  store.any = function () {
    try {
      return stored().text !== null;
    } catch (e) {
      return false;
    }
  };

  /* The stored cards as they are ({id: {due, rating …}}), read without the scheduler;
     null when there are none, or they cannot be read (the self-test page says why). */
  store.cards = function () {
    try {
      var text = stored().text;
      var cards = text === null ? null : JSON.parse(text).cards;
      return cards && typeof cards === "object" ? cards : null;
    } catch (e) {
      return null;
    }
  };

  /* Why the browser would not store progress. */
  store.refusal = function () {
    if (store.held) return "the progress stored before could not be read, and there is no room to keep a copy of it, so it is left as it was";
    return store.full ? "this browser's storage is full" : "this browser does not let the site store data";
  };

  function write(p) {
    return !store.held && set(store.key, JSON.stringify(p));
  }

  /* Store progress; when the browser refuses, this page keeps it (unsaved). */
  store.save = function (p) {
    var ok = write(p);
    store.unsaved = ok ? null : p;
    store.refused = ok ? "" : store.refusal();
    return ok;
  };

  /* Store progress that replaces the page's (an import): refused, nothing changes. */
  store.replace = function (p) {
    var ok = write(p);
    if (ok) {
      store.unsaved = null;
      store.refused = "";
    }
    return ok;
  };

  /* {p: progress, note: why it cannot be kept, legacy: it came from the SM-2 version's
     key; and when the stored text could not all be read: raw, the text, and why (it was
     not progress at all) or dropped (the parts left out)}. `S` is the scheduler (srs.js).
     Progress of format 1 read whole, under either key, is converted to format 2 and stored
     under the new key at once; the old key goes once the new one holds it. */
  store.load = function (S) {
    if (store.unsaved) return { p: store.unsaved };
    var found;
    try {
      found = stored();
    } catch (e) {
      return { p: S.emptyProgress(), note: "This browser does not let the site store data: progress lasts until you leave the page." };
    }
    if (found.text === null) return { p: S.emptyProgress() };
    var v = S.read(found.text);
    if (v.progress && !v.dropped) {
      if ((found.legacy || v.migrated) && store.save(v.progress) && found.legacy) remove(store.legacyKey);
      return { p: v.progress };
    }
    return { p: v.progress || S.emptyProgress(), raw: found.text, legacy: found.legacy, why: v.error, dropped: v.dropped };
  };

  /* Progress whose stored text could not all be read (`loaded`, from load()): the text is
     copied to the backup key (unless there is nothing in it) before what was read of it
     replaces it; with no room for the copy the text stays, and this page works on its own
     copy (held). Returns whether there was something to keep. */
  store.settle = function (loaded) {
    var keep = /\S/.test(loaded.raw || "");
    store.held = keep && !set(store.backupKey, loaded.raw);
    if (store.held) store.unsaved = loaded.p;
    else if (store.save(loaded.p) && loaded.legacy) remove(store.legacyKey);
    return keep;
  };
})();
