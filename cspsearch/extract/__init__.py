"""The extraction engine: one spaCy pipeline of rule components over a document's text.

Only this package imports spaCy. Each entity family adds one pipeline component: a module
for the small ones (acronyms, dates), a package for the others (money/, legal/, priorities/,
parties/, whose `component` module registers it, and decisions/). `extract_entities` is the
one entry point the rest of the project calls; the families' word lists are in data/.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable, Iterator
from dataclasses import replace
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from cspsearch.model import DocumentMeta, Entity, page_of

if TYPE_CHECKING:
    from spacy.language import Language

# (module that registers the component, component name), in the order they run: later
# families read what earlier ones found (money links to financial years, priorities to acronyms).
FAMILY_COMPONENTS = (
    ("cspsearch.extract.acronyms", "cspsearch_acronyms"),
    ("cspsearch.extract.dates", "cspsearch_dates"),
    ("cspsearch.extract.money.component", "cspsearch_money"),
    ("cspsearch.extract.legal.component", "cspsearch_legal"),
    ("cspsearch.extract.priorities.component", "cspsearch_priorities"),
    ("cspsearch.extract.parties.component", "cspsearch_parties"),
    ("cspsearch.extract.decisions", "cspsearch_decisions"),
)

ENTITIES_KEY = "cspsearch.entities"  # doc.user_data: list of found entity dicts
CONTEXT_KEY = "cspsearch.context"  # doc.user_data: ExtractionContext
MAX_CHARS = 5_000_000


def lazy_exports(package: str, module: str, names: tuple[str, ...]) -> Callable[[str], Any]:
    """A family package's module `__getattr__` that imports `names` from its `module` on first use.

    A family's component imports spaCy; its package must not, because analysis and the TUI
    import the families' spaCy-free parts (the provision grammar, the priority vocabulary).
    """
    def exported(name: str) -> Any:
        if name in names:
            return getattr(importlib.import_module(f"{package}.{module}"), name)
        raise AttributeError(f"module {package!r} has no attribute {name!r}")
    return exported


@lru_cache(maxsize=8)
def build_nlp(families: tuple[str, ...] | None = None) -> Language:
    """The extraction pipeline, built once per process.

    `families` limits it to some components (by name, e.g. ("cspsearch_money",)), for
    tests of one family; by default every family runs.
    """
    import spacy
    from spacy.tokenizer import Tokenizer

    nlp = spacy.blank("en")
    # Normalising folds whitespace but turns a lone page break into a blank line, so a
    # window of MAX_CHARS may grow to at most twice that.
    nlp.max_length = 2 * MAX_CHARS
    # No rule reads a URL as one token, and testing every token against spaCy's URL
    # pattern costs about 15% of tokenising (same entities on the corpus without it).
    if isinstance(nlp.tokenizer, Tokenizer):
        nlp.tokenizer.url_match = None
    for module, component in FAMILY_COMPONENTS:
        if families is None or component in families:
            importlib.import_module(module)  # registers the component
            nlp.add_pipe(component)
    return nlp


def extract_entities(
    text: str, meta: DocumentMeta | None = None, families: tuple[str, ...] | None = None,
    window_chars: int = MAX_CHARS,
) -> list[Entity]:
    """Every entity in `text` (pages joined by form feeds), sorted by position.

    A text longer than `window_chars` (spaCy's length limit) is read in windows that end
    at paragraph breaks; each window's entities are shifted to their place in `text`.
    """
    if not text.strip():
        return []
    if len(text) <= window_chars:
        return _extract(text, meta, families)
    starts = [0] + [m.end() for m in re.finditer("\f", text)]
    entities = []
    for offset, window in _windows(text, window_chars):
        for e in _extract(window, meta, families) if window.strip() else []:
            start = e.start + offset
            entities.append(replace(e, start=start, end=e.end + offset, page=page_of(starts, start)))
    return entities


def _windows(text: str, size: int) -> Iterator[tuple[int, str]]:
    """(offset, piece) windows of at most `size` characters, cut after a page or paragraph break
    where there is one (else a line break, else a space), so no paragraph is split when it fits."""
    start = 0
    while len(text) - start > size:
        end = start + size
        cut = max(text.rfind("\f", start + 1, end) + 1, text.rfind("\n\n", start + 1, end) + 2)
        for separator in ("\n", " "):
            if cut <= start + 1:
                cut = text.rfind(separator, start + 1, end) + 1
        cut = cut if cut > start + 1 else end
        yield start, text[start:cut]
        start = cut
    yield start, text[start:]


def _extract(text: str, meta: DocumentMeta | None, families: tuple[str, ...] | None) -> list[Entity]:
    from cspsearch.extract.context import ExtractionContext
    from cspsearch.extract.textmap import normalise

    norm = normalise(text)
    nlp = build_nlp(families)
    doc = nlp.make_doc(norm.text)
    doc.user_data[ENTITIES_KEY] = []
    doc.user_data[CONTEXT_KEY] = ExtractionContext.create(text, norm, meta)
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    return to_entities(doc.user_data[ENTITIES_KEY], text, norm)


def to_entities(found: list[dict[str, Any]], text: str, norm: Any) -> list[Entity]:
    """Map found entity dicts (normalised offsets) to Entities on the original text."""
    starts = [0] + [m.end() for m in re.finditer("\f", text)]
    entities = []
    seen: set[tuple[str, int, int]] = set()
    for item in found:
        item = dict(item)
        kind = item.pop("type")
        start, end = norm.span(item.pop("start"), item.pop("end"))
        if (kind, start, end) in seen:
            continue
        seen.add((kind, start, end))
        entities.append(Entity(kind, text[start:end], page_of(starts, start), start, end, item))
    entities.sort(key=lambda e: (e.start, e.end, e.type))
    return entities
