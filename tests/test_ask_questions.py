"""Member questions over real council papers (tests/fixtures/ask_questions.yaml): each answer
holds the figure, name or outcome found by reading the paper, or honestly declines."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from cspsearch import services
from cspsearch.analysis.ask import ask

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
CASES = yaml.safe_load((ROOT / "tests" / "fixtures" / "ask_questions.yaml").read_text(encoding="utf-8"))
PAPERS = [SHARED / "corpus-real" / p for p in CASES["papers"]]

pytestmark = pytest.mark.skipif(
    not all(p.exists() for p in PAPERS) or not (SHARED / "seeds").is_dir(),
    reason="needs ../shared/corpus-real and ../shared/seeds",
)


@pytest.fixture(scope="module")
def index(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("ask-questions")
    report = services.ingest([SHARED / "seeds", *PAPERS], folder, jobs=1)
    assert not report.failed, report.failed
    return folder


def holds(answer: str, expected: str | list[str]) -> bool:
    options = expected if isinstance(expected, list) else [expected]
    return any(o.lower() in answer.lower() for o in options)


@pytest.mark.parametrize("case", CASES["questions"], ids=[c["question"] for c in CASES["questions"]])
def test_member_question(index, case):
    result = ask(case["question"], index=index)
    answer = result["answer"]
    if case.get("declined"):
        assert result["fallback"] is True, answer
        return
    assert result["fallback"] is False, answer
    missing = [e for e in case["expect"] if not holds(answer, e)]
    assert not missing, f"{answer!r} lacks {missing}"
    assert result["citations"], "an answer cites where it comes from"


def test_the_question_set_is_large_enough():
    assert len(CASES["questions"]) >= 20
    assert sum(1 for c in CASES["questions"] if c.get("declined")) >= 3
