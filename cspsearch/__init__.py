"""cspsearch: search and compare UK council committee papers, every fact cited to its page."""

__version__ = "0.1.0"
