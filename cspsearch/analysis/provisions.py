"""Statutory provisions as the extract contract writes them (s.17, ss.5-7, reg.5) and which covers which."""

from __future__ import annotations

import re

PROVISION_WORDS = {
    "section": "s",
    "sections": "ss",
    "regulation": "reg",
    "regulations": "reg",
    "schedule": "sch",
    "article": "art",
    "part": "pt",
    "paragraph": "para",
}
PROVISION_RE = re.compile(
    r"^(?P<kind>[a-z]+)\.?\s*(?P<num>\d+[a-z]?(?:\(\w+\))*)(?:\s*(?:-|to)\s*(?P<end>\d+[a-z]?))?$"
)


def normalise_provision(text: str | None) -> str | None:
    """A provision as the extract contract writes it: 'section 17' -> 's.17', 'sections 5-7' -> 'ss.5-7'."""
    if not text:
        return None
    raw = " ".join(text.lower().replace("–", "-").split())
    if re.fullmatch(r"\d+\w*(\(\w+\))*", raw):
        raw = "s." + raw
    match = PROVISION_RE.match(raw)
    if not match:
        return raw
    kind = PROVISION_WORDS.get(match["kind"], match["kind"])
    if match["end"]:
        return f"{'ss' if kind in ('s', 'ss') else kind}.{match['num']}-{match['end']}"
    return f"{'s' if kind == 'ss' else kind}.{match['num']}"


def provision_span(provision: str) -> tuple[str, int, int] | None:
    """('s', 5, 7) for 'ss.5-7', ('s', 17, 17) for 's.17(1)'; None when it has no leading number."""
    match = re.match(r"([a-z]+)\.(\d+)(?:-(\d+))?", provision)
    if not match:
        return None
    kind = "s" if match[1] == "ss" else match[1]
    return kind, int(match[2]), int(match[3] or match[2])


def provision_matches(wanted: str | None, have: str | None) -> bool:
    """True when a cited provision falls under the wanted one (s.6 under ss.5-7, s.5(1)(a) under s.5)."""
    if not wanted:
        return True
    if not have:
        return False
    if have == wanted or have.startswith(wanted + "("):
        return True
    want_span, have_span = provision_span(wanted), provision_span(have)
    if not want_span or not have_span or want_span[0] != have_span[0]:
        return False
    same_number = have_span[1] == have_span[2] and want_span[1] == want_span[2]
    if same_number:  # s.17 and s.17A differ: compare the written number, not just its digits
        return re.sub(r"\(.*", "", have.split(".", 1)[1]) == re.sub(r"\(.*", "", wanted.split(".", 1)[1])
    return want_span[1] <= have_span[2] and have_span[1] <= want_span[2]
