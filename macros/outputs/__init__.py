"""Outputs: the site's model rendered once (:mod:`.site`), and everything made from it: pages,
navigation, search index, self-test, Anki deck, PDF book."""
