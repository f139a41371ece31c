"""The self-test: its page, key points, term quiz and the Anki deck."""
