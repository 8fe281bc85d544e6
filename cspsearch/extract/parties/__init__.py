"""Parties: the organisations and people a paper names (partner bodies, councils, officers with their roles).

`component` is the "cspsearch_parties" spaCy component the pipeline runs (`PartiesComponent`);
`organisations` and `people` are its two finders, `words` the word lists they match with
(extract/data/organisations.yaml and the shared council list), `text` the paper's text as
they read it.

Importing the package loads no spaCy; the component's names are loaded when first asked for.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from cspsearch.extract import lazy_exports
from cspsearch.extract.parties.words import party_words

if TYPE_CHECKING:
    from cspsearch.extract.parties.component import PartiesComponent

__all__ = ["PartiesComponent", "party_words"]
__getattr__ = lazy_exports(__name__, "component", ("PartiesComponent",))
