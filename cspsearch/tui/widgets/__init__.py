"""The widgets the TUI's screens compose: one widget per module, each owning its look."""
