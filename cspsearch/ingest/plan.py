"""What an ingest run does with each file: read it, pass it over as unchanged or a copy, or fail it.

The index must reflect each file as it is now, so the plan also names old text to take
out: a file that no longer reads, or that became a copy of another indexed file.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cspsearch.ingest.pipeline import council_of, fingerprint
from cspsearch.ingest.version import pipeline_version

EMPTY_SHA256 = hashlib.sha256(b"").hexdigest()


@dataclass
class Plan:
    """The files to read (with the council each is given) and what is settled without reading."""

    todo: list[str] = field(default_factory=list)
    councils: dict[str, str | None] = field(default_factory=dict)
    unchanged: list[str] = field(default_factory=list)
    duplicates: list[tuple[str, str]] = field(default_factory=list)  # (path, the path indexed with its content)
    failed: list[tuple[str, str]] = field(default_factory=list)
    stale: dict[str, str] = field(default_factory=dict)  # path -> doc_id of text that no longer belongs
    outdated: list[str] = field(default_factory=list)  # unchanged files read again: an earlier version read them


def plan_run(files: list[Path], known: dict[str, dict[str, Any]], council: str | None,
             force: bool) -> Plan:
    """Sort `files` into a Plan, given what the index holds (`known`: path -> doc_id, sha256, fingerprint).

    A --council given before is kept: a file indexed with one keeps it until a new one is given.
    """
    plan = Plan()
    current: dict[str, str] = {}
    in_run: set[str] = set()
    for path in files:
        key = str(path.resolve())
        in_run.add(key)
        plan.councils[key] = council or council_of(known.get(key, {}).get("fingerprint"))
        try:
            current[key] = fingerprint(path, council=plan.councils[key])
        except OSError as err:
            plan.failed.append((key, f"{path.name} could not be read ({err.strerror or err})."))
            _mark_stale(plan, known, key)
    # The same paper is often attached to several agenda items: its content is indexed once,
    # held by a file that still has it (one outside this run, or one unchanged in it).
    holders = {_stored(info): path for path, info in known.items()
               if path not in in_run and Path(path).exists()}
    unchanged = {key for key, digest in current.items() if _stored(known.get(key)) == digest}
    holders.update({current[key]: key for key in unchanged})
    for key, digest in current.items():
        if key in unchanged and not force and known[key].get("pipeline") == pipeline_version():
            plan.unchanged.append(key)
        elif key in unchanged and not force:
            plan.outdated.append(key)
            plan.todo.append(key)
        elif digest.startswith(EMPTY_SHA256):  # empty files are each "empty", not copies of one another
            plan.todo.append(key)
        elif holders.get(digest, key) != key and _still_holds(holders[digest], digest, in_run, plan):
            plan.duplicates.append((key, holders[digest]))
            _mark_stale(plan, known, key)
        else:
            holders[digest] = key
            plan.todo.append(key)
    # Big files first, so one large PDF does not start last and hold up the batch.
    plan.todo.sort(key=lambda p: -_size(p))
    return plan


def _still_holds(holder: str, digest: str, in_run: set[str], plan: Plan) -> bool:
    """Whether a file outside this run still has the content it was indexed with (one hash to check)."""
    if holder in in_run:
        return True
    try:
        return fingerprint(Path(holder), council=plan.councils.get(holder) or council_of(digest)) == digest
    except OSError:
        return False


def _stored(info: dict[str, Any] | None) -> str | None:
    if not info:
        return None
    return info.get("fingerprint") or info.get("sha256")


def _mark_stale(plan: Plan, known: dict[str, dict[str, Any]], key: str) -> None:
    if key in known:
        plan.stale[key] = known[key]["doc_id"]


def _size(path: str) -> int:
    try:
        return os.path.getsize(path)
    except OSError:
        return 0
