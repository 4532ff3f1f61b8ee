"""`kg add` with an article the graph has never seen: known events merge, new ones appear."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from kg.build import build
from kg.query import evaluate
from kg.settings import Settings
from kg.store import dataset_nquads as dataset, open_store, read_meta

ROOT = Path(__file__).resolve().parent.parent
NEW = ROOT / "tests" / "fixtures" / "900_zuckerberg_yoon_recalled.txt"
PREFIX = "PREFIX mg: <https://w3id.org/meetgraph/ontology#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "


def table(data_dir: Path, sparql: str) -> list[list[str]]:
    out = evaluate(open_store(data_dir), PREFIX + sparql, "csv").decode()
    return [line.split(",") for line in out.strip().splitlines()[1:]]


def test_add_merges_a_known_meeting_and_adds_a_new_one(seed_settings, tmp_path):
    s = Settings(data_dir=tmp_path / ".kg")
    shutil.copytree(seed_settings.data_dir, s.data_dir)
    before = read_meta(s.data_dir)["meetings"]
    r = subprocess.run([sys.executable, "-m", "kg.cli", "add", str(NEW), "--data-dir", str(s.data_dir)], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    yoon = table(s.data_dir, """SELECT ?m (COUNT(DISTINCT ?a) AS ?n) WHERE {
        ?m mg:participant/rdfs:label "Yoon Suk Yeol"@en, "Mark Zuckerberg"@en ; mg:date "2024-02-29"^^<http://www.w3.org/2001/XMLSchema#date> ; mg:reportedIn ?a } GROUP BY ?m""")
    assert len(yoon) == 1 and yoon[0][1] == "3"  # one node: announced, reported, recalled
    new = table(s.data_dir, """SELECT ?m WHERE { ?m mg:participant/rdfs:label "Kim Beom-su"@en, "Choi Soo-yeon"@en }""")
    assert len(new) == 1
    assert read_meta(s.data_dir)["meetings"] == before + 1


def test_add_equals_build_with_a_new_article(tmp_path):
    everything = tmp_path / "all"
    shutil.copytree(ROOT / "data" / "articles", everything)
    shutil.copy(NEW, everything)
    full = Settings(data_dir=tmp_path / "full")
    build(full, everything)
    step = Settings(data_dir=tmp_path / "step")
    build(step)
    subprocess.run([sys.executable, "-m", "kg.cli", "add", str(NEW), "--data-dir", str(step.data_dir)], check=True, capture_output=True)
    assert read_meta(step.data_dir)["reasoning"] == "incremental"  # reasoned over what the article touched
    assert dataset(step.data_dir) == dataset(full.data_dir)


def test_incremental_closure_equals_full_closure_for_each_seed_article(tmp_path):
    """Every seed article added last: the extended closure is the full one, or the full one is used."""
    articles = sorted((ROOT / "data" / "articles").glob("*.txt"))
    full = Settings(data_dir=tmp_path / "full")
    build(full)
    expected = dataset(full.data_dir)
    for last in articles:
        first = tmp_path / f"without-{last.stem}"
        first.mkdir()
        for a in articles:
            if a != last:
                shutil.copy(a, first)
        s = Settings(data_dir=tmp_path / f"kg-{last.stem}")
        build(s, first)
        from kg.build import add

        add(s, [last])
        assert dataset(s.data_dir) == expected, last.name


def test_add_refuses_a_bad_file_and_keeps_the_graph(seed_settings, tmp_path):
    s = Settings(data_dir=tmp_path / ".kg")
    shutil.copytree(seed_settings.data_dir, s.data_dir)
    before = dataset(s.data_dir)
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"title: x\n\nno date header\n")
    r = subprocess.run([sys.executable, "-m", "kg.cli", "add", str(bad), "--data-dir", str(s.data_dir)], capture_output=True, text=True)
    assert r.returncode == 2 and "bad.txt" in r.stderr and "Traceback" not in r.stderr
    assert dataset(s.data_dir) == before


def test_a_second_writer_is_refused_while_one_is_writing(seed_settings, tmp_path):
    from kg.store import exclusive

    s = Settings(data_dir=tmp_path / ".kg")
    shutil.copytree(seed_settings.data_dir, s.data_dir)
    before = dataset(s.data_dir)
    with exclusive(s.data_dir):  # as a `kg build` or `kg add` in another process would hold it
        r = subprocess.run([sys.executable, "-m", "kg.cli", "add", str(NEW), "--data-dir", str(s.data_dir)],
                           capture_output=True, text=True)
    assert r.returncode != 0 and "another `kg build` or `kg add`" in r.stderr and "Traceback" not in r.stderr
    assert dataset(s.data_dir) == before


def test_add_after_the_reference_data_changed_rebuilds_with_it(seed_settings, tmp_path):
    """What was resolved against the old reference data may be wrong now: `kg add` rebuilds."""
    reference = tmp_path / "reference"
    shutil.copytree(ROOT / "data" / "reference", reference)
    s = Settings(data_dir=tmp_path / ".kg", reference_dir=reference)
    shutil.copytree(seed_settings.data_dir, s.data_dir)
    with open(reference / "people.ttl", "a", encoding="utf-8") as f:
        f.write('\n<id/person/lee-jae-yong> <http://www.w3.org/2004/02/skos/core#altLabel> "JY"@en .\n')
    from kg.build import add

    add(s, [NEW])
    assert read_meta(s.data_dir)["reasoning"] == "full"
    everything = tmp_path / "all"
    shutil.copytree(ROOT / "data" / "articles", everything)
    shutil.copy(NEW, everything)
    full = Settings(data_dir=tmp_path / "full", reference_dir=reference)
    build(full, everything)
    assert dataset(s.data_dir) == dataset(full.data_dir)
    assert b'"JY"@en' in dataset(s.data_dir)


def _files(data_dir: Path) -> dict[str, bytes]:
    return {str(p.relative_to(data_dir)): p.read_bytes() for p in sorted(data_dir.glob("*/*"))
            if p.parent.name in ("articles", "facts")}


def test_a_failing_add_leaves_every_article_file_in_place(seed_settings, tmp_path, monkeypatch):
    """The per-article folders are moved, not copied, into the new version: only on success."""
    import kg.build

    s = Settings(data_dir=tmp_path / ".kg")
    shutil.copytree(seed_settings.data_dir, s.data_dir)
    before, files = dataset(s.data_dir), _files(s.data_dir)

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(kg.build, "validate_nodes", broken)
    try:
        kg.build.add(s, [NEW])
    except RuntimeError:
        pass
    else:
        raise AssertionError("the add should have failed")
    assert _files(s.data_dir) == files and dataset(s.data_dir) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["..kg.lock", ".kg"]  # no stage left behind
    monkeypatch.undo()

    kg.build.add(s, [NEW])
    after = _files(s.data_dir)
    slug = NEW.stem.replace("_", "-")
    assert set(after) == set(files) | {f"articles/{slug}.txt", f"facts/{slug}.pickle"}
    assert all(after[name] == content for name, content in files.items())
