"""Which search engine an index folder uses (Whoosh or tantivy): chosen at creation, then remembered.

A tantivy index holds a marker file naming its engine; a folder without one is Whoosh's
(every index made before there was a choice). The store functions the services call are
`routed`: on a tantivy folder they run the same-named function of the tantivy module.
"""

from __future__ import annotations

import functools
import importlib
from collections.abc import Callable
from pathlib import Path
from typing import Concatenate, ParamSpec, TypeVar

from cspsearch.errors import CspSearchError

ENGINES = ("whoosh", "tantivy")
DEFAULT_ENGINE = "whoosh"
MARKER = "cspsearch-engine"
# Past this many passages a Whoosh index takes seconds a query and hours to build: say so.
TANTIVY_SUGGESTED_AT = 200_000

P = ParamSpec("P")
R = TypeVar("R")


class EngineError(CspSearchError):
    """An unknown engine name, or an index asked to be what it is not."""


def check_engine(name: str) -> str:
    engine = name.strip().lower()
    if engine not in ENGINES:
        raise EngineError(f"There is no search engine {name!r}; the engines are: {', '.join(ENGINES)}.")
    return engine


def engine_of(folder: Path) -> str:
    """The engine of the index at `folder` (Whoosh for a folder with no marker, or no folder)."""
    try:
        written = (folder / MARKER).read_text(encoding="utf-8").strip()
    except (FileNotFoundError, NotADirectoryError):
        return DEFAULT_ENGINE
    except OSError:
        return DEFAULT_ENGINE  # an unreadable folder: the Whoosh path says why in a sentence
    if written not in ENGINES:
        raise EngineError(f"The index at {folder} names an engine this version does not know ({written!r}); "
                          f"the engines are: {', '.join(ENGINES)}.")
    return written


def is_tantivy(folder: Path) -> bool:
    return engine_of(folder) == "tantivy"


def has_index(folder: Path) -> bool:
    """True when `folder` holds an index of either engine."""
    from cspsearch.store import index, tantivy_index

    return tantivy_index.exists(folder) if is_tantivy(folder) else index.exists(folder)


def require_index(folder: Path) -> None:
    """Raise the sentence for a folder with no index (or one that does not open)."""
    from cspsearch.store import index, tantivy_index

    if is_tantivy(folder):
        tantivy_index.open_index(folder)
    else:
        index.open_for_reading(folder)


def passage_count(folder: Path) -> int:
    """How many passages the index holds (0 when there is none): what makes an index large."""
    from cspsearch.store import index, tantivy_index

    if not has_index(folder):
        return 0
    if is_tantivy(folder):
        return tantivy_index.open_index(folder).searcher().doc_freq("kind", "passage")
    with index.open_for_reading(folder).searcher() as s:
        return s.doc_frequency("kind", "passage")


def choose(folder: Path, requested: str | None) -> str:
    """The engine an ingest into `folder` writes with: the existing index's, or `requested`
    (default Whoosh) for a new one, remembered from now on. Asking an existing index for
    the other engine is a sentence pointing at `reindex`."""
    wanted = check_engine(requested) if requested else None
    if has_index(folder):
        current = engine_of(folder)
        if wanted and wanted != current:
            raise EngineError(f"The index at {folder} uses {current}; convert it with "
                              f"`cspsearch reindex --engine {wanted} --index {folder}`, or choose another --index.")
        return current
    engine = wanted or engine_of(folder)
    mark(folder, engine)
    return engine


def mark(folder: Path, engine: str) -> None:
    """Remember `engine` for the index at `folder` (Whoosh needs no marker)."""
    marker = folder / MARKER
    if engine == DEFAULT_ENGINE:
        if marker.is_file():
            marker.unlink()
        return
    folder.mkdir(parents=True, exist_ok=True)
    marker.write_text(engine + "\n", encoding="utf-8")


def suggestion(engine: str, passages: int) -> str | None:
    """The ingest summary's advice for an index of `passages` passages on `engine`."""
    if engine == "whoosh" and passages > TANTIVY_SUGGESTED_AT:
        return (f"This index holds {passages:,} passages; past {TANTIVY_SUGGESTED_AT:,} searches are much faster "
                "on tantivy: `cspsearch reindex --engine tantivy` converts it without reading the papers again.")
    return None


def routed(fn: Callable[Concatenate[Path, P], R]) -> Callable[Concatenate[Path, P], R]:
    """Run the tantivy module's function of the same name on a tantivy folder
    (store/reader.documents -> store/tantivy_reader.documents)."""
    module = "cspsearch.store.tantivy_" + fn.__module__.rsplit(".", 1)[-1]

    @functools.wraps(fn)
    def wrapper(folder: Path, *args: P.args, **kwargs: P.kwargs) -> R:
        if is_tantivy(folder):
            return getattr(importlib.import_module(module), fn.__name__)(folder, *args, **kwargs)
        return fn(folder, *args, **kwargs)

    return wrapper
