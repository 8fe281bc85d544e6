"""A paper's text as the organisation and people finders read it, and how they pick one mention per place."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from spacy.attrs import ORTH
from spacy.tokens import Doc

from cspsearch.extract import CONTEXT_KEY
from cspsearch.extract.context import text_of

T = TypeVar("T")

_SPACE = re.compile(r"[ \n\t]")


class LowerWords:
    """The words a paper writes in lower case: a capitalised word also found here is no name.

    Read from the tokens, where an e-mail address ("james.brown@medway.gov.uk") is one token;
    `word in LowerWords(doc)` looks the word's hash up among the doc's token ids.
    """

    def __init__(self, doc: Doc) -> None:
        import numpy

        self.strings = doc.vocab.strings
        self.orths = set(numpy.unique(doc.to_array(ORTH)).tolist())

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and word.islower() and self.strings[word] in self.orths


@dataclass(frozen=True)
class PaperText:
    """The normalised text, its lower-case words, and where its spaces were line breaks."""

    text: str
    lower: LowerWords
    context: Any = None  # ExtractionContext, when the doc came through extract_entities

    @classmethod
    def of(cls, doc: Doc) -> PaperText:
        """The doc's text, read from the extraction context when the doc has one."""
        return cls(text_of(doc), LowerWords(doc), doc.user_data.get(CONTEXT_KEY))

    def soft_break(self, i: int) -> bool:
        """Whether the space at normalised offset i stood for a line break in the document."""
        if i >= len(self.text) or self.text[i] == "\n":
            return True
        if self.context is None or self.text[i] != " ":
            return False
        norm = self.context.norm
        a = norm.offsets[i]
        b = norm.offsets[i + 1] if i + 1 < len(norm.offsets) else norm.original_length
        return "\n" in self.context.original[a:b]

    def unbroken(self, start: int, end: int) -> bool:
        """Whether text[start:end] sits on one line of the document."""
        return not any(self.soft_break(m.start()) for m in _SPACE.finditer(self.text, start, end))


def without_overlaps(items: list[T], size: int, span: Callable[[T], tuple[int, int]]) -> list[T]:
    """The items, best first, each kept unless it overlaps one kept before it."""
    taken = bytearray(size + 1)
    kept = []
    for item in items:
        start, end = span(item)
        if not any(taken[start:end]):
            taken[start:end] = b"\x01" * (end - start)
            kept.append(item)
    return kept
