"""The store: the only package that knows a search engine. Whoosh (schema, index, writer, reader,
search) or tantivy (the tantivy_* modules), chosen per index folder by engine.py, behind the same functions."""
