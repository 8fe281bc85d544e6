"""The document screen: a page with hits and entities marked, the entity list, the citation always on top."""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer

from cspsearch.library import Library, Page, page_link
from cspsearch.tui.screens.base import attempt, library_of
from cspsearch.tui.widgets.citation_bar import CitationBar, citation_text
from cspsearch.tui.widgets.entity_panel import EntityPanel
from cspsearch.tui.widgets.notice import Notice
from cspsearch.tui.widgets.page_view import PageView
from cspsearch.tui.widgets.screen_bar import ScreenBar


class DocumentScreen(Screen[None]):
    """Read one document page by page; n/N step through the query's hits, c copies the citation."""

    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("n", "hit(1)", "Hit", key_display="n/N"),
        Binding("N,p", "hit(-1)", "Previous hit", show=False),
        Binding("right_square_bracket,right", "page(1)", "Page", key_display="[/]"),
        Binding("left_square_bracket,left", "page(-1)", "Previous page", show=False),
        Binding("c", "copy_citation", "Cite"),
        Binding("o", "open_source", "Open"),
        Binding("e", "toggle_entities", "Entities"),
    ]

    class PageLoaded(Message):
        """Library.show answered (in a worker): the page or an error sentence, and where to scroll."""

        def __init__(self, data: Page | None, error: str | None, offset: int | None, hit: int | None,
                     near_hit: bool):
            super().__init__()
            self.data, self.error, self.offset, self.hit, self.near_hit = data, error, offset, hit, near_hit

    def __init__(self, doc_id: str, page: int = 1, offset: int | None = None, query: str | None = None) -> None:
        super().__init__()
        self.doc_id, self.page, self.search_query = doc_id, page, query
        self._first_offset = offset
        self.data: Page | None = None
        self.hit: int | None = None
        self._refocus = True

    @property
    def library(self) -> Library:
        return library_of(self.app)

    def compose(self) -> ComposeResult:
        yield ScreenBar(self.app.current_mode)
        yield CitationBar("Loading…", id="citation")
        yield Notice(id="doc-status")
        with Horizontal(id="doc-body"):
            yield PageView(id="page")
            yield EntityPanel(id="entities")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Document"
        self.query_one(Notice).say("")
        self.query_one(PageView).focus()
        self.fetch_page(self.page, self._first_offset, None)

    def fetch_page(self, page: int, offset: int | None, hit: int | None, step: int = 0, near_hit: bool = True) -> None:
        """Show the spinner and load a page in a worker (see load_page)."""
        view = self.query_one(PageView)
        # A loading widget cannot hold focus; remember to give it back when the page arrives.
        self._refocus = self.focused in (view, None)
        view.loading = True
        self.load_page(page, offset, hit, step, near_hit)

    @work(thread=True, exclusive=True, group="page")
    def load_page(self, page: int, offset: int | None, hit: int | None, step: int = 0, near_hit: bool = True) -> None:
        """Fetch a page; with `step`, keep going that way until a page with hits (for n/N).

        `offset` is where to scroll; with `near_hit` the first query hit from there is taken instead
        (a search passage opens at its first hit), without it the view goes to the offset itself.
        """
        data, error = attempt(self.library.show, self.doc_id, page, self.search_query)
        while step and data and not data.highlights and 1 <= data.page + step <= data.pages:
            data, error = attempt(self.library.show, self.doc_id, data.page + step, self.search_query)
        self.post_message(self.PageLoaded(data, error, offset, hit, near_hit))

    @work(thread=True, group="entities")
    def load_entities(self, doc_id: str) -> None:
        """Every entity of the document (Library.show gives one page's)."""
        found, error = attempt(self.library.entity_rows, doc_id=doc_id)
        self.app.call_from_thread(self.query_one(EntityPanel).show, found or [], error)

    async def on_document_screen_page_loaded(self, event: PageLoaded) -> None:
        view = self.query_one(PageView)
        view.loading = False
        if self._refocus:
            view.focus()
        if event.error or event.data is None:
            self.query_one(Notice).say(event.error or "This page could not be read.", error=True)
            return
        if self.data is None:
            self.load_entities(event.data.doc.doc_id)
        data = self.data = event.data
        self.page = data.page
        highlights = data.highlights
        self.hit = None if event.hit is None or not highlights else event.hit % len(highlights)
        if self.hit is None and event.near_hit and event.offset is not None and highlights:
            at = event.offset - data.page_start
            self.hit = next((n for n, (a, _) in enumerate(highlights) if a >= at), None)
        self.query_one(CitationBar).cite(data.doc, data.page, data.pages, data.ocr_note())
        await self._draw_page(None if event.offset is None else event.offset - data.page_start)

    async def _draw_page(self, offset: int | None) -> None:
        """Draw the loaded page, then scroll to the current hit, else to `offset`, else to the top."""
        data, view = self.data, self.query_one(PageView)
        if data is None:
            return
        highlights = [(start, end) for start, end in data.highlights]
        await view.show_page(data.text, highlights, data.entities, data.page_start, self.hit)
        self.query_one(Notice).say(self._hit_status(len(highlights)))
        if self.hit is not None:
            view.scroll_to_offset(highlights[self.hit][0])
        elif offset is not None:
            view.scroll_to_offset(offset)
        else:
            view.scroll_home(animate=False)

    def _hit_status(self, hits: int) -> str:
        if not self.search_query:
            return ""
        if not hits:
            return f"No hits for {self.search_query!r} on this page (n / N look on the next / previous pages)."
        where = f"hit {self.hit + 1} of {hits}" if self.hit is not None else f"{hits} hits"
        return f"{where} for {self.search_query!r} on this page"

    async def action_hit(self, step: int) -> None:
        if not self.data or not self.search_query:
            return
        hits = len(self.data.highlights)
        current = self.hit if self.hit is not None else (-1 if step > 0 else hits)
        target = current + step
        if 0 <= target < hits:
            self.hit = target
            await self._draw_page(None)
        elif 1 <= self.page + step <= self.data.pages:
            self.fetch_page(self.page + step, None, 0 if step > 0 else -1, step=step)
        else:
            self.notify("No more hits in this document.")

    def action_page(self, step: int) -> None:
        if self.data and 1 <= self.page + step <= self.data.pages:
            self.fetch_page(self.page + step, None, None)

    def action_copy_citation(self) -> None:
        if self.data:
            text = citation_text(self.data.doc, self.page)
            self.app.copy_to_clipboard(text)
            self.notify(f"Copied: {text}", markup=False)

    def action_open_source(self) -> None:
        """Open the paper at this page where something can open it; otherwise show the link."""
        import webbrowser

        if not self.data:
            return
        link = page_link(self.data.doc.to_json(), self.page)
        if link is None:
            self.notify("The paper's file is gone and it has no source address to open.", severity="warning")
            return
        try:
            can_open = self.app.is_web or webbrowser.get() is not None
        except webbrowser.Error:  # no browser or viewer on this machine (a server, an SSH session)
            can_open = False
        if can_open:
            self.app.open_url(link)
            self.notify(f"Opening {link}", markup=False)
        else:
            self.app.copy_to_clipboard(link)
            self.notify(f"Nothing here can open it; the link is copied: {link}", markup=False, timeout=10)

    def action_toggle_entities(self) -> None:
        panel = self.query_one(EntityPanel)
        panel.display = not panel.display

    def on_entity_panel_entity_chosen(self, event: EntityPanel.EntityChosen) -> None:
        entity = event.entity
        start = entity.start or 0
        if self.data and entity.page == self.page:
            self.hit = None
            self.query_one(PageView).scroll_to_offset(start - self.data.page_start)
        else:
            self.fetch_page(entity.page or 1, start, None, near_hit=False)
