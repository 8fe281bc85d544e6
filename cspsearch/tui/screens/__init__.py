"""The screens of the TUI: search, document, compare, grants, law, ask, help and the export prompt."""
