import codecs
import re
from pathlib import Path

import pytest

from extractors.sources import SourceError, read_source
from tests.pdfs import make_image_only_pdf, make_pdf


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("data, encoding, text", [
    ("Seizures rose – 706 kg.".encode("utf-8"), "utf-8", "Seizures rose – 706 kg."),
    (b"\xef\xbb\xbfSeizures rose.", "utf-8-sig", "Seizures rose."),
    ("Seizures in Łódź – 5 kg".encode("utf-16"), "utf-16", "Seizures in Łódź – 5 kg"),
    ("Изъято 706 килограммов наркотиков в Минске".encode("cp1251"), "cp1251", "Изъято 706 килограммов наркотиков в Минске"),
    ("Café seizures – “706 kg”".encode("cp1252"), "cp1252", "Café seizures – “706 kg”"),
])
def test_sources_text_decodings(tmp_path, data, encoding, text):
    source = read_source(write(tmp_path, "doc.txt", data))
    assert (source.encoding, source.text) == (encoding, text)


def test_sources_text_is_unchanged(tmp_path):
    raw = "Line one\r\n\r\nLine  two\twith tab\n"
    assert read_source(write(tmp_path, "doc.md", raw.encode())).text == raw


@pytest.mark.parametrize("name, data, message", [
    ("empty.txt", b"", "empty document"),
    ("blank.md", b"  \n\n ", "empty document"),
    ("junk.txt", bytes(range(256)) * 40, "binary content"),
    ("odd.txt", b"Report \x98\x81\x8d data " * 20, "undecodable text"),
    ("junk.pdf", b"\x00\x01garbage" * 100, "not a PDF"),
    ("truncated.pdf", b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog", "malformed PDF"),
    ("notes.docx", b"PK\x03\x04", "unsupported file type '.docx'"),
])
def test_sources_bad_input_is_a_clear_error(tmp_path, name, data, message):
    with pytest.raises(SourceError, match=message):
        read_source(write(tmp_path, name, data))


GOOD = "Seizures in Łódź rose – 706 kg of heroin were seized in 2024. " * 40


@pytest.mark.parametrize("data, encoding, warning", [
    (codecs.BOM_UTF8 + GOOD.encode()[:890] + b"\xe9" + GOOD.encode()[890:], "utf-8-sig",
     "1 undecodable byte sequence replaced with U+FFFD (the first: not valid UTF-8: invalid byte 0xE9 at offset 893 "
     "after a UTF-8 BOM)"),
    (GOOD.encode()[:890] + b"\xe9" + GOOD.encode()[890:], "utf-8",
     "1 undecodable byte sequence replaced with U+FFFD (the first: not valid UTF-8: invalid byte 0xE9 at offset 890)"),
    (GOOD.encode("utf-16") + b"x", "utf-16", "(the first: not valid UTF-16: odd number of bytes"),
    (codecs.BOM_UTF16_LE + GOOD.encode("utf-16-le")[:200] + b"\x00\xd8" + GOOD.encode("utf-16-le")[200:], "utf-16",
     "(the first: not valid UTF-16: unpaired surrogate at offset 202)"),
], ids=["bom-and-latin1-byte", "stray-byte", "utf16-odd-length", "utf16-lone-surrogate"])
def test_sources_almost_valid_text_is_kept_with_a_warning(tmp_path, data, encoding, warning):
    from extractors.documents import process_document

    path = write(tmp_path, "doc.txt", data)
    source = read_source(path)
    assert source.encoding == encoding and source.text.count("\ufffd") == 1
    assert any(warning in w for w in source.warnings), source.warnings
    document, text = process_document(path)
    assert document.warnings == source.warnings and text == source.text
    assert all(text[m.start:m.end] == m.text for m in document.mentions) and len(document.claims) >= 40


@pytest.mark.parametrize("data, message", [
    (codecs.BOM_UTF8 + b"Report \xe9\xe8 " * 300, "not valid UTF-8: invalid byte 0xE9 at offset 10 after a UTF-8 BOM"),
    (codecs.BOM_UTF16_LE + b"\x00\xd8a\x00" * 300, "not valid UTF-16: unpaired surrogate at offset 2"),
])
def test_sources_damaged_text_says_where(tmp_path, data, message):
    with pytest.raises(SourceError, match=re.escape(message)):
        read_source(write(tmp_path, "doc.txt", data))


def test_sources_pdf_with_damaged_content_is_malformed_not_scanned(tmp_path):
    data = make_pdf(tmp_path / "r.pdf", [["Belarus seized 706 kg of 4-CMC in July 2024."]]).read_bytes()
    damaged = re.sub(rb"stream\r?\n.*?endstream", b"stream\nGARBAGE\nendstream", data, flags=re.S)
    with pytest.raises(SourceError, match="malformed PDF: no page has any content"):
        read_source(write(tmp_path, "damaged.pdf", damaged))


def test_sources_xhtml_is_html(tmp_path):
    page = b"<html><body><main><p>Customs in Chile found 500 kg of cocaine.</p></main></body></html>"
    source = read_source(write(tmp_path, "page.xhtml", page))
    assert (source.media_type, source.text.strip()) == ("text/html", "Customs in Chile found 500 kg of cocaine.")


def test_sources_missing_file(tmp_path):
    with pytest.raises(SourceError, match="disappeared"):
        read_source(tmp_path / "gone.txt")


def test_sources_pdf_pages_and_metadata(tmp_path):
    path = make_pdf(tmp_path / "r.pdf", [["Belarus seized 706 kg of 4-CMC in July 2024."], ["Page two: 859 cases."]])
    source = read_source(path)
    assert [p.page for p in source.pages] == [1, 2]
    assert "706 kg" in source.text[source.pages[0].start:source.pages[0].end]
    assert "859 cases" in source.text[source.pages[1].start:source.pages[1].end]
    assert source.metadata_date is not None


def test_sources_encrypted_pdf(tmp_path):
    path = make_pdf(tmp_path / "secret.pdf", [["classified: 706 kg"]], password="s3cret")
    with pytest.raises(SourceError, match="encrypted: password required"):
        read_source(path)


def test_sources_scanned_pdf_needs_ocr(tmp_path):
    with pytest.raises(SourceError, match="no text layer"):
        read_source(make_image_only_pdf(tmp_path / "scan.pdf"))


def test_sources_html_main_text_only(tmp_path):
    page = b"""<html><head><meta charset="windows-1252"><title>T</title><script>var x = 1;</script></head>
    <body><nav><a>Home</a><a>News</a></nav><header>Site header</header>
    <main><h1>Seizure at the port</h1><p>Customs seized 116 tonnes<br>of cocaine in 2023.</p>
    <p>Second \x96 paragraph.</p><div class="share-buttons">Share this</div>
    <table><tr><th>Year</th><th>Cocaine (t)</th></tr><tr><td>2023</td><td>116</td></tr></table></main>
    <aside>Related news</aside><footer>Copyright</footer></body></html>"""
    text = read_source(write(tmp_path, "p.html", page)).text
    assert text == ("Seizure at the port\n\nCustoms seized 116 tonnes\nof cocaine in 2023.\n\n"
                    "Second \u2013 paragraph.\n\nYear\tCocaine (t)\n2023\t116\n")


def test_sources_html_keeps_the_article_header(tmp_path):
    page = b"""<html><body><header class="site-header"><span>Thursday, 14 March 2024</span></header>
    <main><article><header><h1>Police burn 4.6 tonnes of cannabis</h1>
    <p class="dateline"><time datetime="2024-03-14">Published: 14 March 2024</time></p></header>
    <div class="story-body"><p>Police destroyed the cannabis on Wednesday, officials said in the capital.</p>
    <p>The drugs were seized since the start of the year in raids across the southern districts.</p></div>
    </article></main></body></html>"""
    source = read_source(write(tmp_path, "story.html", page))
    assert source.text.startswith("Police burn 4.6 tonnes of cannabis\n\nPublished: 14 March 2024\n\nPolice destroyed")
    assert "Thursday" not in source.text


def test_sources_deeply_nested_html(tmp_path):
    page = b"<html><body>" + b"<div>" * 5000 + b"<p>Deep: 5 kg of heroin.</p>" + b"</div>" * 5000 + b"</body></html>"
    assert "5 kg of heroin" in read_source(write(tmp_path, "deep.html", page)).text


@pytest.mark.parametrize("name, message", [
    ("pdfplumber_password-example_encrypted.pdf", "encrypted: password required"),
])  # the scan beside it is read by OCR now: tests/test_ocr.py
def test_sources_real_bad_pdfs(shared_dir, name, message):
    with pytest.raises(SourceError, match=message):
        read_source(shared_dir / "corpus" / "pdf" / name)


def test_sources_real_report_pdf(shared_dir):
    source = read_source(shared_dir / "corpus" / "pdf" / "un_A-79-797_Afghanistan_SG_report.pdf")
    assert len(source.pages) >= 10 and "Afghanistan" in source.text


def test_sources_huge_text_file_is_refused_before_reading(tmp_path):
    path = tmp_path / "dump.txt"
    with path.open("wb") as stream:
        stream.truncate(50 * 2**20)  # 50 MB (sparse): refused by its size, never read into memory
    with pytest.raises(SourceError, match=r"file too large: 50 MB exceeds the 16 MB limit"):
        read_source(path)


def test_sources_file_deleted_between_discovery_and_reading(tmp_path):
    from flows.workers import extract_one

    path = tmp_path / "gone.txt"
    path.write_text("Police seized 5 kg of heroin.", encoding="utf-8")
    path.unlink()
    outcome = extract_one(path, tmp_path, tmp_path / "out")
    assert (outcome.ok, outcome.error) == (False, "file disappeared before it could be read")
