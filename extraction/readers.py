"""Reading input files into :class:`~extraction.records.SourceText`.

Supported: plain text and Markdown (``.txt``, ``.md``, ``.markdown``) in UTF-8 (with or
without BOM), UTF-16 (with or without BOM) or CP949/EUC-KR; PDF with a text layer
(``.pdf``, pages joined with form feeds ``\\f``); HTML (``.html``, ``.htm``, visible text
only). The text of a :class:`SourceText` is the "original" that every offset kg reports
points into.

Encoding detection is deterministic, in this order: a byte-order mark; the NUL-byte
pattern of BOM-less UTF-16; valid UTF-8; strict CP949 whose result reads as Korean;
charset-normalizer as a last tie-breaker for other encodings. A file that decodes to
nothing plausible raises :class:`ReadError` instead of being guessed.
"""
from __future__ import annotations

import codecs
import hashlib
import io
import logging
import os
import re
import unicodedata
from pathlib import Path
from typing import Callable, Iterable, Iterator

from .errors import KgInputError, ReadError, UnsupportedFormat
from .records import SourceText

log = logging.getLogger(__name__)

MEDIA_TYPES: dict[str, str] = {
    ".txt": "text/plain",
    ".md": "text/markdown",
    ".markdown": "text/markdown",
    ".pdf": "application/pdf",
    ".html": "text/html",
    ".htm": "text/html",
}
SUPPORTED_SUFFIXES = tuple(MEDIA_TYPES)

_ALLOWED_CONTROLS = frozenset("\t\n\r\f\v")
_REENCODE_HINT = "re-save the file as UTF-8 (e.g. `iconv -f <encoding> -t utf-8`)"


# --------------------------------------------------------------------------- listing


def media_type_for(path: str | Path) -> str | None:
    """The media type kg reads ``path`` as, or None when its suffix is unsupported."""
    return MEDIA_TYPES.get(Path(path).suffix.lower())


def iter_sources(
    paths: Iterable[str | Path] | str | Path,
    on_error: Callable[[KgInputError], None] | None = None,
) -> Iterator[Path]:
    """The supported files named by ``paths``, folders walked recursively.

    Folders are walked in sorted order, skipping hidden files and folders (names starting
    with "."). A file with an unsupported suffix is skipped with a logged warning. A path
    that does not exist raises :class:`KgInputError`. A folder inside a named folder that
    cannot be listed raises too, or, given ``on_error``, is passed to it and skipped. Each
    file is yielded once.
    """
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    seen: set[Path] = set()
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            raise KgInputError(path, "does not exist", "check the path or the current folder")
        if path.is_dir():
            yield from _walk(path, seen, on_error)
        elif _supported(path):
            key = path.resolve()
            if key not in seen:
                seen.add(key)
                yield path


def _supported(path: Path) -> bool:
    if media_type_for(path) is None:
        log.warning(
            "skipping %s: unsupported file type %r (kg reads %s)",
            path, path.suffix or "(no suffix)", ", ".join(SUPPORTED_SUFFIXES),
        )
        return False
    return True


def _walk(folder: Path, seen: set[Path], on_error: Callable[[KgInputError], None] | None = None
          ) -> Iterator[Path]:
    key = folder.resolve()
    if key in seen:  # symlink loop or folder named twice
        return
    seen.add(key)
    try:
        entries = sorted(folder.iterdir(), key=lambda p: p.name)
    except OSError as exc:
        error = KgInputError(folder, f"cannot list folder ({exc.strerror or exc})", "check its permissions")
        if on_error is None:
            raise error from exc
        on_error(error)
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir():
            yield from _walk(entry, seen, on_error)
        elif entry.is_file() and _supported(entry):
            file_key = entry.resolve()
            if file_key not in seen:
                seen.add(file_key)
                yield entry


# --------------------------------------------------------------------------- reading


def read_source(path: str | Path) -> SourceText:
    """Read one file into a :class:`SourceText` (decoded text, encoding, media type, sha256)."""
    path = Path(path)
    if not path.exists():
        raise KgInputError(path, "does not exist", "check the path or the current folder")
    if path.is_dir():
        raise KgInputError(path, "is a folder, not a file", "name a file, or use iter_sources()")
    media_type = media_type_for(path)
    if media_type is None:
        raise UnsupportedFormat(
            path, f"unsupported file type {path.suffix or '(no suffix)'!r}",
            f"convert it to one of {', '.join(SUPPORTED_SUFFIXES)}",
        )
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ReadError(path, f"cannot read file ({exc.strerror or exc})",
                        "check its permissions") from exc
    digest = hashlib.sha256(raw).hexdigest()
    if media_type == "application/pdf":
        text, encoding = _read_pdf(path, raw), "pdf"
    elif media_type == "text/html":
        text, encoding = _read_html(path, raw)
    else:
        text, encoding = decode_text(raw, path)
    log.debug("read %s: %s, %s, %d characters", path, media_type, encoding, len(text))
    return SourceText(path=str(path), text=text, encoding=encoding,
                      media_type=media_type, sha256=digest)


# --------------------------------------------------------------------------- encodings

_BOMS: tuple[tuple[bytes, str, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32"),
    (codecs.BOM_UTF8, "utf-8", "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16-be"),
)


def decode_text(raw: bytes, path: str | Path = "<bytes>") -> tuple[str, str]:
    """Decode the bytes of a text file; returns ``(text, encoding name)``.

    A BOM is stripped. Raises :class:`ReadError` when no encoding gives plausible text.
    """
    for bom, codec, name in _BOMS:
        if raw.startswith(bom):
            try:
                text = raw[len(bom):].decode(codec)
            except UnicodeDecodeError as exc:
                raise ReadError(path, f"starts with a {name} byte-order mark but is not valid "
                                f"{name} (byte {exc.start + len(bom)})", _REENCODE_HINT) from exc
            log.debug("%s: encoding %s (byte-order mark)", path, name)
            return text, name
    if not raw:
        return "", "utf-8"

    utf16 = _utf16_by_nul_pattern(raw)
    if utf16 is not None:
        try:
            text = raw.decode(utf16)
        except UnicodeDecodeError:
            text = None
        if text is not None and _plausible(text):
            log.debug("%s: encoding %s (no BOM, NUL-byte pattern)", path, utf16)
            return text, utf16

    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        damage = _utf8_damage(raw)
        if damage is not None:
            raise ReadError(path, *damage)
    else:
        if _control_count(text) <= len(text) // 100:
            log.debug("%s: encoding utf-8", path)
            return text, "utf-8"

    try:
        text = raw.decode("cp949")
    except UnicodeDecodeError:
        pass
    else:
        if _plausible_korean(text):
            log.debug("%s: encoding cp949 (strict decode, reads as Korean)", path)
            return text, "cp949"

    latin = _plausible_latin(raw)
    if latin is not None:
        log.debug("%s: encoding cp1252 (Latin letters between ASCII letters)", path)
        return latin, "cp1252"

    guess = _charset_normalizer_guess(raw)
    if guess is not None:
        text, name = guess
        log.warning("%s: encoding guessed as %s (charset-normalizer); if the text reads wrong, "
                    "re-save the file as UTF-8", path, name)
        return text, name

    for codec in ("utf-16-le", "utf-16-be"):  # BOM-less UTF-16 without ASCII characters
        if len(raw) % 2 == 0:
            try:
                text = raw.decode(codec)
            except UnicodeDecodeError:
                continue
            if _plausible_korean(text):
                log.debug("%s: encoding %s (no BOM, reads as Korean)", path, codec)
                return text, codec

    raise ReadError(
        path,
        "cannot determine the text encoding (not UTF-8, UTF-16 or CP949/EUC-KR, and no "
        "other encoding gives readable text)",
        _REENCODE_HINT,
    )


def _utf16_by_nul_pattern(raw: bytes) -> str | None:
    """UTF-16 codec suggested by NUL bytes in one byte parity only (ASCII in UTF-16)."""
    if len(raw) < 4 or len(raw) % 2:
        return None
    n = len(raw) // 2
    even_nul = raw[0::2].count(0)
    odd_nul = raw[1::2].count(0)
    if odd_nul >= max(1, n // 10) and even_nul <= n // 50:
        return "utf-16-le"
    if even_nul >= max(1, n // 10) and odd_nul <= n // 50:
        return "utf-16-be"
    return None


def _control_count(text: str) -> int:
    return sum(
        1 for ch in text
        if ch not in _ALLOWED_CONTROLS and (ch < " " or "\x7f" <= ch < "\xa0")
    )


def _plausible(text: str) -> bool:
    """Text without control characters whose characters are mostly assigned and printable."""
    if _control_count(text):
        return False
    if not text:
        return True
    odd = sum(1 for ch in text if unicodedata.category(ch) in ("Cn", "Co", "Cs"))
    return odd <= len(text) // 100


def _is_hangul_syllable(ch: str) -> bool:
    return "\uac00" <= ch <= "\ud7a3"


def _plausible_korean(text: str) -> bool:
    """Does ``text`` (decoded from a legacy encoding) read as Korean rather than mojibake?

    No control characters; at least half of the non-ASCII letters are Hangul syllables;
    and nearly all those syllables are in the common KS X 1001 set (mojibake from other
    encodings lands in CP949's rare extension syllables).
    """
    if not _plausible(text):
        return False
    letters = [ch for ch in text if ch > "\x7f" and ch.isalpha()]
    if not letters:
        return False
    hangul = [ch for ch in letters if _is_hangul_syllable(ch)]
    if len(hangul) * 2 < len(letters):
        return False
    common = 0
    for ch in hangul:
        try:
            ch.encode("euc_kr")
        except UnicodeEncodeError:
            continue
        common += 1
    return common >= 0.9 * len(hangul)


def _utf8_damage(raw: bytes) -> tuple[str, str] | None:
    """When ``raw`` is UTF-8 but for a few bytes, what is wrong and where (line, column,
    byte offset of the first bad byte) and the fix; None when it is not UTF-8 at all."""
    text = raw.decode("utf-8", errors="surrogateescape")
    bad = [i for i, ch in enumerate(text) if "\udc80" <= ch <= "\udcff"]
    multibyte = sum(1 for ch in text if ch >= "\x80" and not "\udc80" <= ch <= "\udcff")
    if not bad or multibyte < 2 * len(bad) or len(bad) > max(3, multibyte // 200):
        return None
    first = bad[0]
    offset = len(text[:first].encode("utf-8", errors="surrogateescape"))
    if first >= len(text) - 3 and all(i >= len(text) - 3 for i in bad):
        return (f"ends in the middle of a UTF-8 character (byte {offset} of {len(raw)}): the file "
                "looks cut short", "copy it again from its source, or remove the last incomplete character")
    line = text.count("\n", 0, first) + 1
    column = first - (text.rfind("\n", 0, first) + 1) + 1
    what = "one byte that is" if len(bad) == 1 else f"{len(bad)} bytes that are"
    return (f"is UTF-8 except for {what} not: the first, 0x{raw[offset]:02X}, at line {line}, "
            f"column {column} (byte {offset})", "fix or remove those bytes (the rest of the file is valid UTF-8)")


_LATIN_PUNCT = set("‘’‚“”„–—…•€£¥§°±·«»¿¡×÷")


def _plausible_latin(raw: bytes) -> str | None:
    """``raw`` decoded as Windows-1252 when it reads as Western European text: every run of
    non-ASCII bytes is one or two letters (é, ß, äö) or a punctuation mark next to ASCII
    text. East Asian encodings give long runs of non-ASCII bytes and fail this."""
    try:
        text = raw.decode("cp1252")
    except UnicodeDecodeError:
        return None
    runs = re.findall(r"[^\x00-\x7f]+", text)
    if not runs or sum(map(len, runs)) > len(text) // 5:
        return None
    for m in re.finditer(r"[^\x00-\x7f]+", text):
        run = m.group()
        if len(run) > 2 or not all(ch.isalpha() or ch in _LATIN_PUNCT for ch in run):
            return None
        near = text[max(0, m.start() - 1):m.start()] + text[m.end():m.end() + 1]
        if len(run) == 2 and not any(ch.isascii() and ch.isalpha() for ch in near):
            return None
    if _control_count(text) > len(text) // 100:
        return None
    return text


def _charset_normalizer_guess(raw: bytes) -> tuple[str, str] | None:
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - it is a declared dependency
        return None
    best = from_bytes(raw).best()
    if best is None:
        return None
    text = str(best)
    if not _plausible(text) or not text.strip():
        return None
    return text, best.encoding


# --------------------------------------------------------------------------- PDF


def _read_pdf(path: Path, raw: bytes) -> str:
    from .pdf_reader import read_pdf  # encrypted, text-less and garbled PDFs: see there

    return read_pdf(path, raw)


# --------------------------------------------------------------------------- HTML

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]+)""", re.I)
_DROP_TAGS = ("script", "style", "noscript", "template", "head", "svg", "iframe", "object",
              "canvas", "button", "select")
_BLOCK_TAGS = frozenset(
    "address article aside blockquote caption center dd details dialog div dl dt fieldset "
    "figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr li main nav ol p pre "
    "section summary table tbody thead tfoot tr ul".split()
)
_CELL_TAGS = frozenset(("td", "th"))


def _read_html(path: Path, raw: bytes) -> tuple[str, str]:
    markup, encoding = None, None
    if not any(raw.startswith(bom) for bom, _, _ in _BOMS):
        m = _META_CHARSET.search(raw[:4096])
        if m:
            declared = m.group(1).decode("ascii", "replace").lower()
            codec = "cp949" if declared in ("euc-kr", "euc_kr", "ks_c_5601-1987", "ksc5601") else declared
            try:
                markup = raw.decode(codec)
                encoding = codecs.lookup(codec).name
                log.debug("%s: encoding %s (declared by <meta charset>)", path, encoding)
            except (LookupError, UnicodeDecodeError):
                log.debug("%s: ignoring unusable <meta charset=%s>", path, declared)
                markup = None
    if markup is None:
        markup, encoding = decode_text(raw, path)
    return html_visible_text(markup), encoding


def html_visible_text(markup: str) -> str:
    """The visible text of an HTML page: one line per block element, cells tab-separated."""
    from bs4 import BeautifulSoup
    from bs4.element import (CData, Comment, Declaration, Doctype, NavigableString,
                             ProcessingInstruction, Tag)

    soup = BeautifulSoup(markup, "html.parser")
    for tag in soup.find_all(_DROP_TAGS):
        tag.decompose()
    for tag in soup.find_all(True):
        if tag.decomposed:
            continue
        style = (tag.get("style") or "").replace(" ", "").lower() if tag.attrs else ""
        if tag.has_attr("hidden") or "display:none" in style or "visibility:hidden" in style:
            tag.decompose()

    skip = (Comment, Declaration, Doctype, ProcessingInstruction, CData)
    parts: list[str] = []
    stack: list[tuple[object, bool]] = [(soup, False)]
    pre_depth = 0
    while stack:
        node, closing = stack.pop()
        if closing:
            name = node.name
            if name == "pre":
                pre_depth -= 1
            if name in _BLOCK_TAGS:
                parts.append("\n")
            elif name in _CELL_TAGS:
                parts.append("\t")
            continue
        if isinstance(node, NavigableString):
            if isinstance(node, skip):
                continue
            s = str(node)
            parts.append(s if pre_depth else re.sub(r"\s+", " ", s))
            continue
        if not isinstance(node, Tag):
            continue
        name = node.name
        if name == "br":
            parts.append("\n")
            continue
        if name in _BLOCK_TAGS:
            parts.append("\n")
        if name == "pre":
            pre_depth += 1
        stack.append((node, True))
        for child in reversed(list(node.children)):
            stack.append((child, False))

    lines = []
    for line in "".join(parts).split("\n"):
        line = line.strip(" \t\r\f\v\u00a0")
        line = re.sub(r"[ \u00a0]*\t[ \t\u00a0]*", "\t", line)
        if line:
            lines.append(line)
    return "\n".join(lines)


__all__ = [
    "MEDIA_TYPES", "SUPPORTED_SUFFIXES", "decode_text", "html_visible_text",
    "iter_sources", "media_type_for", "read_source",
]
