"""Analysis over the index: compare priorities, theme timelines, grants, law, ask and briefings."""
