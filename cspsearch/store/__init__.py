"""The store: the only package that imports Whoosh (schema, writing, reading, search)."""
