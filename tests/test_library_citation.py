"""model.Citation is the one builder of the citation object every JSON output carries; its JSON is pinned."""

from __future__ import annotations

import json

import pytest

from cspsearch.analysis.ask import passage_citation
from cspsearch.analysis.cells import citation
from cspsearch.model import Citation

# An entity row as store.reader.entity_rows gives it: the entity merged with its document's fields.
ENTITY_ROW = {
    "doc_id": "da7b73f715ab571a", "title": "Community Safety Partnership Plan", "council_id": "maidstone",
    "council": "Maidstone Borough Council", "committee": "Communities, Housing and Environment Committee",
    "meeting_date": "2017-03-28", "year": 2017, "page": 3, "start": 6810, "end": 6891, "path": "corpus/m/plan.txt",
    "type": "priority", "text": "Domestic abuse", "context": "Priority 2: Domestic abuse and sexual violence",
}
PINNED = (
    '{"doc_id": "da7b73f715ab571a", "title": "Community Safety Partnership Plan", "council_id": "maidstone", '
    '"committee": "Communities, Housing and Environment Committee", "meeting_date": "2017-03-28", "page": 3, '
    '"start": 6810, "end": 6891, "path": "corpus/m/plan.txt", '
    '"text": "Priority 2: Domestic abuse and sexual violence"}'
)


def test_the_citation_json_is_pinned_byte_for_byte():
    assert json.dumps(Citation.of(ENTITY_ROW).to_json()) == PINNED
    assert json.dumps(citation(ENTITY_ROW)) == PINNED


def test_quoted_text_beats_context_which_beats_the_row_text():
    assert Citation.of(ENTITY_ROW, "quoted").text == "quoted"
    assert Citation.of(ENTITY_ROW, "").text == ""  # an empty quote is still the quote
    assert Citation.of({**ENTITY_ROW, "context": None}).text == "Domestic abuse"


def test_a_document_row_cites_its_first_page():
    doc = {k: ENTITY_ROW[k] for k in ("doc_id", "title", "council_id", "committee", "meeting_date", "path")}
    cited = Citation.of(doc).to_json()
    assert (cited["page"], cited["start"], cited["end"], cited["text"]) == (1, 0, 0, None)
    assert list(cited) == list(json.loads(PINNED))


def test_a_search_passage_is_cited_through_the_same_builder():
    doc = {k: ENTITY_ROW[k] for k in ("doc_id", "title", "council_id", "committee", "meeting_date", "year", "path")}
    passage = {"page": 3, "paragraph": 4, "start": 6810, "end": 6891, "score": 2.5,
               "snippet": "Priority 2: <b>Domestic</b> abuse and sexual violence"}
    assert json.dumps(passage_citation(doc, passage)) == PINNED


@pytest.mark.parametrize("field", ["doc_id", "page", "start", "end", "text"])
def test_citations_are_frozen(field):
    with pytest.raises(AttributeError):
        setattr(Citation.of(ENTITY_ROW), field, None)
