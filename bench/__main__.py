"""Measure extraction speed per article and the build of the seed corpus; append to RESULTS.md."""

from __future__ import annotations

import platform
import statistics
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

from kg.articles import read_articles
from kg.build import Background, build
from kg.extract import extract_article
from kg.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).resolve().parent / "RESULTS.md"


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines() if line.startswith("model name")), platform.processor())
    import os

    return f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()} {platform.release()}"


def main() -> None:
    settings = Settings()
    articles = read_articles(ROOT / "data" / "articles") + read_articles(ROOT / "tests" / "eval" / "articles")
    bg = Background.load(settings)
    extract_article(articles[0], bg.gazetteer)  # warm the name list and the sentence splitter
    times = []
    for article in articles:
        for _ in range(5):
            t = time.perf_counter()
            extract_article(article, bg.gazetteer)
            times.append((time.perf_counter() - t) * 1000)
    with tempfile.TemporaryDirectory() as tmp:
        t = time.perf_counter()
        built = build(Settings(data_dir=Path(tmp) / ".kg"))
        build_s = time.perf_counter() - t
    lines = [
        f"## Extraction and seed build — {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC",
        "",
        f"Machine: {machine()}",
        "",
        "| measure | value |",
        "|---|---|",
        f"| articles timed ({len(articles)} × 5 runs) | median {statistics.median(times):.1f} ms, p95 {sorted(times)[int(len(times) * 0.95)]:.1f} ms, max {max(times):.1f} ms per article |",
        f"| `kg build` of the 5 seed articles (extract, reason, validate, store) | {build_s:.1f} s, {built.meta['triples']['asserted']} asserted + {built.meta['triples']['inferred']} inferred triples |",
        "",
    ]
    text = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else "# Benchmark results\n\nRun by hand with `make bench`; newest first.\n\n"
    head, _, rest = text.partition("\n## ")
    RESULTS.write_text(head.rstrip("\n") + "\n\n" + "\n".join(lines) + ("\n## " + rest if rest else ""), encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
