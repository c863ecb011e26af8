"""Bad input gets a one-line error naming the file; good input in every encoding reads the same."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from rasid.document import Document
from rasid.errors import InputError
from rasid.ingest import iter_jsonl_records, read_path


@pytest.mark.parametrize(
    ("encoding", "prefix"),
    [("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("utf-16", b""), ("utf-16-le", b""), ("utf-16-be", b""),
     ("cp1256", b"")],
)
def test_encodings_are_detected(tmp_path: Path, reference_text: str, encoding: str, prefix: bytes) -> None:
    path = tmp_path / "article.txt"
    path.write_bytes(prefix + reference_text.encode(encoding))
    doc = read_path(path)
    assert doc.text == reference_text
    assert doc.meta["encoding"].replace("-", "").startswith(encoding.replace("-", "")[:5]) or (
        encoding == "cp1256" and doc.meta["encoding"] == "windows-1256")


def _error(path: Path) -> str:
    with pytest.raises(InputError) as info:
        read_path(path)
    message = str(info.value)
    assert message.startswith(str(path))
    assert "\n" not in message
    return message


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"  \n")
    assert "empty" in _error(path)


def test_binary_file(tmp_path: Path) -> None:
    path = tmp_path / "noise.txt"
    path.write_bytes(bytes(range(256)) * 20 + os.urandom(2000))
    assert "binary" in _error(path)


def test_image_renamed_txt(tmp_path: Path) -> None:
    path = tmp_path / "photo.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 100)
    assert "PNG image" in _error(path)


def test_truncated_utf8(tmp_path: Path, reference_text: str) -> None:
    data = reference_text.encode("utf-8")
    path = tmp_path / "cut.txt"
    path.write_bytes(data[: data.index("لافروف".encode()) + 3])
    assert "truncated UTF-8" in _error(path)


def test_latin1_text_is_not_guessed_as_arabic(tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes("Café crème à la française, déjà vu".encode("latin-1"))
    assert "not valid UTF-8" in _error(path)


def test_huge_file_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with open(path, "wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    message = _error(path)
    assert "50.0 MB" in message and "limit" in message


def test_html_main_text_title_and_date(tmp_path: Path, reference_text: str) -> None:
    first, second = reference_text.split("\n\n")[:2]
    path = tmp_path / "page.html"
    path.write_text(
        "<html><head><title>لافروف في بيونغ يانغ</title>"
        '<meta property="article:published_time" content="2025-07-11T08:00:00+03:00"></head>'
        "<body><nav><a href='/'>الرئيسية</a> <a href='/x'>سياسة</a></nav><article><h1>لافروف في بيونغ يانغ</h1>"
        f"<p>{first}</p><p>{second}</p></article><footer>جميع الحقوق محفوظة</footer></body></html>",
        encoding="utf-8",
    )
    doc = read_path(path)
    flat = " ".join(doc.text.split())
    assert " ".join(first.split()) in flat and " ".join(second.split()) in flat
    assert "\n\n" in doc.text  # paragraphs stay paragraphs
    assert "الرئيسية" not in doc.text
    assert doc.title == "لافروف في بيونغ يانغ"
    assert doc.published is not None and doc.published.date().isoformat() == "2025-07-11"


def test_html_without_article(tmp_path: Path) -> None:
    path = tmp_path / "menu.html"
    path.write_text("<html><body><nav><a href='/a'>أ</a></nav></body></html>", encoding="utf-8")
    assert "no article text" in _error(path)


def test_json_record(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    path.write_text('{"text": "زار لافروف بيونغ يانغ", "title": "زيارة", "published": "2025-07-11",'
                    ' "url": "https://example.org/a", "source": "cnn"}', encoding="utf-8")
    doc = read_path(path)
    assert (doc.title, doc.source, doc.url) == ("زيارة", "cnn", "https://example.org/a")
    assert doc.published is not None and doc.published.isoformat().startswith("2025-07-11")


def test_malformed_json(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    path.write_text('{"text": "زار", ', encoding="utf-8")
    assert "malformed JSON" in _error(path)


def test_jsonl_bad_line_is_reported_with_its_number_and_the_rest_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    path.write_text(
        '{"id": "a", "text": "زار لافروف بيونغ يانغ", "published": "2025-07-11"}\n'
        '{"id": "b", "text": "نص مكسور"\n'
        "\n"
        '{"id": "c", "title": "بلا نص"}\n'
        '{"id": "d", "text": "عاد الوفد", "time_raw": "Sun, 18 Feb 2018 21:35:43 +0400"}\n',
        encoding="utf-8",
    )
    items = list(iter_jsonl_records(path))
    good = [(n, d.id) for n, d in items if not isinstance(d, InputError)]
    bad = [(n, str(d)) for n, d in items if isinstance(d, InputError)]
    assert good == [(1, "a"), (5, "d")]
    assert [n for n, _ in bad] == [2, 4]
    assert bad[0][1].startswith(f"{path}:2: malformed JSON")
    assert "no 'text'" in bad[1][1]


def test_jsonl_line_from_a_windows_1256_source_is_recovered(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(
        '{"id": "u", "text": "زار لافروف بيونغ يانغ"}\n'.encode()
        + '{"id": "w", "text": "عاد الوفد إلى موسكو"}\n'.encode("cp1256")
        + b'{"id": "x", "text": "\xe9t\xe9 \xe0 Paris"}\n'
    )
    items = dict(iter_jsonl_records(path))
    assert isinstance(items[2], Document) and items[2].text == "عاد الوفد إلى موسكو"
    assert isinstance(items[3], InputError) and "not valid UTF-8" in str(items[3])
