"""The Textual front end of cspsearch: `cspsearch tui` (calls only cspsearch.services and analysis)."""
