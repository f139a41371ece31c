/* The card data the build writes beside the self-test page (macros/outputs/selftest/data.py):
   an index of every card, the cards' content in files of consecutive cards, and the
   glossary's terms. A file is fetched when a view first needs it, and kept: in memory while
   the site is open (instant navigation included), and in the browser's Cache API
   (QA.store.cardsKey, apart from stored progress), so that what was opened once can be
   studied offline. A file's name holds a hash of its bytes, so a kept copy is never stale:
   it is read first. The index is asked of the network first (the page preloads it), its
   kept copy answering when that fails. */
(function () {
  "use strict";
  var QA = window.QA;
  var st = QA.selftest;
  var h = st.h;
  var asked = {}; // address -> promise of its data, while this document lives
  var done = {}; // address -> its data, once come
  var bad = {}; // address -> true: it could not be fetched (until the reader tries again)

  function box() {
    try {
      return window.caches ? caches.open(QA.store.cardsKey) : Promise.reject(new Error("no Cache API"));
    } catch (e) {
      return Promise.reject(e); // some private modes refuse the Cache API outright
    }
  }

  function kept(url) {
    return box()
      .then(function (c) {
        return c.match(url);
      })
      .then(function (r) {
        if (!r) throw new Error("not kept");
        return r.json();
      });
  }

  function network(url) {
    return fetch(url).then(function (r) {
      if (!r.ok) throw new Error("HTTP " + r.status);
      var copy = r.clone();
      box()
        .then(function (c) {
          return c.put(url, copy);
        })
        .catch(function () {}); // not kept: fetched again next time
      return r.json();
    });
  }

  /* The data of `url`, fetched once: cache first, or with `fresh` network first. */
  st.fetch = function (url, fresh) {
    if (!asked[url]) {
      asked[url] = (
        fresh
          ? network(url).catch(function (e) {
              return kept(url).catch(function () {
                throw e;
              });
            })
          : kept(url).catch(function () {
              return network(url);
            })
      ).then(
        function (data) {
          done[url] = data;
          return data;
        },
        function (e) {
          delete asked[url];
          throw e;
        }
      );
    }
    return asked[url];
  };

  /* The data of `url` if it has come already (else undefined). */
  st.fetch.done = function (url) {
    return done[url];
  };

  /* Drop the kept files this build no longer names (`keep`: the addresses it does). */
  st.prune = function (keep) {
    box()
      .then(function (c) {
        return c.keys().then(function (requests) {
          requests.forEach(function (r) {
            if (keep.indexOf(r.url) < 0) c.delete(r);
          });
        });
      })
      .catch(function () {});
  };

  /* The data of `url` when it has come; else null, and the view on screen is drawn again
     (with the focus it asked for) once it comes or fails. */
  st.need = function (a, url) {
    if (done[url]) return done[url];
    a.missing = url;
    if (!bad[url] && !a.waits) {
      a.waits = true;
      st.fetch(url).then(
        function () {
          a.waits = false;
          if (st.app === a) a.render(a.focus);
        },
        function () {
          a.waits = false;
          bad[url] = true;
          if (st.app === a) a.render(a.focus);
        }
      );
    }
    return null;
  };

  /* Fetch `url` ahead of need (the next card's file), quietly. */
  st.soon = function (url) {
    if (url && !done[url]) st.fetch(url).catch(function () {});
  };

  /* What a view shows while the data it needs is on its way, or when it could not come. */
  st.pending = function (a) {
    var url = a.missing;
    if (!bad[url]) return h("p", { class: "qa-st-meta", role: "status" }, ["Loading…"]);
    return h("div", { class: "admonition warning", role: "alert" }, [
      h("p", {}, ["This card could not be loaded: the site cannot be reached. The cards you have opened before stay here to study offline."]),
      st.button("Try again", function () {
        delete bad[url];
        a.render(a.focus);
      }, "", { "data-act": "retry" }),
    ]);
  };

  /* What card `c` shows (question, body, answer, key points), or null while it comes. */
  st.content = function (a, c) {
    if (c.term) return c;
    var file = st.need(a, a.files[c.f]);
    return file && file.cards[c.id];
  };
})();
