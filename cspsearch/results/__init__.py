"""Typed results of the read side: frozen records whose to_json() gives today's JSON contract byte for byte.

Each front end reads these, with the tables and sheets they carry; `--json` prints `to_json()`."""

from cspsearch.results.analysis import Answer, Comparison, Decision, Decisions, LawResult, Timeline
from cspsearch.results.documents import DocumentList, DocumentRow, Page
from cspsearch.results.entities import EntityList, EntityRow
from cspsearch.results.ledger import GrantsLedger, LedgerEntry, Supersession
from cspsearch.results.record import Record
from cspsearch.results.search import DocumentHit, LeftOut, PassageHit, SearchResult
from cspsearch.results.upkeep import Abilities, Health, IndexStatus, Reindexing, Repair

__all__ = ["Abilities", "Answer", "Comparison", "Decision", "Decisions", "DocumentHit", "DocumentList",
           "DocumentRow", "EntityList", "EntityRow", "GrantsLedger", "Health", "IndexStatus", "LawResult",
           "LedgerEntry", "LeftOut", "Page", "PassageHit", "Record", "Reindexing", "Repair", "SearchResult",
           "Supersession", "Timeline"]
