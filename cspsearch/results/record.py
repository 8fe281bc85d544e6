"""What every typed result shares: built from its JSON dict, and written back to it key for key."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, fields
from typing import Any, ClassVar, Protocol, Self, cast

Json = dict[str, Any]


class Written(Protocol):
    """Anything typed that writes itself as JSON: a record, a ledger line, a citation."""

    def to_json(self) -> Json: ...


def key(name: str, default: Any = None) -> Any:
    """A field whose JSON key is not a Python name (`from`, `for`)."""
    return field(default=default, metadata={"key": name})


def plain(value: Any) -> Any:
    """A field's value as JSON holds it: records, ledger lines and citations as their objects, tuples as lists."""
    if isinstance(value, tuple):
        return [plain(item) for item in value]
    if hasattr(value, "to_json"):  # asked by name: an isinstance check against Written is far slower
        return cast(Written, value).to_json()
    return value


def many(build: Callable[[Any], Any]) -> Callable[[Iterable[Any]], tuple[Any, ...]]:
    """A builder of a JSON list into a tuple, each item built by `build`."""
    return lambda items: tuple(build(item) for item in items)


_NAMES: dict[type, dict[str, str]] = {}  # each record class's JSON key -> field name


@dataclass(frozen=True, kw_only=True)
class Record:
    """A frozen result read from today's JSON dict.

    Known keys become typed fields (`nested` says how to build the structured ones); keys a result
    gains later are kept in `extra`, and `json_keys` keeps the dict's order, so `to_json()` gives
    back the same dict and `json.dumps` the same bytes. `result["key"]` reads a key of that dict,
    for code written against the dicts."""

    json_keys: tuple[str, ...] = field(default=(), repr=False, compare=False)
    extra: Mapping[str, Any] = field(default_factory=dict, repr=False, compare=False)

    nested: ClassVar[Mapping[str, Callable[[Any], Any]]] = {}

    @classmethod
    def _names(cls) -> dict[str, str]:
        """JSON key -> field name, for every field the JSON holds (worked out once per class)."""
        names = _NAMES.get(cls)
        if names is None:
            names = _NAMES[cls] = {f.metadata.get("key", f.name): f.name for f in fields(cls)
                                   if f.name not in ("json_keys", "extra")}
        return names

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Self:
        """The result today's dict `data` describes."""
        names = cls._names()
        values: dict[str, Any] = {}
        extra: dict[str, Any] = {}
        for json_key, value in data.items():
            name = names.get(json_key)
            if name is None:
                extra[json_key] = value
            elif value is not None and name in cls.nested:
                values[name] = cls.nested[name](value)
            elif isinstance(value, list):  # frozen all the way down to its lists
                values[name] = tuple(value)
            else:
                values[name] = value
        return cls(**values, json_keys=tuple(data), extra=extra)

    def to_json(self) -> Json:
        """Today's dict, key for key and in the same order: what `--json` prints."""
        names, extra = self._names(), self.extra
        return {json_key: extra[json_key] if json_key in extra else plain(getattr(self, names[json_key]))
                for json_key in self.json_keys}

    def __getitem__(self, json_key: str) -> Any:
        if json_key not in self.json_keys:
            raise KeyError(json_key)
        if json_key in self.extra:
            return self.extra[json_key]
        return plain(getattr(self, self._names()[json_key]))

    def __contains__(self, json_key: object) -> bool:
        return json_key in self.json_keys

    def get(self, json_key: str, default: Any = None) -> Any:
        """A key of the JSON dict, or `default` when the result has no such key."""
        return self[json_key] if json_key in self.json_keys else default
