"""Where the index lives: an explicit --index beats CSPSEARCH_INDEX, which beats ./index."""

from __future__ import annotations

import os
from pathlib import Path

INDEX_ENV = "CSPSEARCH_INDEX"
DEFAULT_INDEX = Path("index")


def index_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The index folder to use for this call."""
    if explicit:
        return Path(explicit)
    env = os.environ.get(INDEX_ENV)
    return Path(env) if env else DEFAULT_INDEX
