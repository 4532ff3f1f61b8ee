"""Extraction speed per article and the build of the seed corpus (the first benchmark of the
project, kept as one section of ``python -m bench``): it answers "how fast is the rule-based
extractor on real articles", which the synthetic scale runs cannot."""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from kg.articles import read_articles
from kg.build import Background, build
from kg.extract import extract_article
from kg.settings import Settings

ROOT = Path(__file__).resolve().parent.parent


def measure(repeats: int = 5) -> list[str]:
    """Markdown lines: extraction time per real article (seed and held-out sets) and the seed build."""
    settings = Settings()
    articles = read_articles(ROOT / "data" / "articles") + read_articles(ROOT / "tests" / "eval" / "articles")
    bg = Background.load(settings)
    extract_article(articles[0], bg.gazetteer)  # warm the name list and the sentence splitter
    times = []
    for article in articles:
        for _ in range(repeats):
            t = time.perf_counter()
            extract_article(article, bg.gazetteer)
            times.append((time.perf_counter() - t) * 1000)
    with tempfile.TemporaryDirectory() as tmp:
        t = time.perf_counter()
        built = build(Settings(data_dir=Path(tmp) / ".kg"))
        build_s = time.perf_counter() - t
    times.sort()
    return [
        "| measure | value |",
        "|---|---|",
        f"| real articles timed ({len(articles)} × {repeats} runs) | median {statistics.median(times):.1f} ms, "
        f"p95 {times[int(len(times) * 0.95)]:.1f} ms, max {times[-1]:.1f} ms per article |",
        f"| `kg build` of the 5 seed articles, in process (extract, reason, validate, store) | {build_s:.1f} s, "
        f"{built.meta['triples']['asserted']} asserted + {built.meta['triples']['inferred']} inferred triples |",
    ]
