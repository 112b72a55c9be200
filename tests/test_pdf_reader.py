"""PDFs that cannot simply be read: encrypted ones (AES and RC4, owner password only or a
user password), ones whose every page fails, and ones whose text comes out as glyph codes.
The PDFs are generated here with pypdf."""
from __future__ import annotations

import io
import logging
import tomllib
from pathlib import Path

import pytest
from pypdf import PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, NameObject, NumberObject, StreamObject, TextStringObject

from extraction.errors import ReadError
from extraction.pdf_reader import GARBLED_SHARE, unreadable_share
from extraction.readers import read_source

from .conftest import REPO

TEXT = "Huawei opens a research lab in Shenzhen"
HELVETICA = {"/Type": "/Font", "/Subtype": "/Type1", "/BaseFont": "/Helvetica"}


def _obj(value):
    if isinstance(value, dict):
        return DictionaryObject({NameObject(k): _obj(v) for k, v in value.items()})
    if isinstance(value, list):
        return ArrayObject([_obj(v) for v in value])
    if isinstance(value, int):
        return NumberObject(value)
    if isinstance(value, str) and value.startswith("/"):
        return NameObject(value)
    return TextStringObject(value)


def make_pdf(contents: list[bytes], font: dict = HELVETICA, **encrypt) -> bytes:
    """One page per content stream, all with font /F1; ``encrypt`` goes to PdfWriter.encrypt."""
    w = PdfWriter()
    font_ref = w._add_object(_obj(font))
    for content in contents:
        page = w.add_blank_page(612, 792)
        page[NameObject("/Resources")] = _obj({"/Font": {}})
        page["/Resources"]["/Font"][NameObject("/F1")] = font_ref
        stream = StreamObject()
        stream.set_data(content)
        page[NameObject("/Contents")] = w._add_object(stream)
    if encrypt:
        w.encrypt(**encrypt)
    buf = io.BytesIO()
    w.write(buf)
    return buf.getvalue()


def text_page(text: str) -> bytes:
    return f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode("latin-1")


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


# --------------------------------------------------------------------------- encryption


def test_cryptography_is_a_dependency():
    """pypdf reads AES-encrypted PDFs only with the cryptography package."""
    meta = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    assert any(d.split(">")[0].split("=")[0].strip() == "cryptography" for d in meta["project"]["dependencies"])


@pytest.mark.parametrize("algorithm", ["RC4-128", "AES-128", "AES-256"])
def test_owner_password_only_pdf_is_read(tmp_path, algorithm):
    data = make_pdf([text_page(TEXT), text_page("Second page")], user_password="", owner_password="owner",
                    algorithm=algorithm)
    src = read_source(write(tmp_path, f"owner-{algorithm}.pdf", data))
    assert TEXT in src.text and "Second page" in src.text.split("\f")[1]


@pytest.mark.parametrize("algorithm", ["RC4-128", "AES-256"])
def test_user_password_pdf_says_it_needs_the_password(tmp_path, algorithm):
    data = make_pdf([text_page(TEXT)], user_password="secret", owner_password="owner", algorithm=algorithm)
    path = write(tmp_path, "locked.pdf", data)
    with pytest.raises(ReadError) as info:
        read_source(path)
    message = str(info.value)
    assert "locked.pdf" in message and "encrypted with a password" in message and "--password" in message
    assert "OCR" not in message and "\n" not in message


def test_aes_without_cryptography_says_what_to_install(tmp_path, monkeypatch):
    """pypdf without an AES provider raises DependencyError: one line saying what to install."""
    import pypdf._encryption as enc
    from pypdf._crypt_providers import _fallback

    path = write(tmp_path, "aes.pdf", make_pdf([text_page(TEXT)], user_password="", owner_password="o",
                                               algorithm="AES-128"))
    for name in ("CryptAES", "aes_cbc_decrypt", "aes_ecb_decrypt"):
        monkeypatch.setattr(enc, name, getattr(_fallback, name))
    with pytest.raises(ReadError, match="needs the cryptography package"):
        read_source(path)


def test_pages_that_all_fail_are_not_called_a_missing_text_layer(tmp_path, monkeypatch):
    from pypdf import PageObject

    def broken(self, *args, **kwargs):
        raise ValueError("unsupported filter /JBIG3")

    monkeypatch.setattr(PageObject, "extract_text", broken)
    with pytest.raises(ReadError) as info:
        read_source(write(tmp_path, "odd.pdf", make_pdf([text_page(TEXT)])))
    assert "could not be extracted" in str(info.value) and "JBIG3" in str(info.value)
    assert "OCR" not in str(info.value)


def test_a_scanned_pdf_still_says_run_ocr(tmp_path):
    with pytest.raises(ReadError, match="no text layer.*OCR"):
        read_source(write(tmp_path, "scan.pdf", make_pdf([b"", b""])))


# --------------------------------------------------------------------------- garbled text


IDENTITY_FONT = {  # a CID font without a ToUnicode map: glyph ids come out as code points
    "/Type": "/Font", "/Subtype": "/Type0", "/BaseFont": "/SubsetKR", "/Encoding": "/Identity-H",
    "/DescendantFonts": [{"/Type": "/Font", "/Subtype": "/CIDFontType2", "/BaseFont": "/SubsetKR",
                          "/CIDSystemInfo": {"/Registry": "Adobe", "/Ordering": "Identity", "/Supplement": 0}}],
}
NAMED_GLYPHS_FONT = dict(HELVETICA, **{"/Encoding": {"/Type": "/Encoding",
                                                     "/Differences": [65] + [f"/g{i}" for i in range(26)]}})


def glyph_page(ids: list[int]) -> bytes:
    return b"BT /F1 12 Tf 72 720 Td <" + "".join(f"{i:04x}" for i in ids).encode() + b"> Tj ET"


def test_unmapped_cid_glyphs_give_a_warning_with_the_share(tmp_path, caplog):
    ids = [(37 * k) % 900 + 20 for k in range(300)]  # low glyph ids, as in a subset font
    path = write(tmp_path, "garbled.pdf", make_pdf([glyph_page(ids[:150]), glyph_page(ids[150:])], IDENTITY_FONT))
    with caplog.at_level(logging.WARNING):
        read_source(path)
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1, warnings
    assert "garbled.pdf" in warnings[0] and "% of the PDF's text is unreadable" in warnings[0]
    share = int(warnings[0].split(": ")[1].split("%")[0])
    assert 50 <= share <= 100


def test_leftover_glyph_names_give_a_warning(tmp_path, caplog):
    path = write(tmp_path, "names.pdf", make_pdf([text_page("ABCDEFGHIJ KLMNOP QRSTUV")], NAMED_GLYPHS_FONT))
    with caplog.at_level(logging.WARNING):
        read_source(path)
    assert any("unreadable" in r.getMessage() for r in caplog.records)


def test_a_readable_pdf_gives_no_warning(tmp_path, caplog):
    with caplog.at_level(logging.WARNING):
        read_source(write(tmp_path, "fine.pdf", make_pdf([text_page(TEXT)])))
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]


@pytest.mark.parametrize("text", [
    "화웨이는 선전에 연구소를 세웠다. 华为技术有限公司 (Huawei) — 2024년 3월, 매출 12.5% 증가 ◼ ①",
    "Zhōngguāncūn 中关村 α-β 테스트 “인용” ※ 〈표 1〉 ＡＩ",
])
def test_document_text_is_readable(text):
    assert unreadable_share(text) < GARBLED_SHARE / 4


@pytest.mark.parametrize("text", [
    "\u0102\u0304\u0506\u0708\u090a\u0b0c\u0d0e\u0f10",  # glyph ids read as code points
    "/g0/g1/g2/g3/g4 /g10/g11",
    "\ue001\ue002\ufffd\ufffd abc",
])
def test_garbage_is_unreadable(text):
    assert unreadable_share(text) >= 0.5
