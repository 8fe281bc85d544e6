"""Properties of the whole extraction pipeline and of the offset map beneath it."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cspsearch.extract import extract_entities
from cspsearch.extract.textmap import normalise
from cspsearch.model import DocumentMeta

# Text built from the pieces that trigger rules, so the properties reach the rules' code.
PIECES = st.sampled_from([
    "£38,449", "£1.2m", "c.£550k", "£", "2019/20", "2013-18", "Section 17", "of the 1998 Act",
    "Crime and Disorder\nAct 1998", "Regulation 10", "Schedule", "priorities for 2017/18 are:", "\n· ",
    "Priority status: On track", "(SMP)", "Safer Maidstone Partnership", "13 th April 2023", "March 28th",
    "\f", "\n\n", "\t", " ", ";", "and", "Domestic Abuse & violent crime", "Q3", "Cllr", "Report Author:",
])
TEXTS = st.one_of(st.text(max_size=300), st.lists(st.one_of(PIECES, st.text(max_size=8)), max_size=60).map("".join))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
def test_arbitrary_text_never_raises_and_offsets_slice_out_the_text(text):
    meta = DocumentMeta(meeting_date="2017-03-28", year=2017, council="Maidstone Borough Council",
                        council_id="maidstone")
    pages = text.count("\f") + 1
    for entity in extract_entities(text, meta):
        assert text[entity.start:entity.end] == entity.text
        assert entity.text.strip()
        assert 1 <= entity.page <= pages


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_normalised_spans_map_back_to_the_same_characters(text):
    norm = normalise(text)
    assert len(norm.offsets) == len(norm.text)
    for i, ch in enumerate(norm.text):
        if not ch.isspace():
            assert text[norm.offsets[i]] == ch
    if norm.text:
        a, b = norm.span(0, len(norm.text))
        assert " ".join(text[a:b].split()) == " ".join(norm.text.split())


def test_wrapped_phrase_reads_as_one_but_maps_to_the_page_text():
    text = "duty under the Crime and Disorder\nAct 1998 to"
    norm = normalise(text)
    assert "Crime and Disorder Act 1998" in norm.text
    start = norm.text.index("Crime")
    a, b = norm.span(start, start + len("Crime and Disorder Act 1998"))
    assert text[a:b] == "Crime and Disorder\nAct 1998"
