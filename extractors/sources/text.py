"""Plain text and Markdown: decoded, never altered, so offsets point into the source.

UTF-8 (with or without BOM) first, UTF-16 with a BOM, then a single-byte
fallback: Windows-1251 when the bytes read as Cyrillic words, else
Windows-1252. Binary content is refused rather than decoded into noise.
"""
from __future__ import annotations

import codecs
import re

from extractors.sources import SourceError, SourceText

CYRILLIC = re.compile(r"[\u0400-\u04FF]")
LATIN_LETTER = re.compile(r"[A-Za-z\u00C0-\u00FF]")


def looks_binary(data: bytes) -> bool:
    """NUL bytes or many control characters: not a text file, whatever its name says."""
    sample = data[:65536]
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return controls > len(sample) * 0.02


def decode(data: bytes) -> tuple[str, str]:
    """(text, encoding name) for the bytes of a text file."""
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8):].decode("utf-8", errors="strict"), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16"), "utf-16"
    if looks_binary(data):
        raise SourceError("binary content: this file is not text (wrong extension or corrupt)")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    for encoding in ("cp1251", "cp1252"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if encoding == "cp1252" or _reads_as_cyrillic(text, data):
            return text, encoding
    raise SourceError("undecodable text: not UTF-8, Windows-1251 or Windows-1252")


def _reads_as_cyrillic(text: str, data: bytes) -> bool:
    """Windows-1251 bytes decode to Cyrillic letters that outnumber accented Latin ones."""
    cyrillic = len(CYRILLIC.findall(text))
    high_letters = sum(1 for b in data if b >= 0xC0)
    return cyrillic > 0 and cyrillic >= high_letters * 0.9 and cyrillic > len(LATIN_LETTER.findall(text)) * 0.2


def read_text(data: bytes, media_type: str) -> SourceText:
    text, encoding = decode(data)
    if not text.strip():
        raise SourceError("empty document: no text after decoding")
    warnings = () if encoding.startswith("utf") else (f"decoded as {encoding} (not valid UTF-8)",)
    return SourceText(text=text, media_type=media_type, encoding=encoding, warnings=warnings)
