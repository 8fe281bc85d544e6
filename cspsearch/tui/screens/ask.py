"""The ask screen: a question in plain English, a one or two sentence answer, and its citations."""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Footer, Input, Static

from cspsearch.library import Answer
from cspsearch.tui.export import View
from cspsearch.tui.screens.base import ViewScreen, attempt
from cspsearch.tui.sheets import retyped
from cspsearch.tui.widgets.citation_list import CitationList
from cspsearch.tui.widgets.notice import Notice
from cspsearch.tui.widgets.screen_bar import ScreenBar

EXAMPLES = ("Ask, then press Enter. For example: What were Medway's priorities in 2020? · "
            "When did Maidstone first name domestic abuse as a priority? · "
            "How much PCC grant did Maidstone get in 2017-18?")
CITATION_HEADERS = ["council", "date", "title", "page", "text", "doc_id"]


class AskScreen(ViewScreen):
    """Type a question and press Enter; choose a citation to open its page."""

    def __init__(self) -> None:
        super().__init__()
        self.answer: Answer | None = None

    def compose(self) -> ComposeResult:
        yield ScreenBar("ask")
        yield Input(placeholder="Ask a question about the papers", id="question")
        yield Notice(EXAMPLES, id="ask-status")
        with VerticalScroll(id="answer-pane"):
            yield Static(id="answer", markup=False)
            yield CitationList(id="ask-citations")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Ask"
        self.query_one("#question", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        question = event.value.strip()
        if not question:
            return
        self.query_one("#answer-pane").loading = True
        self.query_one(Notice).say(f"Looking for an answer to {question!r}…")
        self.run_ask(question)

    @work(thread=True, exclusive=True, group="ask")
    def run_ask(self, question: str) -> None:
        result, error = attempt(self.library.ask, question)
        self.app.call_from_thread(self._show, result, error)

    def _show(self, result: Answer | None, error: str | None) -> None:
        self.query_one("#answer-pane").loading = False
        notice, citations = self.query_one(Notice), self.query_one(CitationList)
        # The next question is typed straight away, so keys must not fall through to screen bindings.
        self.query_one("#question", Input).focus()
        if error or result is None:
            # An old answer left under a new error would read as the answer to the new question.
            self.answer = None
            self.query_one("#answer", Static).update("")
            citations.show([])
            notice.say(error or "No answer came back.", error=True)
            return
        self.answer = result
        self.query_one("#answer", Static).update(result.answer)
        citations.show([cite.to_json() for cite in result.citations])  # the list also shows compare's cells
        count = len(result.citations)
        kind = "a passage search (the question was not understood)" if result.fallback else \
            (result.kind or "").replace("_", " ")
        notice.say(f"Answered by {kind}; {count} citation{'s' if count != 1 else ''}"
                   + (": Enter on one opens its page." if count else "."))
        if count:
            citations.highlighted = 0

    def on_citation_list_citation_chosen(self, event: CitationList.CitationChosen) -> None:
        self.open_citation(event.citation)

    def export_view(self) -> View | None:
        if not self.answer:
            return None
        cited = self.answer.citations
        rows = [[c.council_id or "", c.meeting_date or "", c.title or "", str(c.page), " ".join((c.text or "").split()),
                 c.doc_id or ""] for c in cited]
        typed = retyped(rows, cited, {3: lambda c: c.page})
        rows.insert(0, ["", "", "answer", "", self.answer.answer, ""])
        typed.insert(0, rows[0])
        return View(f"ask-{self.answer.question}", CITATION_HEADERS, rows, typed)
