"""The sample papers against their hand-labelled gold (tests/golden/seeds.yaml).

The gold keys the papers by their original export names; the corpus holds the same
files under descriptive names. The scorer is a copy of the project's extraction scorer.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from golden.score_extraction import KINDS, PRECISION_TYPES, load_gold, score

from cspsearch import services
from cspsearch.ingest.readers import read_document

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "golden" / "seeds.yaml"
CORPUS_NAMES = {
    "000_e9c088611a517f3a.txt": "maidstone/2015-02-community-safety-partnership-plan-2013-18.txt",
    "001_bfbf3252e7ee9d63.txt": "maidstone/2023-04-13-strategic-assessment-partnership-plan.txt",
    "002_61d31713385f24d8.txt": "maidstone/2017-03-28-csp-plan-refresh.txt",
    "003_c670e4f27ff81136.txt": "medway/2020-12-03-annual-scrutiny-community-safety-partnership.txt",
    "004_c5a4e9833ceda10d.txt": "maidstone/2011-03-14-smp-update-crime-disorder-scrutiny.txt",
}
RECALL_FLOOR = 0.95
PRECISION_FLOOR = 0.95


@pytest.fixture(scope="module")
def scored():
    results = []
    for gold_name, corpus_name in CORPUS_NAMES.items():
        result = services.extract_file(ROOT / "corpus" / corpus_name)
        result["path"] = gold_name
        results.append(result)
    return score(load_gold(GOLD), results, verbose=True)


@pytest.mark.parametrize("kind", list(KINDS))
def test_recall_per_kind(scored, kind):
    t = scored["totals"][kind]
    assert t["req"] and t["hit"] / t["req"] >= RECALL_FLOOR, [m for m in scored["misses"] if kind in m]


@pytest.mark.parametrize("kind", list(PRECISION_TYPES))
def test_precision_per_kind(scored, kind):
    t = scored["totals"][kind]
    assert t["emitted"] and t["matched"] / t["emitted"] >= PRECISION_FLOOR, [
        m for m in scored["misses"] if "unexpected" in m]


def test_meta_money_years_and_themes(scored):
    assert scored["meta"]["hit"] >= 18, [m for m in scored["misses"] if "meta" in m]
    assert scored["money_fy"]["hit"] == scored["money_fy"]["req"] == 3
    assert scored["themes"]["hit"] >= 16


def test_every_entity_slices_out_its_text():
    for corpus_name in CORPUS_NAMES.values():
        path = ROOT / "corpus" / corpus_name
        text = read_document(path).text
        result = services.extract_file(path)
        assert result["entities"]
        for e in result["entities"]:
            assert text[e["start"]:e["end"]] == e["text"]
            assert 1 <= e["page"] <= result["pages"]
