"""Article files → ``Article`` records (the contract's format: header lines, a blank line, the body)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from kg.errors import ArticleError

REQUIRED = ("title", "date", "source")
KNOWN = REQUIRED + ("url", "author")
_HEADER = re.compile(r"^([A-Za-z][A-Za-z_-]*):\s*(.*)$")


@dataclass(frozen=True)
class Article:
    slug: str
    title: str
    date: date
    source: str
    body: str
    url: str | None = None
    author: str | None = None
    path: str = ""
    body_line: int = 1
    """Line number of the body's first line in the file, to point errors and evidence at it."""


def slugify(text: str) -> str:
    """Stable ASCII slug: lowercased, accents folded, non-alphanumerics collapsed to hyphens."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")


def parse_article(text: str, path: str = "<article>") -> Article:
    """Parse the contract's article format; every problem is an ArticleError naming file and line."""
    if not text.strip():
        raise ArticleError(path, "the file is empty", 1)
    lines = text.splitlines()
    headers: dict[str, str] = {}
    line_no = 0
    for line_no, line in enumerate(lines, start=1):
        if not line.strip():
            break
        match = _HEADER.match(line)
        if not match:
            raise ArticleError(path, f"expected a header line `key: value` or an empty line, got {line[:60]!r}", line_no)
        key, value = match.group(1).lower(), match.group(2).strip()
        if key not in KNOWN:
            raise ArticleError(path, f"unknown header {key!r} (known: {', '.join(KNOWN)})", line_no)
        if key in headers:
            raise ArticleError(path, f"header {key!r} given twice", line_no)
        headers[key] = value
    else:
        raise ArticleError(path, "no empty line after the headers, so no body", line_no or 1)
    for key in REQUIRED:
        if not headers.get(key):
            raise ArticleError(path, f"missing header {key!r} (required: {', '.join(REQUIRED)})", 1)
    date_line = 1 + next(i for i, l in enumerate(lines) if l.lower().startswith("date:"))
    try:
        published = date.fromisoformat(headers["date"])
    except ValueError:
        raise ArticleError(path, f"date {headers['date']!r} is not an ISO date (YYYY-MM-DD)", date_line) from None
    body = "\n".join(lines[line_no:]).strip("\n")
    if not body.strip():
        raise ArticleError(path, "the body is empty", line_no + 1)
    stem = Path(path).stem if path != "<article>" else headers["title"]
    return Article(
        slug=slugify(stem),
        title=headers["title"],
        date=published,
        source=headers["source"],
        body=body,
        url=headers.get("url") or None,
        author=headers.get("author") or None,
        path=path,
        body_line=line_no + 1,
    )


def read_article(path: Path) -> Article:
    try:
        raw = Path(path).read_bytes()
    except OSError as error:
        raise ArticleError(str(path), f"cannot read the file ({error.strerror})") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise ArticleError(str(path), f"not UTF-8: byte 0x{raw[error.start]:02x} at offset {error.start}", line) from None
    return parse_article(text.lstrip("\ufeff"), str(path))


def read_articles(directory: Path) -> list[Article]:
    """Every ``*.txt`` article of a folder, in file-name order; two with one slug is an error."""
    directory = Path(directory)
    if not directory.is_dir():
        raise ArticleError(str(directory), "not a folder of articles")
    articles = [read_article(p) for p in sorted(directory.glob("*.txt"))]
    seen: dict[str, str] = {}
    for article in articles:
        if article.slug in seen:
            raise ArticleError(article.path, f"same slug {article.slug!r} as {seen[article.slug]}")
        seen[article.slug] = article.path
    return articles
