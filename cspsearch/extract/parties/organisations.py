"""Organisations named in a paper: listed bodies and councils, "<Place> ... Partnership" names, acronym uses.

Organisations come from the editable list in data/organisations.yaml and the council list
(PhraseMatchers), from a rule for capitalised names ending in an organisation word
("Medway Clinical Commissioning Group"), and from the paper's own acronyms whose long form
is an organisation ("KFRS" after "Kent Fire and Rescue Service (KFRS)").
"""

from __future__ import annotations

import re
from typing import Any

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc, Token

from cspsearch.extract.parties.text import LowerWords, PaperText, without_overlaps
from cspsearch.extract.parties.words import PartyWords, alternation

Candidate = tuple[int, int, str, int]  # start, end, canonical name, priority

_MAX_NAME_TOKENS = 8
_BULLETS = frozenset({"•", "-", "–", "·", "*", "\u25aa", "\u25cf", "\uf0b7"})
_WORDS = re.compile(r"[\w'’-]+|&")
_AFTER_LOWER_WORD = re.compile(r"(?<![\w’'-])[a-z][a-z'’-]*,? $")
_VERB_ENDINGS = ("ed", "ing", "ly")  # "Decreased Agency", "Supporting Kent Police"


class OrganisationFinder:
    """Finds organisations by list, by a closing organisation word, and by the paper's acronyms."""

    def __init__(self, nlp: Language, words: PartyWords) -> None:
        self.words = words
        tokenizer: Tokenizer = nlp.tokenizer  # type: ignore[assignment]  # spaCy types it as any callable
        self.known = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.known_acronyms = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.suffixes = PhraseMatcher(nlp.vocab, attr="ORTH")
        for canonical, aliases in self.words.organisations.items():
            self.known.add(canonical, list(tokenizer.pipe(aliases)))
        for canonical, shorts in self.words.organisation_acronyms.items():
            self.known_acronyms.add(canonical, list(tokenizer.pipe(shorts)))
        self.suffixes.add("suffix", list(tokenizer.pipe(sorted(self.words.suffixes))))

    def find(self, doc: Doc, paper: PaperText, found: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Organisation entity dicts, the longest name winning where mentions overlap."""
        acronyms = [e for e in found if e.get("type") == "acronym"]
        candidates = self._listed(doc, {e["short"] for e in acronyms})
        candidates += self._suffixed(doc, paper)
        candidates += self._acronym_uses(paper, acronyms)
        return _longest_first(candidates, len(paper.text))

    def _listed(self, doc: Doc, defined: set[str]) -> list[Candidate]:
        """Mentions of listed organisations and councils, by name or by listed acronym."""
        strings = doc.vocab.strings
        out = []
        for match_id, start, end in self.known(doc):
            span = doc[start:end]
            if span.text[0].isupper():  # "the home office" in prose is not the Home Office
                out.append((span.start_char, span.end_char, strings[match_id], 2))
        for match_id, start, end in self.known_acronyms(doc):
            span = doc[start:end]
            if span.text not in defined:  # the paper's own definition wins over the list
                out.append((span.start_char, span.end_char, strings[match_id], 2))
        return out

    def _suffixed(self, doc: Doc, paper: PaperText) -> list[Candidate]:
        """ "Medway Clinical Commissioning Group": capitalised words ending in an organisation word."""
        out = []
        for _, start, _end in self.suffixes(doc):
            if start + 1 < len(doc) and doc[start + 1].text in self.words.suffixes:
                continue  # "Kent Police Authority": the name goes on
            first = self._name_start(doc, start, paper)
            if first is None:
                continue
            span = doc[first : start + 1]
            words = _name_words(span.text)
            if self._is_organisation_name(words, paper.lower) and self._may_be_council(words):
                name = " ".join(span.text.split())
                out.append((span.start_char, span.end_char, self.words.canonical(name), 1))
        return out

    def _name_start(self, doc: Doc, end: int, paper: PaperText) -> int | None:
        """Index of the first word of the capitalised name ending at token `end`, if any."""
        first, k, crossed_and = end, end - 1, False
        while k >= 0 and end - k < _MAX_NAME_TOKENS:
            token = doc[k]
            if token.text in ("and", "&") or (token.text == "," and crossed_and):
                if k == 0 or not self._joins_names(doc, k, first, end, paper):
                    break
                crossed_and = True
            elif token.text == "-" and not token.whitespace_ and k > 0 and not doc[k - 1].whitespace_:
                pass  # "Decision-Maker": one word in two tokens
            elif token.is_space and _breaks_mid_sentence(doc, k) and self._is_name_word(doc[k - 1]):
                pass  # "the Safer\n\nMaidstone Partnership": a PDF line gap inside a sentence
            elif self._is_name_word(token):
                if first < end and self._table_cell_break(doc, k, first, end, paper):
                    break
                first = k
                if starts_sentence(doc, k) and not (
                    k > 0 and doc[k - 1].is_space and _breaks_mid_sentence(doc, k - 1)
                ):
                    break
            else:
                break
            k -= 1
        if first < end and _starts_line(doc, first) and not self._opens_name(doc, first, end, paper):
            first += 1  # "Supporting Kent Police", "Silver Kent Police": a line's first word
        return first if first < end and doc[first].text != "-" else None

    def _table_cell_break(self, doc: Doc, k: int, first: int, end: int, paper: PaperText) -> bool:
        """Whether a line break after token k ends a table cell rather than wrapping the name:
        the words after it already make a name ("2024 Silver | Armoured Engineering Ltd") and
        neither the sentence ("the Safer | Maidstone ...") nor the paper elsewhere joins them."""
        token = doc[k]
        if not token.whitespace_ or not paper.soft_break(token.idx + len(token.text)):
            return False
        if not self._is_organisation_name(_name_words(doc[first : end + 1].text), paper.lower):
            return False  # "Medway Clinical | Commissioning Group": a wrapped name
        if k > 0 and doc[k - 1].is_lower and doc[k - 1].is_alpha:
            return False
        return not _seen_inside_sentence(paper.text, doc[k : end + 1].text)

    def _joins_names(self, doc: Doc, k: int, first: int, end: int, paper: PaperText) -> bool:
        """Whether the "and" / "&" / "," at token k lies inside one name: between places ("Kent
        and Medway ...", "Kent, Surrey and Sussex ..."), or where the words after it are no name
        by themselves ("Fire and | Rescue Service"), unlike "Kent Police and | Medway Council"."""
        left = doc[k - 1]
        if not self._is_name_word(left) or left.text in self.words.suffixes:
            return False
        if left.text in self.words.places:
            return True
        return doc[k].text != "," and not self._is_organisation_name(
            _name_words(doc[first : end + 1].text), paper.lower
        )

    def _opens_name(self, doc: Doc, first: int, end: int, paper: PaperText) -> bool:
        """Whether a capitalised word opening a line belongs to the name after it.

        A place or a name opener ("East") does; a word before a name that stands on its own
        ("Silver | Kent Police" in a table) does only if the paper also writes the whole name
        inside a sentence; any other word does unless the paper writes it in lower case.
        """
        word = doc[first].text
        if word in self.words.places or word in self.words.name_openers:
            return True
        rest = _name_words(doc[first + 1 : end + 1].text)
        if len(rest) >= 2 and self._is_organisation_name(rest, paper.lower):
            return _seen_inside_sentence(paper.text, doc[first : end + 1].text)
        return word.lower() not in paper.lower and not word.endswith(_VERB_ENDINGS)

    def _is_name_word(self, token: Token) -> bool:
        """A capitalised word that may be part of a name; acronyms are names of their own."""
        text = token.text
        if not text[:1].isupper() or text in self.words.sentence_starters:
            return False
        return text.isalpha() and not (text.isupper() and len(text) > 1)

    def _is_organisation_name(self, words: list[str], lower: LowerWords) -> bool:
        """A name needs a proper word before its last: a place, or a word that is neither common
        in such names nor written in lower case in the paper."""
        return any(self._is_proper(w, lower) for w in words[:-1] if w not in ("and", "&"))

    def _is_proper(self, word: str, lower: LowerWords) -> bool:
        if "-" in word:  # "Decision-Maker" is proper only if every part is
            return all(self._is_proper(part, lower) for part in word.split("-") if part)
        if word in self.words.places:
            return True
        return word not in self.words.not_proper and word.lower() not in lower and not word.isdigit()

    def _may_be_council(self, words: list[str]) -> bool:
        """ "<Place> Council": a council the list knows, or one named after a known place (not
        "March County Council" out of a table)."""
        if words[-1] != "Council" or not self.words.places:
            return True
        name = " ".join(words)
        return self.words.canonical(name) != name or any(w in self.words.places for w in words[:-1])

    def _acronym_uses(self, paper: PaperText, acronyms: list[dict[str, Any]]) -> list[Candidate]:
        """Uses of the paper's acronyms whose long form names an organisation."""
        names: dict[str, str] = {}
        definitions = []
        for entity in acronyms:
            definitions.append((entity["start"], entity["end"]))
            name = self._organisation_for(entity["long"], paper.lower, entity.get("form") == "inferred")
            if name:
                names.setdefault(entity["short"], name)
        if not names:
            return []
        alternatives = alternation(names)
        pattern = re.compile(rf"(?<![\w-])({alternatives})s?(?![\w-])")
        return [
            (m.start(), m.end(), names[m.group(1)], 1)
            for m in pattern.finditer(paper.text)
            if not any(a <= m.start() < b for a, b in definitions)
        ]

    def _organisation_for(self, long: str, lower: LowerWords, inferred: bool) -> str | None:
        """The organisation an acronym's long form names, or None when it names none; an
        acronym the paper never defines counts only when it stands for a listed organisation."""
        canonical = self.words.canonical(long)
        if canonical in self.words.organisations:
            return canonical
        if inferred:
            return None
        words = _name_words(long)
        last = words[-1]
        if last in self.words.suffixes or last.removesuffix("s") in self.words.suffixes:
            if self._is_organisation_name(words, lower):
                return long
        return None


def _name_words(text: str) -> list[str]:
    """The words of a name, without commas: "Kent, Surrey and Sussex" -> Kent Surrey and Sussex."""
    return _WORDS.findall(text)


def _seen_inside_sentence(text: str, phrase: str) -> bool:
    """Whether `phrase` occurs somewhere after a lower-case word ("by the Safer Maidstone ...")."""
    pattern = re.compile(r"\s+".join(re.escape(w) for w in phrase.split()))
    return any(
        _AFTER_LOWER_WORD.search(text, max(0, m.start() - 40), m.start()) for m in pattern.finditer(text)
    )


SENTENCE_ENDS = frozenset({".", "!", "?", "\n\n"})


def starts_sentence(doc: Doc, k: int) -> bool:
    """Whether token k opens a sentence, as a sentencizer would mark it (a word after ".",
    "!", "?" or a block break, closing punctuation between them allowed), asked only
    for the few tokens that need it instead of running over every token of the paper."""
    if k == 0:
        return True
    if doc[k].is_punct or doc[k].text in SENTENCE_ENDS:
        return False
    for j in range(k - 1, -1, -1):
        if doc[j].text in SENTENCE_ENDS:
            return True
        if not doc[j].is_punct:
            return False
    return False


def _breaks_mid_sentence(doc: Doc, k: int) -> bool:
    """Whether the line break at token k falls inside a sentence ("... the Safer | Maidstone")."""
    return k >= 2 and doc[k - 2].is_lower and doc[k - 2].is_alpha


def _starts_line(doc: Doc, i: int) -> bool:
    if starts_sentence(doc, i):
        return True
    before = doc[i - 1]
    return before.is_space or before.text in _BULLETS or "\n" in before.whitespace_


def _longest_first(candidates: list[Candidate], size: int) -> list[dict[str, Any]]:
    """One entity per place: where mentions overlap, the longest (then the listed one) wins."""
    candidates = sorted(candidates, key=lambda c: (c[0] - c[1], -c[3], c[0]))
    chosen = sorted(without_overlaps(candidates, size, lambda c: (c[0], c[1])))
    return [{"type": "organisation", "start": s, "end": e, "name": name} for s, e, name, _ in chosen]
