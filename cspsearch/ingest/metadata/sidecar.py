"""Reading a FILE.meta.yaml sidecar safely: small, no YAML aliases, each field of the type DocumentMeta holds."""

from __future__ import annotations

import re
from dataclasses import fields
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from cspsearch.errors import ParseError
from cspsearch.model import DocumentMeta

DERIVED_FIELDS = ("meta_sources",)  # said by ingest, never by a sidecar
META_FIELDS = tuple(f.name for f in fields(DocumentMeta) if f.name not in DERIVED_FIELDS)
# From `fetch`: accepted; source_url and agenda_item are kept on the document, the others only read.
SOURCE_FIELDS = ("attachment_id", "publication_date")
TRACKED_FIELDS = ("council", "committee", "meeting_date", "title")  # whose source the document records
MAX_SIDECAR_BYTES = 64 * 1024  # a sidecar names a few fields; anything larger is not one
MAX_VALUE_CHARS = 500
MAX_AUTHORS = 50
TEXT_FIELDS = ("council", "council_id", "committee", "title", "doc_kind", "source_url", "agenda_item")


class _NoAliasLoader(yaml.SafeLoader):
    """The safe loader, refusing aliases: a few hundred bytes of nested aliases expand to billions of items."""

    def compose_node(self, parent, index):  # type: ignore[no-untyped-def]
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.composer.ComposerError(None, None, "aliases (*name) are not allowed here",
                                              event.start_mark)
        return super().compose_node(parent, index)


# Dates stay text, so one that is not a real date gets a sentence rather than a constructor error.
def _timestamp_as_text(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    return loader.construct_scalar(node)  # type: ignore[arg-type]


_NoAliasLoader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_as_text)


def read_sidecar(sidecar: Path) -> dict[str, Any]:
    """The fields a sidecar sets, in DocumentMeta's form; ParseError naming the sidecar when it is wrong."""
    data = _load(sidecar)
    if not isinstance(data, dict):
        raise ParseError(f"The metadata file {sidecar} must be a mapping of field: value lines.")
    unknown = sorted(str(key) for key in set(data) - set(META_FIELDS + SOURCE_FIELDS))
    if unknown:
        raise ParseError(f"The metadata file {sidecar} has unknown fields {', '.join(unknown)}; "
                         f"known fields are {', '.join(META_FIELDS + SOURCE_FIELDS)}.")
    try:
        return {key: _plain(key, value) for key, value in data.items()}
    except (TypeError, ValueError) as err:
        raise ParseError(f"The metadata file {sidecar} has a value of the wrong form: {err}.") from err


def _load(sidecar: Path) -> Any:
    try:
        size = sidecar.stat().st_size
        if size > MAX_SIDECAR_BYTES:
            raise ParseError(f"The metadata file {sidecar} is {size:,} bytes; a sidecar may be at most "
                             f"{MAX_SIDECAR_BYTES // 1024} KB.")
        return yaml.load(sidecar.read_text(encoding="utf-8"), Loader=_NoAliasLoader) or {}
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as err:
        raise ParseError(f"The metadata file {sidecar} could not be read as YAML: {_reason(err)}.") from err


def _reason(err: Exception) -> str:
    """The YAML problem and where it is, on one line."""
    if isinstance(err, yaml.MarkedYAMLError) and err.problem:
        mark = err.problem_mark
        where = f" (line {mark.line + 1}, column {mark.column + 1})" if mark is not None else ""
        return f"{err.problem}{where}"
    return " ".join(str(err).split()).rstrip(".")


def _plain(key: str, value: Any) -> Any:
    """A sidecar value in DocumentMeta's form: ISO dates, int years, author tuples, (start, end) periods."""
    if value is None:
        return None
    if key == "meeting_date":
        return _meeting_date(value)
    if key == "year":
        if isinstance(value, bool) or not isinstance(value, int | str) or not re.fullmatch(r"\d{4}", str(value)):
            raise ValueError(f"year must be a four-digit year, not {_shown(value)}")
        return int(value)
    if key == "authors":
        names = [value] if isinstance(value, str) else value
        if not isinstance(names, list) or not all(isinstance(name, str) for name in names):
            raise ValueError(f"authors must be a list of names (strings), not {_shown(value)}")
        if len(names) > MAX_AUTHORS:
            raise ValueError(f"authors lists {len(names)} names; at most {MAX_AUTHORS} are allowed")
        return tuple(_text(key, name) for name in names)
    if key == "plan_period":
        return _plan_period(value)
    if key in TEXT_FIELDS and (isinstance(value, bool) or not isinstance(value, str | int | float)):
        raise ValueError(f"{key} must be text, not {_shown(value)}")
    return _text(key, str(value))


def _meeting_date(value: Any) -> str:
    text = value.isoformat() if isinstance(value, date) else str(value)
    match = re.fullmatch(r"(\d{4})-(\d{2})(?:-(\d{2}))?", text)
    if not match or isinstance(value, bool | list | dict):
        raise ValueError(f"meeting_date must be YYYY-MM-DD or YYYY-MM, not {_shown(value)}")
    year, month, day = (int(part) if part else 1 for part in match.groups())
    try:
        date(year, month, day)
    except ValueError as err:
        raise ValueError(f"meeting_date {text} is not a real date ({err})") from err
    return text


def _plan_period(value: Any) -> tuple[int, int]:
    years = value if isinstance(value, list) else re.findall(r"\d{4}", str(value))
    if len(years) != 2 or not all(re.fullmatch(r"\d{4}", str(year)) for year in years):
        raise ValueError(f"plan_period must be two years, e.g. [2020, 2024], not {_shown(value)}")
    return (int(years[0]), int(years[1]))


def _text(key: str, value: str) -> str:
    if len(value) > MAX_VALUE_CHARS:
        raise ValueError(f"{key} is {len(value):,} characters long; at most {MAX_VALUE_CHARS} are allowed")
    return value


def _shown(value: Any) -> str:
    shown = repr(value)
    return shown if len(shown) <= 60 else shown[:57] + "..."


def checked_value(key: str, value: Any) -> Any:
    """A value about to be written to a sidecar, in the form reading it back gives; ParseError when wrong."""
    if key not in META_FIELDS + SOURCE_FIELDS:
        raise ParseError(f"{key} is not a field a metadata file can set; known fields are {', '.join(META_FIELDS)}.")
    try:
        return _plain(key, value)
    except (TypeError, ValueError) as err:
        raise ParseError(f"The value for {key} is of the wrong form: {err}.") from err
