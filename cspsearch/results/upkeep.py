"""What looking after an index says: whether it exists (IndexStatus), whether it is sound (Health), a
rebuild (Repair), a change of engine (Reindexing), and what the machine can do (Abilities)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from cspsearch.results.record import Record, key, many

HEALTH_COLUMNS = ["path", "healthy", "documents", "passages", "entities", "segments"]


@dataclass(frozen=True, kw_only=True)
class IndexStatus(Record):
    """Whether there is an index at `path` yet, and how many documents it holds."""

    path: str
    exists: bool = False
    documents: int = 0


@dataclass(frozen=True, kw_only=True)
class Health(Record):
    """What `check` found: whether the index is sound, each problem as a sentence, and what it could read."""

    path: str
    healthy: bool = False
    problems: tuple[str, ...] = ()
    segments: int | None = None
    documents: int = 0
    passages: int = 0
    entities: int = 0

    def counts(self) -> str:
        """'12 documents, 305 passages, 880 entities in 2 segments'."""
        return (f"{self.documents} documents, {self.passages} passages, {self.entities} entities "
                f"in {self.segments} segments")

    def sheet(self) -> tuple[list[str], list[list[Any]]]:
        """The index's counts, a row per problem found (one row with no problem when it is healthy)."""
        counts = [self.get(column) for column in HEALTH_COLUMNS]
        return [*HEALTH_COLUMNS, "problem"], [[*counts, problem] for problem in self.problems or [None]]


@dataclass(frozen=True, kw_only=True)
class Repair(Record):
    """A damaged index rebuilt from its papers: how many were read, those gone or failing, and where the
    damaged one was kept; `health` is the rebuilt index's check."""

    path: str
    health: Health
    ingested: int = 0
    gone: tuple[str, ...] = ()
    failed: tuple[tuple[str, str], ...] = ()  # (paper, why it could not be read)
    damaged_kept_at: str | None = None

    nested = {"health": Health.from_json, "failed": many(tuple)}


@dataclass(frozen=True, kw_only=True)
class Reindexing(Record):
    """An index converted to another engine (or already on it): records copied and the seconds it took."""

    path: str
    source: str = key("from", "")
    engine: str = ""
    converted: bool = False
    records: int = 0
    seconds: float = 0.0


@dataclass(frozen=True, kw_only=True)
class Abilities(Record):
    """What this installation can do that depends on the machine: each ability (OCR today) with whether it
    is available, by what engine, or what is missing and how to fix it."""

    ocr: Mapping[str, Any]

    @property
    def ready(self) -> bool:
        """Whether every ability is available."""
        return all(item.get("available") for item in self.abilities().values())

    def abilities(self) -> dict[str, Mapping[str, Any]]:
        """Each ability by name."""
        return {name: self[name] for name in self.json_keys}

    def sheet(self) -> tuple[list[str], list[list[Any]]]:
        """A row per ability: whether it is available, by what, or what is missing."""
        headers = ["ability", "available", "engine", "problem"]
        return headers, [[name, item.get("available"), item.get("engine"), item.get("problem")]
                         for name, item in self.abilities().items()]
