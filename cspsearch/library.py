"""The one front door: a Library over an index folder, with a method for every operation."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cspsearch import names, reading, services
from cspsearch.analysis import evolution as bands  # noqa: F401  (the themes-by-year bands, for drawing)

# The imports marked F401 are for the front ends, which import only this module: what they draw beside the
# results (labels, the spreadsheet and Markdown writers, a page's link and OCR note, the
# themes-by-year bands as `bands`).
from cspsearch.analysis.cells import council_label, short_name, theme_label  # noqa: F401
from cspsearch.analysis.ledger import none_last  # noqa: F401
from cspsearch.ingest.executors import SCHEDULER_ENV
from cspsearch.links import citation_note, page_link  # noqa: F401
from cspsearch.reading import IndexReader
from cspsearch.results import (
    Abilities,
    Answer,
    Comparison,
    Decision,  # noqa: F401
    Decisions,
    DocumentHit,  # noqa: F401
    DocumentList,
    DocumentRow,  # noqa: F401
    EntityList,
    EntityRow,
    GrantsLedger,
    Health,
    IndexStatus,
    LawResult,
    LedgerEntry,  # noqa: F401
    Page,
    PassageHit,  # noqa: F401
    Reindexing,
    Repair,
    SearchResult,
    Timeline,
)
from cspsearch.results.writing import Table, md_document, spreadsheet_csv, spreadsheet_year  # noqa: F401
from cspsearch.settings import index_dir

if TYPE_CHECKING:  # the heavy parts load only when an operation needs them
    from cspsearch.fetch.run import FetchReport
    from cspsearch.fetch.sites import Site
    from cspsearch.ingest.executors import Cluster
    from cspsearch.ingest.orchestrate import IngestReport

Row = dict[str, Any]
PathArg = str | os.PathLike[str]


class Library:
    """The council papers indexed in one folder, and everything the CLI and the TUI do with them.

    `Library()` opens the folder the settings name (CSPSEARCH_INDEX, else ./index); `Library(path)`
    opens `path`. Opening reads nothing: each method reads what it needs, and the store keeps its
    searchers cached per folder between calls. Errors a person can cause raise a CspSearchError
    subclass carrying a sentence to show them.

    Every analysis reads the index through `reader` (documents, entity_rows, search, show): by
    default the store's reader of the folder; a test may pass any cspsearch.reading.IndexReader.

    The read operations return typed results (cspsearch.results): frozen records with attributes, the
    tables their commands print, and `to_json()`, the dict `--json` prints, byte for byte.
    """

    SCHEDULER_ENV = SCHEDULER_ENV  # the variable naming a Dask scheduler to ingest on

    def __init__(self, index: PathArg | None = None, reader: IndexReader | None = None) -> None:
        self.folder: Path = index_dir(index)
        self.reader: IndexReader = reader if reader is not None else reading.open_reader(self.folder)

    def __repr__(self) -> str:
        return f"Library({str(self.folder)!r})"

    # ---- the index itself -------------------------------------------------------------------

    def status(self) -> IndexStatus:
        """Whether the index exists yet and how many documents it holds: {path, exists, documents}."""
        return IndexStatus.from_json(services.index_status(self.folder))

    def ingest(self, paths: Sequence[PathArg], jobs: int | None = None, council: str | None = None,
               force: bool = False, progress: Callable[..., Any] | None = None,
               file_seconds: float | None = None, ocr: bool = True,
               cluster: Cluster | None = None, engine: str | None = None) -> IngestReport:
        """Read the papers at `paths` (files and folders) into the index; unchanged papers are passed over.

        `council` names the council every paper belongs to, `force` re-reads unchanged papers, `ocr`
        reads scanned pages, `cluster` hands the reading to a Dask cluster's workers, `engine` (whoosh or
        tantivy) is the search engine of a new index."""
        return services.ingest([Path(p) for p in paths], self.folder, jobs=jobs, council=council, force=force,
                               progress=progress, file_seconds=file_seconds, ocr=ocr, cluster=cluster,
                               engine=engine)

    def prune(self) -> list[str]:
        """Drop the documents whose files are gone from disk; returns their paths."""
        return services.prune(self.folder)

    def check(self) -> Health:
        """Verify the index file by file and record by record: {healthy, problems, ...counts}."""
        return Health.from_json(services.check_index(self.folder))

    def repair(self, papers: Sequence[PathArg] = (), jobs: int | None = None,
               progress: Callable[..., Any] | None = None) -> Repair:
        """Rebuild a damaged index from the papers it names (and `papers`), keeping the damaged one beside it."""
        return Repair.from_json(services.repair_index(self.folder, [Path(p) for p in papers], jobs=jobs,
                                                      progress=progress))

    def reindex(self, engine: str) -> Reindexing:
        """Convert the index to `engine` (whoosh or tantivy) from its stored records, without reading papers."""
        return Reindexing.from_json(services.reindex(engine, self.folder))

    @staticmethod
    def doctor() -> Abilities:
        """What this installation can do that depends on the machine (OCR of scanned pages)."""
        return Abilities.from_json(services.doctor())

    @staticmethod
    def extract(paths: Sequence[PathArg], council: str | None = None, ocr: bool = True) -> Iterator[Row]:
        """The `extract --json` line of each file, read without touching any index."""
        return services.iter_extract([Path(p) for p in paths], council=council, ocr=ocr)

    @staticmethod
    def fetch(site: str, out: PathArg, committees: Sequence[str] = (), start: date | None = None,
              end: date | None = None, council: str | None = None, rate: float = 2.0, timeout: float = 60.0,
              progress: Callable[..., Any] | None = None) -> FetchReport:
        """Download a council's committee papers from its ModernGov site (`site`: a council or an address)
        into `out`/<council>/<committee>/<date>, each with a .meta.yaml sidecar. Ingest them afterwards."""
        from cspsearch.fetch.client import HttpClient
        from cspsearch.fetch.run import fetch_papers

        where = Library.resolve_site(site, council)
        return fetch_papers(where, Path(out), committees, start, end, HttpClient(rate=rate, timeout=timeout),
                            progress=progress)

    @staticmethod
    def resolve_site(site: str, council: str | None = None) -> Site:
        """The ModernGov site `site` names (a council's slug or name, or an address `council` owns):
        its base_url and council_name, to say where a fetch goes before its first request."""
        from cspsearch.fetch.sites import resolve_site

        return resolve_site(site, council)

    @staticmethod
    def cluster(scheduler: str, ship_files: bool = False) -> Cluster:
        """The Dask cluster at `scheduler` (host:port) to hand `ingest` to; `ship_files` sends each
        file's bytes to workers that cannot see its folder."""
        from cspsearch.ingest.executors import Cluster

        return Cluster(scheduler, ship_files=ship_files)

    # ---- reading ----------------------------------------------------------------------------

    def documents(self, councils: Sequence[str] | None = None, year_from: int | None = None,
                  year_to: int | None = None) -> list[Row]:
        """Every indexed document's fields (doc_id, title, council_id, committee, meeting_date, year, ...)."""
        return self.reader.documents(councils, year_from, year_to)

    def list_documents(self, councils: Sequence[str] | None = None, year_from: int | None = None,
                       year_to: int | None = None, committee: str | None = None, kind: str | None = None,
                       missing: str | None = None, include_undated: bool = False) -> DocumentList:
        """The papers with their metadata and its sources, filtered like search (`.to_json()`: `docs --json`)."""
        return DocumentList.from_json(services.list_documents(self.folder, councils, year_from, year_to, committee,
                                                              kind, missing, include_undated))

    def correct(self, target: str, fields: dict[str, Any]) -> Row:
        """Correct a paper's council, committee, meeting_date or title (`target`: a doc_id, its start or
        the paper's path) through its sidecar, without reading it again; returns its new listing row."""
        return services.correct_document(target, fields, self.folder)

    def import_corrections(self, csv_path: PathArg) -> Row:
        """`correct` every row of a corrections CSV; a sentence for each row that could not be applied."""
        return services.import_corrections(Path(csv_path), self.folder)

    def entities(self, type: str | None = None, councils: Sequence[str] | None = None,
                 year_from: int | None = None, year_to: int | None = None, doc_id: str | None = None) -> EntityList:
        """Extracted facts with their documents' fields and citations, optionally of one type or one document
        (`.to_json()`: `entities --json`; `.sheet()`: a row per fact for a spreadsheet)."""
        return EntityList.of(self.reader.entity_rows(type, councils, year_from, year_to, doc_id))

    def entity_rows(self, type: str | None = None, councils: Sequence[str] | None = None,
                    year_from: int | None = None, year_to: int | None = None,
                    doc_id: str | None = None) -> tuple[EntityRow, ...]:
        """The facts of `entities` alone."""
        return self.entities(type, councils, year_from, year_to, doc_id).entities

    def search(self, query: str, councils: Sequence[str] | None = None, year_from: int | None = None,
               year_to: int | None = None, committee: str | Sequence[str] | None = None,
               kind: str | Sequence[str] | None = None, law: str | None = None, theme: str | Sequence[str] | None = None, sort: str = "relevance",
               limit: int = 10, include_undated: bool = False, years: Sequence[int] | None = None) -> SearchResult:
        """Ranked passages grouped per document, with facets and `left_out` (`.to_json()`: `search --json`).

        `committee`, `kind` and `theme` may be lists (papers matching any), and `years` the meeting years to
        keep when they are not one range: the TUI's multi-select filters."""
        return SearchResult.from_json(self.reader.search(query, councils, year_from, year_to, committee=committee,
                                                         kind=kind, law=law, theme=theme, sort=sort, limit=limit,
                                                         include_undated=include_undated, years=years))

    def show(self, doc_id: str, page: int | None = None, query: str | None = None) -> Page:
        """One page of a document with its query highlights and entities, for reading a hit."""
        return Page.from_json(self.reader.show(doc_id, page, query))

    def page(self, doc_id: str, page: int | None = None, query: str | None = None) -> Page:
        """The same as `show`: one page of a document with its highlights and entities."""
        return self.show(doc_id, page, query)

    # ---- analysis ---------------------------------------------------------------------------

    def compare(self, specs: Sequence[str], scheme: str = "csp", themes: Sequence[str] | None = None) -> Comparison:
        """Compare the priorities of councils: `specs` like 'maidstone:2011-2023', 'medway'."""
        from cspsearch.analysis.compare import compare

        return Comparison.from_json(compare(list(specs), self.folder, scheme, list(themes) if themes else None,
                                            reader=self.reader))

    def timeline(self, theme: str, councils: Sequence[str] | None = None, scheme: str = "csp") -> Timeline:
        """When each council's papers named one theme (an id, label or phrasing) as a priority."""
        from cspsearch.analysis.timeline import timeline

        return Timeline.from_json(timeline(theme, self.folder, list(councils) if councils else None, scheme,
                                           reader=self.reader))

    def grants(self, councils: Sequence[str] | None = None, year_from: int | None = None,
               year_to: int | None = None, funder: str | None = None, grant: str | None = None,
               include_all: bool = False) -> GrantsLedger:
        """The grants ledger: funding received, by council, funder and financial year."""
        from cspsearch.analysis.grants import grants

        return GrantsLedger.from_json(grants(self.folder, list(councils) if councils else None, year_from, year_to,
                                             funder, grant, include_all, reader=self.reader))

    def law(self, instrument: str | None = None, provision: str | None = None,
            councils: Sequence[str] | None = None, limit: int = 20) -> LawResult:
        """Precedent for one instrument (and provision), or the most cited instruments when none is named."""
        from cspsearch.analysis.law import law

        return LawResult.from_json(law(instrument, self.folder, provision, list(councils) if councils else None,
                                       limit, reader=self.reader))

    def ask(self, question: str) -> Answer:
        """An answer in one or two sentences with citations."""
        from cspsearch.analysis.ask import ask

        return Answer.from_json(ask(question, self.folder, reader=self.reader))

    def brief(self, councils: Sequence[str], year_from: int | None = None, year_to: int | None = None,
              scheme: str = "csp", image: Path | None = None) -> str:
        """A Markdown briefing comparing `councils` over the meeting years from..to."""
        from cspsearch.analysis.brief import brief

        return brief(list(councils), year_from, year_to, self.folder, scheme, image, reader=self.reader)

    def brief_docx(self, councils: Sequence[str], path: PathArg, year_from: int | None = None,
                   year_to: int | None = None, scheme: str = "csp") -> None:
        """Write the briefing comparing `councils` to `path` as a Word document."""
        from cspsearch.analysis.brief_docx import brief_docx

        brief_docx(list(councils), Path(path), year_from, year_to, self.folder, scheme, reader=self.reader)

    @staticmethod
    def write_word_table(path: PathArg, title: str, table: Table) -> None:
        """Write `table` (headers, rows) to `path` as a Word document titled `title`, a real Word table as
        the briefing's; whole or not at all."""
        from docx import Document

        from cspsearch.analysis.brief_docx import word_table
        from cspsearch.outputs import replace_file

        document = Document()
        document.core_properties.title = title
        document.add_heading(title, level=0)
        word_table(document, table)
        replace_file(Path(path), lambda temp: document.save(str(temp)))

    @staticmethod
    def write_text(path: PathArg, text: str) -> None:
        """Write `text` (a briefing) whole over `path`, never half; a link there is replaced, not followed."""
        from cspsearch.outputs import replace_file

        replace_file(Path(path), lambda temp: temp.write_text(text, encoding="utf-8"))

    def decisions(self, councils: Sequence[str] | None = None, committee: str | None = None,
                  date_from: str | None = None, date_to: str | None = None, topic: str | None = None,
                  kinds: Sequence[str] | None = None) -> Decisions:
        """Decisions, recommendations and motions with their votes, in date order."""
        from cspsearch.analysis.decisions import decisions

        return Decisions.from_json(decisions(self.reader, self.folder, list(councils) if councils else None,
                                             committee, date_from, date_to, topic, list(kinds) if kinds else None))

    # ---- vocabularies -----------------------------------------------------------------------

    @staticmethod
    def check_councils(councils: Sequence[str] | None) -> list[str] | None:
        """The council ids `councils` name (a slug, name, alias or acronym, as every command reads
        them); NotFoundError with close names otherwise."""
        return names.council_ids(councils)

    @staticmethod
    def check_theme(theme: str) -> str:
        """The theme id `theme` (an id, label or phrasing) means; NotFoundError with close ids otherwise."""
        return names.theme_id(theme)

    def councils(self) -> dict[str, str]:
        """The councils with papers in the index: council_id -> name."""
        from cspsearch.analysis.cells import known_councils

        return known_councils(self.documents())

    @staticmethod
    def themes() -> dict[str, str]:
        """Every theme of the taxonomy: id -> label."""
        from cspsearch.analysis.cells import theme_labels

        return theme_labels()
