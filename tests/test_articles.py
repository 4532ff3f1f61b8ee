"""Article files in the contract's format, and every way one can be wrong."""

from datetime import date
from pathlib import Path

import pytest

from kg.articles import parse_article, read_article, read_articles
from kg.errors import ArticleError

ROOT = Path(__file__).resolve().parent.parent
GOOD = "title: A meeting\ndate: 2024-03-01\nsource: Example Daily\nauthor: Jane Doe\n\nBody line one.\nBody line two.\n"


def test_parses_headers_and_body():
    a = parse_article(GOOD, "x/001_a.txt")
    assert (a.title, a.date, a.source, a.author, a.url) == ("A meeting", date(2024, 3, 1), "Example Daily", "Jane Doe", None)
    assert a.body == "Body line one.\nBody line two."
    assert a.slug == "001-a" and a.body_line == 6


def test_seed_articles_have_the_dates_of_questions_md():
    dates = {a.slug[:3]: a.date.isoformat() for a in read_articles(ROOT / "data" / "articles")}
    assert dates == {"000": "2024-07-04", "001": "2024-02-21", "002": "2020-01-09", "003": "2024-03-01", "004": "2025-02-04"}


@pytest.mark.parametrize(
    "text, message, line",
    [
        ("", "empty", 1),
        ("   \n\n", "empty", 1),
        ("date: 2024-03-01\nsource: S\n\nBody.", "missing header 'title'", 1),
        ("title: T\ndate: 2024-13-01\nsource: S\n\nBody.", "not an ISO date", 2),
        ("title: T\ndate: yesterday\nsource: S\n\nBody.", "not an ISO date", 2),
        ("title: T\ndate: 2024-03-01\nsource: S\nBody without blank line", "expected a header line", 4),
        ("title: T\ndate: 2024-03-01\nsource: S\n", "no empty line", 3),
        ("title: T\ndate: 2024-03-01\nsource: S\n\n   \n", "body is empty", 5),
        ("title: T\ntitle: U\ndate: 2024-03-01\nsource: S\n\nB.", "given twice", 2),
        ("title: T\ncolour: red\ndate: 2024-03-01\nsource: S\n\nB.", "unknown header", 2),
    ],
)
def test_bad_articles_name_file_line_and_problem(text, message, line):
    with pytest.raises(ArticleError) as info:
        parse_article(text, "bad.txt")
    assert message in str(info.value)
    assert info.value.line == line and str(info.value).startswith(f"bad.txt:{line}:")


def test_non_utf8_bytes_are_an_error_with_the_line(tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes(b"title: T\ndate: 2024-03-01\nsource: S\n\nCaf\xe9 meeting.\n")
    with pytest.raises(ArticleError) as info:
        read_article(path)
    assert "not UTF-8" in str(info.value) and info.value.line == 5


def test_missing_file_and_missing_folder(tmp_path):
    with pytest.raises(ArticleError, match="cannot read"):
        read_article(tmp_path / "nope.txt")
    with pytest.raises(ArticleError, match="not a folder"):
        read_articles(tmp_path / "nope")


def test_bom_is_ignored(tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes("\ufeff".encode() + GOOD.encode())
    assert read_article(path).title == "A meeting"
