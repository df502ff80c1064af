"""Plain text and Markdown: decoded, never altered, so offsets point into the source.

UTF-8 (with or without BOM) first, UTF-16 with a BOM, then a single-byte
fallback: Windows-1251 when the bytes read as Cyrillic words, else
Windows-1252. Binary content is refused rather than decoded into noise.

Text that is almost all valid in its encoding (a stray Latin-1 byte in a
UTF-8 report, a UTF-16 file cut one byte short) is decoded with U+FFFD for
each bad sequence, one character per sequence, and the count goes into the
document's warnings; the stored text is then what offsets point into. Text
with more damage than ``MAX_REPLACED`` is refused with where the first bad
byte is.
"""
from __future__ import annotations

import codecs
import re

from extractors.sources import SourceError, SourceText

CYRILLIC = re.compile(r"[\u0400-\u04FF]")
LATIN_LETTER = re.compile(r"[A-Za-z\u00C0-\u00FF]")
MAX_REPLACED = 0.01  # of the decoded characters: beyond this the file is damaged, not slightly off


def looks_binary(data: bytes) -> bool:
    """NUL bytes or many control characters: not a text file, whatever its name says."""
    sample = data[:65536]
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return controls > len(sample) * 0.02


def _problem(err: UnicodeDecodeError, encoding: str, skipped: int) -> str:
    """What is wrong with the bytes, in words, with the offset in the file."""
    offset = err.start + skipped
    if encoding == "utf-16":
        if err.reason == "truncated data" and (len(err.object) % 2):
            return f"not valid UTF-16: odd number of bytes ({len(err.object) + skipped})"
        return f"not valid UTF-16: unpaired surrogate at offset {offset}"
    after_bom = " after a UTF-8 BOM" if skipped else ""
    return f"not valid UTF-8: invalid byte 0x{err.object[err.start]:02X} at offset {offset}{after_bom}"


def _decode_mostly(data: bytes, encoding: str, skipped: int) -> tuple[str, str | None]:
    """(text, warning when characters were replaced); raises SourceError when more than a sliver is undecodable."""
    try:
        return data.decode(encoding), None
    except UnicodeDecodeError as err:
        first = _problem(err, encoding, skipped)
    text = data.decode(encoding, errors="replace")
    replaced = text.count("\ufffd") - data.decode(encoding, errors="ignore").count("\ufffd")
    if replaced > max(1, len(text) * MAX_REPLACED):
        raise SourceError(f"{first} ({replaced:,} bad sequences in all)")
    plural = "s" if replaced > 1 else ""
    return text, f"{replaced} undecodable byte sequence{plural} replaced with U+FFFD (the first: {first})"


def _utf8_dominates(data: bytes) -> bool:
    """Valid multi-byte UTF-8 characters outnumber the invalid bytes: a UTF-8 file with damage,
    not a single-byte file (which has no valid multi-byte sequences at all, or a few by chance)."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    return sum(1 for ch in text if ch > "\x7f" and ch != "\ufffd") > bad


def decode(data: bytes) -> tuple[str, str, str | None]:
    """(text, encoding name, warning if characters were replaced) for the bytes of a text file."""
    if data.startswith(codecs.BOM_UTF8):
        text, warning = _decode_mostly(data[len(codecs.BOM_UTF8):], "utf-8", len(codecs.BOM_UTF8))
        return text, "utf-8-sig", warning
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text, warning = _decode_mostly(data, "utf-16", 0)
        return text, "utf-16", warning
    if looks_binary(data):
        raise SourceError("binary content: this file is not text (wrong extension or corrupt)")
    try:
        return data.decode("utf-8"), "utf-8", None
    except UnicodeDecodeError:
        pass
    if _utf8_dominates(data):
        text, warning = _decode_mostly(data, "utf-8", 0)
        return text, "utf-8", warning
    for encoding in ("cp1251", "cp1252"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if encoding == "cp1252" or _reads_as_cyrillic(text, data):
            return text, encoding, None
    raise SourceError("undecodable text: not UTF-8, Windows-1251 or Windows-1252")


def _reads_as_cyrillic(text: str, data: bytes) -> bool:
    """Windows-1251 bytes decode to Cyrillic letters that outnumber accented Latin ones."""
    cyrillic = len(CYRILLIC.findall(text))
    high_letters = sum(1 for b in data if b >= 0xC0)
    return cyrillic > 0 and cyrillic >= high_letters * 0.9 and cyrillic > len(LATIN_LETTER.findall(text)) * 0.2


def read_text(data: bytes, media_type: str) -> SourceText:
    text, encoding, replaced = decode(data)  # replaced: a warning saying how many characters were
    if not text.strip():
        raise SourceError("empty document: no text after decoding")
    warnings = [] if encoding.startswith("utf") else [f"decoded as {encoding} (not valid UTF-8)"]
    return SourceText(text=text, media_type=media_type, encoding=encoding,
                      warnings=(*warnings, *([replaced] if replaced else [])))
