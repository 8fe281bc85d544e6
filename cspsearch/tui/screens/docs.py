"""The papers screen: every indexed paper with its council, committee, date and their sources; `e` corrects one."""

from __future__ import annotations

from typing import Any

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Checkbox, DataTable, Footer, Input, Label

from cspsearch.library import DocumentList, DocumentRow
from cspsearch.tui.export import View
from cspsearch.tui.screens.base import ViewScreen, attempt
from cspsearch.tui.sheets import retyped
from cspsearch.tui.widgets.notice import Notice
from cspsearch.tui.widgets.query_bar import QueryBar
from cspsearch.tui.widgets.screen_bar import ScreenBar

HEADERS = ["council", "committee", "date", "kind", "title", "pages", "source", "from"]
FIELDS = (("committee", "Committee"), ("meeting_date", "Meeting date (YYYY-MM-DD)"), ("council", "Council"),
          ("title", "Title"))


def row_cells(doc: DocumentRow) -> list[str]:
    """A paper as the table shows it: unknown values as '?', sources as 'committee folder, …'."""
    return [doc.council_id or "?", doc.committee or "?", doc.meeting_date or "?", doc.doc_kind or "",
            (doc.title or "")[:70], str(doc.pages or ""), doc.source_url or doc.path or "", doc.sources_text]


def searchable(doc: DocumentRow) -> str:
    """Every known value of a paper's listing as one lowercase text, for the word filter."""
    return " ".join(str(v) for v in doc.to_json().values() if v).lower()


class CorrectionForm(ModalScreen[dict[str, str] | None]):
    """Committee, date, council and title of one paper; Enter saves what changed, Escape cancels."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]
    DEFAULT_CSS = """
    CorrectionForm { align: center middle; }
    CorrectionForm > Vertical { width: 72; max-width: 100%; height: auto; padding: 1 2;
                                border: thick $primary; background: $surface; }
    """

    def __init__(self, doc: DocumentRow) -> None:
        super().__init__()
        self.doc = doc
        self.before = {key: str(doc.get(key) or "") for key, _ in FIELDS}

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(f"Correct {self.doc.title or self.doc.path}"[:68], markup=False)
            for key, label in FIELDS:
                yield Label(label)
                yield Input(value=self.before[key], id=f"field-{key}", compact=True)
            yield Label("Enter saves to the paper's sidecar and the index; Escape cancels.", classes="hint")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        values = {key: self.query_one(f"#field-{key}", Input).value.strip() for key, _ in FIELDS}
        self.dismiss({key: value for key, value in values.items() if value and value != self.before[key]})

    def action_cancel(self) -> None:
        self.dismiss(None)


class DocsScreen(ViewScreen):
    """Filter by words; tick to see only papers lacking a field; Enter opens a paper, `e` corrects it."""

    BINDINGS = [Binding("e", "correct", "Correct")]

    def __init__(self) -> None:
        super().__init__()
        self.documents: list[DocumentRow] = []
        self.shown: list[DocumentRow] = []
        self._text: dict[str, str] = {}  # each paper's searchable text, by doc_id

    def compose(self) -> ComposeResult:
        yield ScreenBar("docs")
        yield QueryBar(placeholder="Filter papers by title, committee, council or path", id="docs-filter",
                       compact=True)
        yield Checkbox("Only papers with no meeting date, committee or council", id="docs-missing", compact=True)
        yield Notice("Loading the papers…", id="docs-status")
        yield DataTable(id="docs-table", zebra_stripes=True, cursor_type="row")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Papers"
        self.query_one(DataTable).add_columns(*HEADERS)
        self.load()

    @work(thread=True, exclusive=True, group="docs")
    def load(self) -> None:
        result, error = attempt(self.library.list_documents)
        self.app.call_from_thread(self._loaded, result, error)

    def _loaded(self, result: DocumentList | None, error: str | None) -> None:
        if error or result is None:
            self.query_one(Notice).say(error or "The papers could not be listed.", error=True)
            return
        self._set_documents(list(result.documents))

    def _set_documents(self, documents: list[DocumentRow]) -> None:
        self.documents = documents
        self._text = {doc.doc_id: searchable(doc) for doc in documents}
        self._show()

    def _show(self) -> None:
        words = self.query_one(QueryBar).value.lower().split()
        lacking = self.query_one(Checkbox).value
        self.shown = [d for d in self.documents
                      if all(w in self._text[d.doc_id] for w in words)
                      and (not lacking or not (d.meeting_date and d.committee and d.council_id))]
        table = self.query_one(DataTable)
        table.clear()
        for doc in self.shown:
            table.add_row(*row_cells(doc), key=doc.doc_id)
        undated = sum(1 for d in self.documents if not d.meeting_date)
        self.query_one(Notice).say(f"{len(self.shown)} of {len(self.documents)} papers ({undated} with no meeting "
                                   "date). Enter opens a paper; e corrects its committee, date, council or title.")

    def on_query_bar_query_changed(self, event: QueryBar.QueryChanged) -> None:
        self._show()

    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        self._show()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.open_citation({"doc_id": event.row_key.value, "page": 1})

    def _current(self) -> DocumentRow | None:
        table = self.query_one(DataTable)
        if not self.shown or table.cursor_row is None or table.cursor_row >= len(self.shown):
            return None
        return self.shown[table.cursor_row]

    def action_correct(self) -> None:
        doc = self._current()
        if doc is None:
            self.notify("Choose a paper first.", severity="warning")
            return
        self.app.push_screen(CorrectionForm(doc), lambda fields: self._correct(doc, fields))

    def _correct(self, doc: DocumentRow, fields: dict[str, str] | None) -> None:
        if fields:
            self.save(doc.doc_id, fields)

    @work(thread=True, group="docs-save")
    def save(self, doc_id: str, fields: dict[str, str]) -> None:
        row, error = attempt(self.library.correct, doc_id, fields)
        self.app.call_from_thread(self._saved, row, error)

    def _saved(self, row: dict[str, Any] | None, error: str | None) -> None:
        if error or row is None:
            self.query_one(Notice).say(error or "The correction could not be saved.", error=True)
            return
        corrected = DocumentRow.from_json(row)
        self._set_documents([corrected if d.doc_id == corrected.doc_id else d for d in self.documents])
        self.notify(f"Saved: {row.get('committee') or '?'}, {row.get('meeting_date') or 'undated'}.")

    def export_view(self) -> View | None:
        if not self.shown:
            return None
        rows = [row_cells(d) for d in self.shown]
        return View("papers", HEADERS, rows, retyped(rows, self.shown, {5: lambda d: d.pages}))
