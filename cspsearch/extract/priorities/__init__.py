"""Priorities: the items of a paper's priority lists, with scheme, period, status, lead-in and theme ids.

`component` is the "cspsearch_priorities" spaCy component the pipeline runs
(`extract_priorities` does the work on plain text). `lists` finds the lists, by layout
(`layouts`: numbered, tables, "Priority status:" blocks) and by the words that introduce
them (`lead_ins`); `items` holds what a list and its items are; `text` reads lines and
sentences with the word lists of extract/data/priorities.yaml (`vocabulary`, which compare
also uses). Theme ids come from the shared taxonomy (cspsearch.vocab.themes).

Importing the package loads no spaCy; the component's names are loaded when first asked for.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from cspsearch.extract import lazy_exports
from cspsearch.extract.priorities.text import vocabulary

if TYPE_CHECKING:
    from cspsearch.extract.priorities.component import extract_priorities, priorities_component

__all__ = ["extract_priorities", "priorities_component", "vocabulary"]
__getattr__ = lazy_exports(__name__, "component", ("extract_priorities", "priorities_component"))
