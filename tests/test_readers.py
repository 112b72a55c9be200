"""Reading files: encodings, PDF, HTML, folder walking and input errors."""
from __future__ import annotations

import hashlib
import io
import logging
from pathlib import Path

import pytest

from extraction.errors import KgInputError, ReadError, UnsupportedFormat
from extraction.readers import decode_text, html_visible_text, iter_sources, read_source

KOREAN = (
    "◼ 선전시, 로봇 산업 육성 위해 50 억 위안 펀드 조성\n\n"
    "선전시 정부는 휴머노이드 로봇 기업을 지원하기 위해 전용 펀드를 조성한다고 밝혔다. "
    "유비테크(优必选)와 같은 기업이 주요 투자 대상이다.\n"
)
KOREAN_KS = (  # only KS X 1001 characters (no simplified Chinese), encodable in CP949
    "■ 선전시, 로봇 산업 육성 위해 50 억 위안 펀드 조성\n\n"
    "선전시 정부는 휴머노이드 로봇 기업을 지원하기 위해 전용 펀드를 조성한다고 밝혔다.\n"
)


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    p = tmp_path / name
    p.write_bytes(data)
    return p


# --------------------------------------------------------------------------- encodings


@pytest.mark.parametrize("codec,bom,expected", [
    ("utf-8", b"", "utf-8"),
    ("utf-8", b"\xef\xbb\xbf", "utf-8-sig"),
    ("utf-16-le", b"\xff\xfe", "utf-16-le"),
    ("utf-16-be", b"\xfe\xff", "utf-16-be"),
    ("utf-16-le", b"", "utf-16-le"),
    ("utf-16-be", b"", "utf-16-be"),
])
def test_unicode_encodings(tmp_path, codec, bom, expected):
    path = write(tmp_path, "a.txt", bom + KOREAN.encode(codec))
    src = read_source(path)
    assert src.text == KOREAN            # BOM stripped, nothing else changed
    assert src.encoding == expected
    assert src.media_type == "text/plain"


@pytest.mark.parametrize("codec", ["cp949", "euc-kr"])
def test_cp949_and_euc_kr(tmp_path, codec):
    path = write(tmp_path, "b.txt", KOREAN_KS.encode(codec))
    src = read_source(path)
    assert src.text == KOREAN_KS
    assert src.encoding == "cp949"


def test_cp949_extension_syllables(tmp_path):
    text = "똠방각하와 햏자의 뷁 이야기는 인터넷 문화다.\n"   # CP949-only syllables
    src = read_source(write(tmp_path, "c.txt", text.encode("cp949")))
    assert src.text == text and src.encoding == "cp949"


def test_crlf_kept_in_original(tmp_path):
    src = read_source(write(tmp_path, "d.txt", "첫 줄\r\n둘째 줄\r\n".encode("utf-8")))
    assert src.text == "첫 줄\r\n둘째 줄\r\n"


def test_sha256_of_raw_bytes(tmp_path):
    raw = b"\xef\xbb\xbf" + KOREAN.encode("utf-8")
    src = read_source(write(tmp_path, "e.md", raw))
    assert src.sha256 == hashlib.sha256(raw).hexdigest()
    assert src.media_type == "text/markdown"


def test_undecodable_bytes_raise_read_error(tmp_path):
    raw = bytes(range(1, 32)) * 8 + b"\xff\xfe\xfd\x80\x81"
    with pytest.raises(ReadError) as info:
        read_source(write(tmp_path, "bad.txt", raw))
    err = info.value
    assert isinstance(err, KgInputError)
    assert err.path.endswith("bad.txt")
    assert "encoding" in str(err) and "UTF-8" in str(err)


def test_decode_text_logs_the_choice(caplog):
    with caplog.at_level(logging.DEBUG, logger="extraction.readers"):
        text, enc = decode_text(KOREAN_KS.encode("cp949"), "x.txt")
    assert enc == "cp949" and text == KOREAN_KS
    assert any("cp949" in r.getMessage() for r in caplog.records)


def test_empty_file(tmp_path):
    src = read_source(write(tmp_path, "empty.txt", b""))
    assert src.text == "" and src.encoding == "utf-8"


# --------------------------------------------------------------------------- PDF


def make_pdf(pages: list[list[str]]) -> bytes:
    """A minimal PDF with an ASCII text layer (Helvetica), one list of lines per page."""
    objs: dict[int, bytes] = {}
    kids = [4 + 2 * i for i in range(len(pages))]
    objs[1] = b"<< /Type /Catalog /Pages 2 0 R >>"
    objs[2] = ("<< /Type /Pages /Kids [%s] /Count %d >>"
               % (" ".join(f"{k} 0 R" for k in kids), len(pages))).encode()
    objs[3] = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
    for k, lines in zip(kids, pages):
        body = "".join(f"({line}) Tj T* " for line in lines)
        stream = f"BT /F1 12 Tf 72 720 Td 14 TL {body}ET".encode() if lines else b""
        objs[k] = (f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
                   f"/Resources << /Font << /F1 3 0 R >> >> /Contents {k + 1} 0 R >>").encode()
        objs[k + 1] = b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream"
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = {}
    for i in sorted(objs):
        offsets[i] = out.tell()
        out.write(b"%d 0 obj\n" % i + objs[i] + b"\nendobj\n")
    xref = out.tell()
    size = max(objs) + 1
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % size)
    for i in range(1, size):
        out.write(b"%010d 00000 n \n" % offsets[i])
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (size, xref))
    return out.getvalue()


def test_pdf_pages_joined_with_form_feed(tmp_path):
    path = write(tmp_path, "r.pdf", make_pdf([["Huawei opens a lab", "in Shenzhen."], ["Page two text"]]))
    src = read_source(path)
    assert src.media_type == "application/pdf"
    assert src.text.count("\f") == 1
    first, second = src.text.split("\f")
    assert "Huawei opens a lab" in first and "Shenzhen" in first
    assert "Page two text" in second


def test_pdf_without_text_layer(tmp_path):
    path = write(tmp_path, "scan.pdf", make_pdf([[], []]))
    with pytest.raises(ReadError, match="no text layer.*OCR"):
        read_source(path)


def test_encrypted_pdf(tmp_path):
    from pypdf import PdfWriter

    writer = PdfWriter(clone_from=io.BytesIO(make_pdf([["secret report"]])))
    writer.encrypt(user_password="pw", algorithm="RC4-128")
    buf = io.BytesIO()
    writer.write(buf)
    with pytest.raises(ReadError, match="encrypted"):
        read_source(write(tmp_path, "locked.pdf", buf.getvalue()))


def test_broken_pdf(tmp_path):
    with pytest.raises(ReadError):
        read_source(write(tmp_path, "broken.pdf", b"%PDF-1.4\nthis is not a pdf"))


# --------------------------------------------------------------------------- HTML

HTML = """<!DOCTYPE html>
<html><head><title>무시되는 제목</title><style>p {color: red}</style>
<script>var x = "스크립트";</script></head>
<body>
<h1>화웨이, 새 AI 칩 공개</h1>
<p>화웨이(华为)는 <b>어센드</b> 칩을
   공개했다.</p>
<div style="display:none">숨은 글</div>
<ul><li>첫째 항목</li><li>둘째 항목</li></ul>
<table><tr><th>기업</th><th>도시</th></tr><tr><td>화웨이</td><td>선전</td></tr></table>
<!-- 주석 -->
</body></html>"""


def test_html_visible_text(tmp_path):
    src = read_source(write(tmp_path, "p.html", HTML.encode("utf-8")))
    assert src.media_type == "text/html"
    lines = src.text.split("\n")
    assert lines[0] == "화웨이, 새 AI 칩 공개"
    assert "화웨이(华为)는 어센드 칩을 공개했다." in lines
    assert "첫째 항목" in lines and "둘째 항목" in lines
    assert "기업\t도시" in lines and "화웨이\t선전" in lines
    for hidden in ("스크립트", "color", "무시되는", "숨은 글", "주석"):
        assert hidden not in src.text


def test_html_meta_charset_euc_kr(tmp_path):
    page = '<html><head><meta charset="euc-kr"></head><body><p>베이징 이좡 로봇 산업단지</p></body></html>'
    src = read_source(write(tmp_path, "k.htm", page.encode("cp949")))
    assert src.text == "베이징 이좡 로봇 산업단지"


def test_html_br_and_blocks():
    assert html_visible_text("<p>가<br>나</p><div>다</div>") == "가\n나\n다"


# --------------------------------------------------------------------------- listing and errors


def test_iter_sources_walks_sorted_and_skips(tmp_path, caplog):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.md").write_text("z", encoding="utf-8")
    (tmp_path / "a.txt").write_text("a", encoding="utf-8")
    (tmp_path / "c.docx").write_bytes(b"PK")
    (tmp_path / ".hidden.txt").write_text("h", encoding="utf-8")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.txt").write_text("x", encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="extraction.readers"):
        found = list(iter_sources([tmp_path]))
    assert [p.relative_to(tmp_path).as_posix() for p in found] == ["a.txt", "b/z.md"]
    assert any("c.docx" in r.getMessage() and "unsupported" in r.getMessage() for r in caplog.records)


def test_iter_sources_named_files_once(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("a", encoding="utf-8")
    assert list(iter_sources([f, tmp_path, str(f)])) == [f]
    assert list(iter_sources(f)) == [f]


def test_iter_sources_missing_path(tmp_path):
    with pytest.raises(KgInputError, match="does not exist"):
        list(iter_sources([tmp_path / "nope"]))


def test_read_source_errors(tmp_path):
    with pytest.raises(KgInputError, match="does not exist"):
        read_source(tmp_path / "missing.txt")
    with pytest.raises(KgInputError, match="folder"):
        read_source(tmp_path)
    doc = write(tmp_path, "x.docx", b"PK")
    with pytest.raises(UnsupportedFormat) as info:
        read_source(doc)
    assert ".txt" in str(info.value)


def test_errors_pickle():
    import pickle

    err = ReadError("a.txt", "bad bytes", "re-save it")
    again = pickle.loads(pickle.dumps(err))
    assert isinstance(again, ReadError) and str(again) == str(err) and again.path == "a.txt"
