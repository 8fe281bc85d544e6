"""Reading a member's question: which intent it is (rules in data/questions.yaml) and its slots."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from cspsearch.analysis.cells import fold, match_theme_ids, stem
from cspsearch.extract.legal.provisions import provision_asked
from cspsearch.resources import data_file, load_yaml

FY_RE = re.compile(r"\b((?:19|20)\d{2})\s*[-/]\s*(\d{2}|(?:19|20)\d{2})\b")
YEAR_RE = re.compile(r"\b((?:19|20)\d{2})\b")
INSTRUMENT_RE = re.compile(r"\b((?:[\w&'()]+\s+){0,8}?)(act|regulations|order)\b(\s+(?:19|20)\d{2})?", re.I)
ACRONYM_RE = re.compile(r"\b([A-Z]{2,6})(\s+(?:19|20)\d{2})?\b")
TOPIC_REACH = 8  # words before a committee's name searched for "about", "on"
GRANT_RE = re.compile(r"\b((?:[A-Z][\w&'-]*\s+){1,5}(?:Grant|Fund))\b")


@cache
def rules() -> dict[str, Any]:
    """The question rules: intents with triggers and needed slots, question words, months."""
    return load_yaml("cspsearch.analysis", "data/questions.yaml")


@cache
def funders() -> list[dict[str, Any]]:
    """Funders with their phrasings, from the money family's data file (empty if it is absent)."""
    if not data_file("cspsearch.extract", "data/funding.yaml").is_file():
        return []
    return load_yaml("cspsearch.extract", "data/funding.yaml").get("funders") or []


@dataclass
class Question:
    """A question with its intent (None: not understood) and the slots found in it."""

    text: str
    kind: str | None = None
    councils: list[str] = field(default_factory=list)
    themes: list[str] = field(default_factory=list)
    year: int | None = None
    financial_year: str | None = None
    month: str | None = None
    instrument: str | None = None
    provision: str | None = None
    funder: dict[str, Any] | None = None
    grant: str | None = None
    words: list[str] = field(default_factory=list)
    committee: str | None = None
    years: list[int] = field(default_factory=list)

    def slots(self) -> dict[str, Any]:
        """The slots as a JSON-able dict (for --json output and debugging)."""
        funder = self.funder["name"] if self.funder else None
        return {
            "councils": self.councils,
            "themes": self.themes,
            "year": self.year,
            "financial_year": self.financial_year,
            "month": self.month,
            "instrument": self.instrument,
            "provision": self.provision,
            "funder": funder,
            "grant": self.grant,
            "committee": self.committee,
            "years": self.years,
        }


def find_financial_year(text: str) -> str | None:
    """'2017-18', '2017/18' or '2017-2018' as '2017-18' (only when the second year follows the first)."""
    for first, second in FY_RE.findall(text):
        if int(second[-2:]) == (int(first) + 1) % 100:
            return f"{first}-{second[-2:]}"
    return None


def find_month(text: str) -> str | None:
    """'March 2017' (or 'Mar 2017') as '2017-03'."""
    names = rules()["months"]
    for match in re.finditer(r"\b([a-z]{3,9})\.?\s+((?:19|20)\d{2})\b", text.lower()):
        for number, name in enumerate(names, start=1):
            if name.startswith(match[1]):
                return f"{match[2]}-{number:02d}"
    return None


def find_year(text: str) -> int | None:
    """The first plain four-digit year that is not part of a financial year."""
    plain = FY_RE.sub(" ", text)
    match = YEAR_RE.search(plain)
    return int(match[1]) if match else None


def find_councils(text: str, councils: dict[str, str]) -> list[str]:
    """Councils named in the question, in order: the index's by name, others via the councils list."""
    folded = f" {fold(text)} "
    generic = set(rules().get("council_generic_words", []))
    found: dict[str, int] = {}
    for council_id, name in councils.items():
        names = {
            council_id.replace("-", " "),
            fold(name),
            " ".join(w for w in fold(name).split() if w not in generic),
        }
        hits = [folded.find(f" {n} ") for n in names if n and f" {n} " in folded]
        if hits:
            found[council_id] = min(hits)
    for council_id, place in registry_councils(text):
        found.setdefault(council_id, place)
    return sorted(found, key=lambda council_id: found[council_id])


def registry_councils(text: str) -> list[tuple[str, int]]:
    """(council_id, position) of capitalised word runs the councils data file knows ('Tunbridge Wells')."""
    from cspsearch.vocab.councils import find_council

    words = [(m.start(), m[0]) for m in re.finditer(r"[A-Z][\w&-]*(?:'s)?", text)]
    found = []
    for size in (4, 3, 2, 1):
        for i in range(len(words) - size + 1):
            run = words[i : i + size]
            span = text[run[0][0] : run[-1][0] + len(run[-1][1])]
            if " " in span.strip() and len(span.split()) != size:
                continue
            council = find_council(re.sub(r"'s$", "", span))
            if council is not None:
                found.append((council.council_id, run[0][0]))
    return found


def find_funder(text: str) -> dict[str, Any] | None:
    """The first funder any of whose phrasings the question uses (acronyms only as written)."""
    folded = f" {fold(text)} "
    for funder in funders():
        for phrase in funder.get("phrasings") or []:
            if " " not in phrase and phrase.isupper():
                if re.search(rf"\b{re.escape(phrase)}\b", text):
                    return funder
            elif f" {fold(phrase)} " in folded and fold(phrase) not in ("the commissioner",):
                return funder
    return None


def find_grant(text: str, funder: dict[str, Any] | None) -> str | None:
    """A named grant or fund ('Crime Reduction Grant'), not just a funder's name before 'Grant'."""
    match = GRANT_RE.search(text)
    if not match:
        return None
    name = match[1]
    for phrase in (funder or {}).get("phrasings") or []:
        name = re.sub(rf"\b{re.escape(phrase)}\b", "", name)
    return name.strip() if len(name.split()) > 1 else None


def find_instrument(text: str) -> str | None:
    """An Act, Regulations or Order named in the question ('the Crime and Disorder Act'), or initials."""
    stop = set(rules().get("instrument_stop_words", []))
    for match in INSTRUMENT_RE.finditer(text):
        words = match[1].split()
        while words and (fold(words[-1]) in stop or fold(words[-1]).isdigit()):
            words.pop()
        kept: list[str] = []
        for word in reversed(words):
            if fold(word) in stop or fold(word).isdigit():
                break
            kept.insert(0, word)
        if kept:
            return " ".join(kept + [match[2]]) + (match[3] or "")
    for match in ACRONYM_RE.finditer(text):
        if match[1].endswith("A"):  # initials of an Act: CDA, HRA, LGA
            return match[1] + (match[2] or "")
    return None


def find_committee(text: str, committees: list[str]) -> str | None:
    """The committee or body the question names: one of the index's committees or a body the
    question rules list ('Cabinet', 'Scrutiny Committee'), the longest name first."""
    folded = f" {fold(text)} "
    names = {fold(c): c for c in committees if c} | {fold(c): c for c in rules().get("committee_names", [])}
    topical = set(rules().get("committee_topic_words", []))
    for name in sorted(names, key=len, reverse=True):
        at = folded.find(f" {name} ") if name else -1
        if at < 0:
            continue
        # A committee named after "about"/"on" (a few words back) is what the question is about.
        if not topical & set(folded[:at].split()[-TOPIC_REACH:]):
            return names[name]
    return None


def content_words(text: str) -> list[str]:
    """The question's own words, stemmed, without the words that only say what kind of question it is."""
    skip = set(rules()["question_words"])
    return list(dict.fromkeys(stem(w) for w in fold(text).split() if w not in skip and not w.isdigit()))


def choose_intent(question: Question) -> str | None:
    """The first intent whose trigger fires and whose needed slots are filled."""
    have = {
        "council": bool(question.councils),
        "two_councils": len(question.councils) > 1,
        "theme": bool(question.themes),
        "month": bool(question.month),
        "instrument": bool(question.instrument),
        "two_years": len(set(question.years)) > 1,
        "funder": question.funder is not None,
    }
    for intent in rules()["intents"]:
        if all(have.get(need, False) for need in intent.get("needs") or []) and any(
            re.search(trigger, question.text, re.I) for trigger in intent["triggers"]
        ):
            return intent["kind"]
    return None


def parse_question(text: str, councils: dict[str, str], committees: list[str] | None = None) -> Question:
    """The intent and slots of `text`; `councils` maps the index's council ids to names,
    `committees` lists the index's committee names."""
    funder = find_funder(text)
    question = Question(
        text=text,
        councils=find_councils(text, councils),
        themes=match_theme_ids(text),
        year=find_year(text),
        financial_year=find_financial_year(text),
        month=find_month(text),
        instrument=find_instrument(text),
        provision=provision_asked(text),
        funder=funder,
        grant=find_grant(text, funder),
        words=content_words(text),
        committee=find_committee(text, committees or []),
        years=[int(y) for y in YEAR_RE.findall(FY_RE.sub(" ", text))],
    )
    question.kind = choose_intent(question)
    return question
