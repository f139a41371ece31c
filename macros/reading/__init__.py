"""Reading: a document's blocks as GitHub reads them, its questions, and the glossary's data.

Imports the model only; never MkDocs, Jinja or the renderer.
"""
