"""Plain-text and Markdown reader: UTF-8 with a cp1252 fallback; form feeds are page breaks."""

from __future__ import annotations

import codecs

from cspsearch.errors import ParseError
from cspsearch.model import PAGE_BREAK

# Bytes that never occur in text but fill binary files.
_BINARY_BYTES = frozenset(range(0, 9)) | (frozenset(range(14, 32)) - {27})
_SNIFF = 8192


def read_text(data: bytes, name: str) -> tuple[list[str], list[str]]:
    """Pages of a text file (split at form feeds) and any warnings about its encoding."""
    text, warnings = decode_text(data, name)
    return text.split(PAGE_BREAK), warnings


def decode_text(data: bytes, name: str) -> tuple[str, list[str]]:
    """Decode text bytes: a BOM wins, then UTF-8, then cp1252 (what council exports use)."""
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                          (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return _decode_or_fail(data, encoding, name), []
    if _looks_binary(data):
        raise ParseError(f"{name} does not look like a text file: it contains binary data.")
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), []
    except UnicodeDecodeError:
        # cp1252 leaves five bytes undefined; keep the rest of the text readable.
        return data.decode("cp1252", errors="replace"), [
            "the text is neither UTF-8 nor Windows-1252; characters that could not be read were replaced."
        ]


def _decode_or_fail(data: bytes, encoding: str, name: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as err:
        raise ParseError(f"{name} starts with a {encoding} marker but is not valid {encoding} text.") from err


def _looks_binary(data: bytes) -> bool:
    head = data[:_SNIFF]
    if not head:
        return False
    odd = sum(1 for byte in head if byte in _BINARY_BYTES)
    return b"\x00" in head or odd / len(head) > 0.05
