"""The text layer of a PDF (pypdf), and what to say when there is none to read.

* Encrypted PDFs: one with an empty user password (only an owner password, restricting
  printing or copying) opens and is read, RC4 or AES (pypdf needs the ``cryptography``
  package for AES, a declared dependency); one that needs a user password is an error that
  says so and how to decrypt it; AES without ``cryptography`` says to install it.
* No text at all: "no text layer, run OCR" only when pages were read and held no text;
  when every page failed to extract, the error gives pypdf's reason instead.
* Garbled text: a font without a Unicode map gives glyph ids or glyph names instead of
  characters. :func:`unreadable_share` counts the characters that cannot be text of kg's
  documents (controls, private-use and unassigned code points, replacement characters,
  leftover glyph names such as ``/g12``, and scripts a Korean report about China does not
  use, where low glyph ids of a subset font land); above :data:`GARBLED_SHARE` the reader
  logs a warning with the share.

Pages are joined with form feeds (``\\f``).
"""
from __future__ import annotations

import io
import logging
import re
import unicodedata
from pathlib import Path

from .errors import ReadError

log = logging.getLogger(__name__)

GARBLED_SHARE = 0.2
_GLYPH_NAMES = re.compile(r"(?:/[A-Za-z][A-Za-z0-9._]*)+")
# blocks the text of kg's documents is written in (Korean, Chinese, Latin and pinyin tone marks,
# Greek letters, punctuation, symbols, CJK forms); a character outside them counts as unreadable
_READABLE_BLOCKS = (
    (0x0020, 0x007E), (0x00A0, 0x00FF), (0x0370, 0x03FF), (0x1100, 0x11FF), (0x2000, 0x2029),
    (0x202F, 0x2065), (0x2070, 0x2BFF), (0x2E80, 0x2FDF), (0x3000, 0x33FF), (0x3400, 0x4DBF),
    (0x4E00, 0x9FFF), (0xA960, 0xA97F), (0xAC00, 0xD7FF), (0xF900, 0xFAFF), (0xFE10, 0xFE1F),
    (0xFE30, 0xFE6F), (0xFF00, 0xFFEF), (0x1F100, 0x1F1FF), (0x20000, 0x2FA1F),
)
_WHITESPACE = frozenset(" \t\n\r\f\v\u00a0\u3000")
# from Latin Extended only the letters of pinyin with tone marks (glyph ids of a subset font
# land all over Latin Extended)
_PINYIN = frozenset("āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜĀÁǍÀĒÉĚÈĪÍǏÌŌÓǑÒŪÚǓÙǕǗǙǛ")


def _readable(ch: str) -> bool:
    if ch in _WHITESPACE or ch in _PINYIN:
        return True
    cp = ord(ch)
    if not any(lo <= cp <= hi for lo, hi in _READABLE_BLOCKS):
        return False
    return unicodedata.category(ch) not in ("Cc", "Co", "Cn", "Cs") and ch != "\ufffd"


def unreadable_share(text: str) -> float:
    """The share of ``text``'s non-space characters that cannot be document text (see the
    module docstring); 0.0 for text without any."""
    names = sum(len(m.group()) for m in _GLYPH_NAMES.finditer(text) if re.search(r"\d", m.group()))
    rest = _GLYPH_NAMES.sub(lambda m: "" if re.search(r"\d", m.group()) else m.group(), text)
    total = names + sum(1 for ch in rest if not ch.isspace())
    if not total:
        return 0.0
    return (names + sum(1 for ch in rest if not ch.isspace() and not _readable(ch))) / total


def read_pdf(path: Path, raw: bytes) -> str:
    """The text of the PDF ``raw`` (read from ``path``, named in messages), pages joined by
    form feeds; :class:`ReadError` for an encrypted, damaged or text-less PDF."""
    try:
        from pypdf import PdfReader
        from pypdf.errors import DependencyError, FileNotDecryptedError, PdfReadError
    except ImportError as exc:  # pragma: no cover - declared dependency
        raise ReadError(path, "reading PDF needs the pypdf package", "pip install pypdf") from exc
    needs_crypto = ReadError(path, "PDF is AES-encrypted and reading it needs the cryptography package",
                             "pip install cryptography (a dependency of kg)")
    try:
        reader = PdfReader(io.BytesIO(raw))
        if reader.is_encrypted:
            try:
                opened = reader.decrypt("")
            except DependencyError as exc:
                raise needs_crypto from exc
            except (PdfReadError, NotImplementedError, ValueError) as exc:
                raise ReadError(path, f"PDF is encrypted in a way pypdf cannot open ({_first_line(exc)})",
                                "decrypt it first (e.g. `qpdf --password=PASSWORD --decrypt in.pdf out.pdf`)") from exc
            if not opened:
                raise ReadError(path, "PDF is encrypted with a password that is needed to open it",
                                "decrypt it with the password first (e.g. "
                                "`qpdf --password=PASSWORD --decrypt in.pdf out.pdf`)")
            log.info("%s: encrypted PDF opened without a password (owner password only)", path)
        pages: list[str] = []
        failures: list[str] = []
        for number, page in enumerate(reader.pages, start=1):
            try:
                pages.append(page.extract_text() or "")
            except DependencyError as exc:
                raise needs_crypto from exc
            except Exception as exc:  # a broken page should not lose the document
                log.warning("%s: page %d has no readable text (%s)", path, number, _first_line(exc))
                failures.append(_first_line(exc))
                pages.append("")
    except ReadError:
        raise
    except DependencyError as exc:
        raise needs_crypto from exc
    except FileNotDecryptedError as exc:
        raise ReadError(path, "PDF is encrypted with a password that is needed to open it",
                        "decrypt it with the password first (e.g. "
                        "`qpdf --password=PASSWORD --decrypt in.pdf out.pdf`)") from exc
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise ReadError(path, f"not a readable PDF ({_first_line(exc)})",
                        "check that the file is a complete PDF") from exc
    text = "\f".join(pages)
    if sum(1 for ch in text if ch.isalnum()) == 0:
        if failures and len(failures) == len(pages):
            raise ReadError(path, f"the text of its {len(pages)} page(s) could not be extracted "
                            f"({failures[0]})", "check that the file is a complete PDF")
        raise ReadError(path, f"PDF has no text layer ({len(pages)} page(s) without text)",
                        "run OCR first (e.g. `ocrmypdf --language kor in.pdf out.pdf`)")
    share = unreadable_share(text)
    if share >= GARBLED_SHARE:
        log.warning("%s: %.0f%% of the PDF's text is unreadable characters (fonts without a Unicode "
                    "map: glyphs came out as codes); entities in it will be missed — run OCR on it "
                    "(e.g. `ocrmypdf --force-ocr --language kor in.pdf out.pdf`)", path, share * 100)
    return text


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


__all__ = ["GARBLED_SHARE", "read_pdf", "unreadable_share"]
