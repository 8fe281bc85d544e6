"""Legal references: Acts, statutory instruments and council rules a paper cites, with their provisions.

`component` is the "cspsearch_legal" spaCy component the pipeline runs (`find_legal` does the
work); `citations` finds where a paper names an instrument, `catalogue` indexes the legislation
list (cspsearch.vocab.legislation) for that, and `provisions` is the one grammar of "s.17",
"ss.5-7" and "sch.12A pt.1", which analysis uses for the provisions people type.

Importing the package loads no spaCy (analysis and the TUI use the grammar); the component's
names are loaded when first asked for.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from cspsearch.extract import lazy_exports
from cspsearch.extract.legal.provisions import (
    find_provisions,
    normalise_provision,
    provision_asked,
    provision_matches,
)

if TYPE_CHECKING:
    from cspsearch.extract.legal.component import find_legal, legal_component

__all__ = [
    "find_legal", "find_provisions", "legal_component", "normalise_provision", "provision_asked", "provision_matches",
]
__getattr__ = lazy_exports(__name__, "component", ("find_legal", "legal_component"))
