"""Theme wordings as light stems, indexed by their rarest stem, and where a text holds them together."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from cspsearch.vocab.taxonomy import Theme

# Words that carry no theme: ignored when phrasings are compared.
STOPWORDS = frozenset(
    "a an and or of the in on to for with by from at as our your its their his her other "
    "including include includes incl s".split()
)
_WORD = re.compile(r"[A-Za-z0-9]+")
_POSSESSIVE = re.compile(r"['\u2019]s\b")
_WINDOW_SLACK = 2  # extra words a multiword phrasing may be spread over

Stems = dict[str, list[tuple[int, int]]]  # stem -> [(word position, char offset)] in a text


@dataclass(frozen=True)
class Phrase:
    """One wording of a theme, as the stems it needs."""

    theme: str
    stems: tuple[str, ...]  # distinct content stems, all of which must occur
    width: int  # the span (in words) they may be spread over
    weak: bool
    near_crime: bool = False


class PhraseIndex:
    """Every wording of every theme, compiled to stems and indexed by its rarest stem."""

    def __init__(self, themes: list[Theme]):
        self.joinable = _joinable_words(themes)
        # Every proper beginning of a joinable word: such a word may join the next one.
        self.join_heads = frozenset(w[:k] for w in self.joinable for k in range(1, len(w)))
        self.phrases = self._compile(themes)
        self._by_anchor = _index(self.phrases)

    def words(self, text: str) -> list[str]:
        """Stems of a wording's words, compounds joined as the text matcher joins them."""
        words = [w.lower() for w in _WORD.findall(clean_text(text))]
        return [stem(w) for w in _join_compounds(words, self.joinable)]

    def hits(self, stems: Stems) -> Iterator[tuple[Phrase, int]]:
        """Each phrase whose stems all stand close enough together, with the char offset it starts at."""
        for anchor in stems.keys() & self._by_anchor.keys():
            for phrase in self._by_anchor[anchor]:
                if all(s in stems for s in phrase.stems):
                    offset = _window_offset(phrase, anchor, stems)
                    if offset is not None:
                        yield phrase, offset

    def _compile(self, themes: list[Theme]) -> list[Phrase]:
        phrases: dict[tuple[str, tuple[str, ...]], Phrase] = {}
        for theme in themes:
            strong = [*theme.phrasings, *(e for exp in theme.acronym_map.values() for e in exp)]
            strong += [w for group in theme.synonym_groups for w in group]
            wordings = [(p, False, False) for p in strong] + [(p, True, False) for p in theme.weak]
            wordings += [(p, False, True) for p in theme.near_crime]
            for text, is_weak, near_crime in wordings:
                words = self.words(text)
                stems = tuple(dict.fromkeys(w for w in words if w not in STOPWORDS))
                if not stems:
                    continue
                width = 1 if len(words) == 1 else len(words) + _WINDOW_SLACK
                key = (theme.id, tuple(sorted(stems)))
                if key not in phrases or (phrases[key].weak and not is_weak):
                    phrases[key] = Phrase(theme.id, stems, width, is_weak, near_crime)
        return list(phrases.values())


def clean_text(text: str) -> str:
    """The text with "&" read as "and" and possessive "'s" dropped."""
    return _POSSESSIVE.sub("", text.replace("&", " and "))


def stem(word: str) -> str:
    """A light stem: plurals and -ing/-ed/-e endings folded ("tackling" = "tackle")."""
    if len(word) <= 3 or word.isdigit():
        return word
    if word.endswith("ies") and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    for suffix in ("ing", "ed"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            word = word[: -len(suffix)]
            break
    if word.endswith("e") and len(word) > 4:
        word = word[:-1]
    return word


def _index(phrases: list[Phrase]) -> dict[str, list[Phrase]]:
    """Index each phrasing under its rarest stem, so matching looks at few candidates."""
    frequency: dict[str, int] = defaultdict(int)
    for phrase in phrases:
        for s in phrase.stems:
            frequency[s] += 1
    index: dict[str, list[Phrase]] = defaultdict(list)
    for phrase in phrases:
        anchor = min(phrase.stems, key=lambda s: (frequency[s], -len(s)))
        index[anchor].append(phrase)
    return dict(index)


def _join_compounds(words: list[str], joinable: frozenset[str]) -> list[str]:
    out: list[str] = []
    i = 0
    while i < len(words):
        if i + 1 < len(words) and words[i] + words[i + 1] in joinable:
            out.append(words[i] + words[i + 1])
            i += 2
        else:
            out.append(words[i])
            i += 1
    return out


def _joinable_words(themes: list[Theme]) -> frozenset[str]:
    """Words written solid or hyphenated in the taxonomy ("antisocial", "re-offending"):
    the two halves of such a word are joined wherever they appear split."""
    joinable: set[str] = set()
    for theme in themes:
        texts = [*theme.phrasings, *theme.weak, *theme.near_crime,
                 *(e for exp in theme.acronym_map.values() for e in exp)]
        for text in texts:
            for token in re.findall(r"[A-Za-z0-9]+(?:-[A-Za-z0-9]+)+|[A-Za-z0-9]+", text):
                if "-" in token:
                    parts = token.lower().split("-")
                    joinable.update(a + b for a, b in zip(parts, parts[1:], strict=False))
                elif len(token) > 6:
                    joinable.add(token.lower())
    return frozenset(joinable)


def _window_offset(phrase: Phrase, anchor: str, stems: Stems) -> int | None:
    """Char offset where the phrase's words occur together within its width, or None.

    Two-word phrasings keep their order ("young people", not "people ... young"); longer
    ones may come in any order ("misuse of drugs and alcohol").
    """
    if len(phrase.stems) == 2:
        return _ordered_pair_offset(phrase, stems)
    for pos, _ in stems[anchor]:
        nearest = {s: min(stems[s], key=lambda po: abs(po[0] - pos)) for s in phrase.stems}
        spread = [po[0] for po in nearest.values()]
        if max(spread) - min(spread) < phrase.width:
            return nearest[phrase.stems[0]][1]  # where the phrasing's first word stands
    return None


def _ordered_pair_offset(phrase: Phrase, stems: Stems) -> int | None:
    first, second = phrase.stems
    later = [pos for pos, _ in stems[second]]
    for pos, offset in stems[first]:
        if any(0 < q - pos < phrase.width for q in later):
            return offset
    return None
