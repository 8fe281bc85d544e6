"""The one way to read a data file shipped in the package: importlib.resources, cached.

Word lists, patterns and vocabularies live beside the code that reads them (cspsearch/data/
for the vocabularies every layer shares, extract/data/ for the extraction families,
analysis/data/ for the question rules). Reading them through importlib.resources rather than
a path built from `__file__` keeps them readable from a wheel or a zipped install.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from importlib.abc import Traversable
from typing import Any

import yaml

SHARED = "cspsearch"  # the package whose data/ folder holds the shared vocabularies


@cache
def read_text(package: str, name: str) -> str:
    """The text of the data file `name` (a path relative to `package`, e.g. "data/themes.yaml"), read once."""
    return resources.files(package).joinpath(name).read_text(encoding="utf-8")


def data_file(package: str, name: str) -> Traversable:
    """The data file `name` of `package`, for a caller that reads it as a stream (csv) or checks it exists."""
    return resources.files(package).joinpath(name)


def load_yaml(package: str, name: str) -> Any:
    """The parsed YAML of a data file. Each call parses afresh, so a caller may change what it gets;
    callers that read it often cache their own typed view of it."""
    # The C loader, where PyYAML has it, reads the councils table about six times faster.
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(read_text(package, name), Loader=loader)
