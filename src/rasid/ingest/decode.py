"""Turn the bytes of a file into text: detect the encoding, refuse what is not text.

UTF-8 (with or without BOM), UTF-16/32 (BOM, or NUL-byte pattern) and Windows-1256 are read;
Windows-1256 is accepted only when the decoded text is mostly Arabic letters, which
charset-normalizer must agree with — not guessed blindly.  Everything else is an
:class:`~rasid.errors.InputError` with a reason a person can act on.
"""

from __future__ import annotations

import codecs
import unicodedata

from rasid.errors import InputError

DEFAULT_MAX_BYTES = 10 * 1024 * 1024

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"RIFF", "a RIFF (WebP/WAV/AVI) file"),
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or DOCX/XLSX)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\x7fELF", "an executable"),
    (b"BZh", "a bzip2 archive"),
    (b"\xfd7zXZ", "an xz archive"),
    (b"SQLite format 3", "an SQLite database"),
)

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

_ARABIC_ENCODINGS = {"cp1256", "windows-1256", "iso8859_6", "cp864", "mac_arabic", "cp720"}


def _size(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MB" if n >= 1024 * 1024 else f"{n} bytes"


def _control_share(text: str) -> float:
    if not text:
        return 0.0
    sample = text[:20000]
    bad = sum(1 for ch in sample if unicodedata.category(ch) == "Cc" and ch not in "\n\r\t\f\v")
    return bad / len(sample)


def _arabic_share(text: str) -> float:
    letters = [ch for ch in text[:20000] if ch.isalpha()]
    if not letters:
        return 0.0
    return sum(1 for ch in letters if "\u0600" <= ch <= "\u06ff") / len(letters)


def _check_text(text: str, where: str, encoding: str) -> str:
    if _control_share(text) > 0.01:
        raise InputError(where, f"binary content (control characters after decoding as {encoding})")
    if not text.strip():
        raise InputError(where, "empty: no text after decoding")
    return text


def _utf16_without_bom(head: bytes) -> str | None:
    """UTF-16 shows as a column of high bytes: 0x00 for ASCII, 0x06 for Arabic."""
    high = {0x00, 0x06}
    half = len(head) // 2
    if not half or len(head) % 2:
        head = head[: half * 2]
    for encoding, column in (("utf-16-le", head[1::2]), ("utf-16-be", head[0::2])):
        if half and sum(1 for b in column if b in high) > 0.9 * half:
            return encoding
    return None


def decode_bytes(data: bytes, where: str, max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[str, str]:
    """Return ``(text, encoding)`` or raise :class:`InputError` naming ``where``."""
    if len(data) > max_bytes:
        raise InputError(
            where,
            f"file is {_size(len(data))}, over the {_size(max_bytes)} limit for one article "
            "(raise it with --max-bytes, or ingest a corpus file instead)",
        )
    if not data.strip():
        raise InputError(where, "empty file")
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise InputError(where, f"binary file: looks like {what}, not text")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return _check_text(data[len(bom):].decode(encoding), where, encoding), encoding
            except UnicodeDecodeError as exc:
                raise InputError(where, f"invalid {encoding} after its byte-order mark at byte {exc.start}") from exc
    if b"\x00" in data[:4096]:
        encoding16 = _utf16_without_bom(data[:4096])
        if encoding16:
            try:
                return _check_text(data.decode(encoding16), where, encoding16), encoding16
            except UnicodeDecodeError:
                pass
        raise InputError(where, "binary file: contains NUL bytes and is not UTF-16")
    try:
        return _check_text(data.decode("utf-8"), where, "utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        if exc.reason == "unexpected end of data" and exc.end == len(data):
            raise InputError(
                where, f"truncated UTF-8: the file ends inside a character at byte {exc.start}"
            ) from exc
        utf8_error = exc
    return decode_legacy_arabic(data, where, utf8_error)


def decode_legacy_arabic(data: bytes, where: str, utf8_error: UnicodeDecodeError) -> tuple[str, str]:
    import charset_normalizer

    try:
        text = data.decode("cp1256")
    except UnicodeDecodeError:
        text = ""
    guess = charset_normalizer.from_bytes(data[:200_000]).best()
    guessed = (guess.encoding if guess is not None else "").lower()
    if text and _arabic_share(text) >= 0.5 and (guessed in _ARABIC_ENCODINGS or _arabic_share(text) >= 0.8):
        return _check_text(text, where, "windows-1256"), "windows-1256"
    if text and _arabic_share(text) >= 0.5 and len(data) < 4096:
        # too short for charset detection to be sure (one JSONL line): Arabic letters decide
        return _check_text(text, where, "windows-1256"), "windows-1256"
    detail = f"; charset detection suggests {guessed}" if guessed else ""
    raise InputError(
        where,
        f"not valid UTF-8 (bad byte at {utf8_error.start}) and not Arabic Windows-1256 text{detail}",
    )
