"""Files the tool writes for people (briefings, images): whole or not at all, and never through a link."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path


def replace_file(path: Path, write: Callable[[Path], object]) -> None:
    """Call `write` on a temporary file beside `path`, then rename it over `path`.

    A crash leaves `path` as it was; a link at `path` is replaced, not written through; the new
    file gets the usual permissions (mkstemp makes it private, and these files are for sharing).
    """
    handle, name = tempfile.mkstemp(prefix=f".{path.name}-", dir=path.parent or Path("."))
    os.close(handle)
    temp = Path(name)
    try:
        write(temp)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temp, 0o666 & ~umask)
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
