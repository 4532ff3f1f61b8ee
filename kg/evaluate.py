"""``kg eval``: score the graph built from some articles against a gold annotation of them.

Scored the way an outside scorer reads the graph (``tests/gold/README.md``): per article, the
meetings linked to it; participants matched by label or alias; dates as intervals; places up
the containment chain; roles as (person, role, organisation).
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pyoxigraph as ox

from kg.articles import read_articles, slugify
from kg.build import Background, assemble, extract_all, memory_store
from kg.dates import month
from kg.errors import EvalError
from kg.settings import Settings

SCORED_ROLES = {"ceo": "ceo", "chief executive": "ceo", "chief executive officer": "ceo", "chairman": "chair",
                "chair": "chair", "chairwoman": "chair", "executive chairman": "chair", "executive chair": "chair",
                "president": "president", "founder": "founder", "co-founder": "founder", "cofounder": "founder"}
PROP_ROLE = {"ceoOf": "ceo", "chairOf": "chair", "presidentOf": "president", "founderOf": "founder"}


def norm(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    text = re.sub(r"^(the|a|an)\s+", "", text.strip())
    return re.sub(r"[^a-z0-9]+", " ", text).strip()


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Report:
    meetings: Score = field(default_factory=Score)
    roles: Score = field(default_factory=Score)
    people: Score = field(default_factory=Score)
    attributes: dict[str, list[int]] = field(default_factory=lambda: {"date": [0, 0], "place": [0, 0], "status": [0, 0], "topics": [0, 0]})
    misses: list[str] = field(default_factory=list)
    false_hits: list[str] = field(default_factory=list)
    attribute_errors: list[str] = field(default_factory=list)

    def to_json(self) -> dict:
        kinds = {k: {"precision": s.precision, "recall": s.recall, "f1": s.f1, "tp": s.tp, "fp": s.fp, "fn": s.fn}
                 for k, s in (("meetings", self.meetings), ("roles", self.roles), ("people", self.people))}
        kinds["attributes"] = {k: (ok / n if n else None) for k, (ok, n) in self.attributes.items()}
        kinds["misses"], kinds["false_hits"], kinds["attribute_errors"] = self.misses, self.false_hits, self.attribute_errors
        return kinds


def _people(store: ox.Store, article: str) -> dict[str, set[str]]:
    q = f"""PREFIX mg: <https://w3id.org/meetgraph/ontology#>
    PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
    SELECT ?p ?n WHERE {{ ?p a mg:Person ; mg:reportedIn <{article}> . {{ ?p rdfs:label ?n }} UNION {{ ?p skos:altLabel ?n }} }}"""
    names: dict[str, set[str]] = {}
    for row in store.query(q):
        names.setdefault(row["p"].value, set()).add(norm(row["n"].value))
    return names


def _names_of(store: ox.Store, node: str) -> set[str]:
    q = f"""PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
    SELECT ?n WHERE {{ {{ <{node}> rdfs:label ?n }} UNION {{ <{node}> skos:altLabel ?n }} }}"""
    return {norm(r["n"].value) for r in store.query(q)}


def _meetings(store: ox.Store, article: str, graph: str) -> list[dict]:
    q = f"""PREFIX mg: <https://w3id.org/meetgraph/ontology#>
    SELECT ?m ?start ?end ?status ?loc ?announced WHERE {{
      {{ ?m mg:reportedIn <{article}> }} UNION {{ ?m mg:announcedIn <{article}> }}
      ?m mg:startDate ?start ; mg:endDate ?end ; mg:status ?status .
      OPTIONAL {{ ?m mg:location ?loc }}
      BIND(EXISTS {{ ?m mg:announcedIn <{article}> }} AS ?announced) }}"""
    found = {}
    for r in store.query(q):
        found[r["m"].value] = {
            "iri": r["m"].value, "start": date.fromisoformat(r["start"].value), "end": date.fromisoformat(r["end"].value),
            # the article that announced a meeting told of it as planned, whatever came later
            "status": "planned" if r["announced"].value == "true" else r["status"].value.rsplit("#", 1)[-1].lower(),
            "location": r["loc"].value if r["loc"] else None,
        }
    for m in found.values():
        own = f"""PREFIX mg: <https://w3id.org/meetgraph/ontology#> SELECT ?p WHERE {{ GRAPH <{graph}> {{ <{m['iri']}> mg:participant ?p }} }}"""
        m["participants"] = {r["p"].value for r in store.query(own)}
        if not m["participants"]:
            every = f"""PREFIX mg: <https://w3id.org/meetgraph/ontology#> SELECT ?p WHERE {{ <{m['iri']}> mg:participant ?p }}"""
            m["participants"] = {r["p"].value for r in store.query(every)}
        topics = f"""PREFIX mg: <https://w3id.org/meetgraph/ontology#> SELECT ?t WHERE {{ <{m['iri']}> mg:topic ?t }}"""
        m["topics"] = set().union(*[_names_of(store, r["t"].value) for r in store.query(topics)] or [set()])
        places = set()
        if m["location"]:
            chain = f"""PREFIX mg: <https://w3id.org/meetgraph/ontology#> SELECT ?x WHERE {{ <{m['location']}> mg:locatedIn* ?x }}"""
            for r in store.query(chain):
                places |= _names_of(store, r["x"].value)
        m["places"] = places
        ev = f"""PREFIX mg: <https://w3id.org/meetgraph/ontology#> SELECT ?e WHERE {{ GRAPH <{graph}> {{ <{m['iri']}> mg:evidence ?e }} }}"""
        m["evidence"] = sorted(r["e"].value for r in store.query(ev))
    return list(found.values())


def _gold_interval(g: dict) -> tuple[date, date]:
    if g.get("date_range"):
        start, end = (date.fromisoformat(x) for x in g["date_range"])
    else:
        d = g["date"]
        if len(d) == 10:
            start = end = date.fromisoformat(d)
        elif len(d) == 7:
            span = month(int(d[:4]), int(d[5:]))
            start, end = span.start, span.end
        else:
            start, end = date(int(d[:4]), 1, 1), date(int(d[:4]), 12, 31)
    if g.get("date_latest"):
        end = min(end, date.fromisoformat(g["date_latest"]))
    return start, end


def evaluate(settings: Settings, gold_path: Path, articles_dir: Path | None = None) -> Report:
    try:
        gold = json.loads(Path(gold_path).read_text(encoding="utf-8"))
        gold_articles = gold["articles"]
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise EvalError(f"{gold_path}: not a gold file ({error})") from None
    if articles_dir is None:
        sibling = Path(gold_path).parent / "articles"
        articles_dir = sibling if sibling.is_dir() else settings.articles_dir
    articles = read_articles(articles_dir)
    bg = Background.load(settings)
    store = memory_store(assemble(articles, extract_all(articles, bg.gazetteer), bg, settings.base, reasoning=False))
    report = Report()
    slugs = {a.slug for a in articles}
    for ga in gold_articles:
        slug = slugify(Path(ga["file"]).stem)
        if slug not in slugs:
            raise EvalError(f"{gold_path}: article {ga['file']} is not in {articles_dir}")
        _score_article(store, settings.base, slug, ga, report)
    return report


def _score_article(store: ox.Store, base: str, slug: str, ga: dict, report: Report) -> None:
    article = f"{base}id/article/{slug}"
    graph = f"{base}graph/article/{slug}"
    aliases = {c: {norm(c)} | {norm(a) for a in forms} for c, forms in ga.get("people", {}).items()}
    people = _people(store, article)

    def canon(person: str) -> str | None:
        names = people.get(person) or _names_of(store, person)
        for c, forms in aliases.items():
            if norm(c) in names:
                return c
        for c, forms in aliases.items():
            if names & forms and not any(len(n.split()) == 1 for n in names & forms if n not in {norm(c)}):
                return c
        return None

    # people
    predicted_people = {canon(p) or f"?{sorted(n)[0]}" for p, n in people.items()}
    gold_people = set(aliases)
    report.people.tp += len(predicted_people & gold_people)
    report.people.fp += len(predicted_people - gold_people)
    report.people.fn += len(gold_people - predicted_people)
    report.false_hits += [f"{slug}: person {p}" for p in sorted(predicted_people - gold_people)]
    report.misses += [f"{slug}: person {p}" for p in sorted(gold_people - predicted_people)]

    predicted = _meetings(store, article, graph)
    for m in predicted:
        m["names"] = frozenset(canon(p) or f"?{p.rsplit('/', 1)[-1]}" for p in m["participants"])
    readings = [list(ga["meetings"])]
    for alt in ga.get("alternatives", []):
        reading = [g for i, g in enumerate(ga["meetings"]) if i not in alt["replaces"]] + alt["meetings"]
        readings.append(reading)
    best = None
    for reading in readings:
        pairs, unused = [], list(predicted)
        for g in reading:
            lo, hi = _gold_interval(g)
            same = [m for m in unused if m["names"] == frozenset(g["participants"])]
            same.sort(key=lambda m: (not (lo <= m["start"] and m["end"] <= hi), not (m["start"] <= hi and lo <= m["end"])))
            hit = same[0] if same else None
            if hit:
                unused.remove(hit)
                pairs.append((g, hit))
        if best is None or len(pairs) > len(best[1]):
            best = (reading, pairs, unused)
    reading, pairs, unused = best
    report.meetings.tp += len(pairs)
    report.meetings.fp += len(unused)
    report.meetings.fn += len(reading) - len(pairs)
    matched = [id(g) for g, _ in pairs]
    for g in reading:
        if id(g) not in matched:
            report.misses.append(f"{slug}: meeting {sorted(g['participants'])} {g['date']} — {g['evidence'][0] if g.get('evidence') else ''}")
    for m in unused:
        report.false_hits.append(f"{slug}: meeting {sorted(m['names'])} {m['start']}/{m['end']} — {m['evidence'][0] if m['evidence'] else ''}")
    for g, m in pairs:
        who = f"{slug}: {sorted(g['participants'])}"
        lo, hi = _gold_interval(g)
        ok = lo <= m["start"] and m["end"] <= hi
        _tally(report, "date", ok, f"{who} date {m['start']}/{m['end']} not inside gold {lo}/{hi}")
        if g.get("place"):
            ok = norm(g["place"][0]) in m["places"]
            _tally(report, "place", ok, f"{who} place {sorted(m['places'])[:4]} does not name gold {g['place'][0]!r}")
        _tally(report, "status", m["status"] == g.get("status", "held"), f"{who} status {m['status']} ≠ gold {g.get('status')}")
        for topic in g.get("topics", []):
            t = norm(topic)
            ok = any(t == p or t in p or p in t for p in m["topics"] if p)
            _tally(report, "topics", ok, f"{who} topic {topic!r} missing")

    # roles
    q = f"""PREFIX mg: <https://w3id.org/meetgraph/ontology#>
    SELECT ?p ?prop ?o ?e WHERE {{ ?r a mg:Affiliation ; mg:reportedIn <{article}> ; mg:member ?p ; mg:roleProperty ?prop ; mg:organization ?o ; mg:evidence ?e }}"""
    predicted_roles = {}
    for r in store.query(q):
        role = PROP_ROLE.get(r["prop"].value.rsplit("#", 1)[-1])
        if role:
            predicted_roles[(canon(r["p"].value) or r["p"].value, role, r["o"].value)] = r["e"].value
    gold_roles = [(x["person"], SCORED_ROLES[x["role"].lower()], x["organisation"]) for x in ga.get("roles", [])
                  if x.get("role", "").lower() in SCORED_ROLES]
    left = dict(predicted_roles)
    for person, role, org in gold_roles:
        hit = next((k for k in left if k[0] == person and k[1] == role and _org_match(store, k[2], org)), None)
        if hit:
            report.roles.tp += 1
            del left[hit]
        else:
            report.roles.fn += 1
            report.misses.append(f"{slug}: role ({person}, {role}, {org})")
    for (person, role, org), sentence in left.items():
        report.roles.fp += 1
        report.false_hits.append(f"{slug}: role ({person}, {role}, {org.rsplit('/', 1)[-1]}) — {sentence}")


def _org_match(store: ox.Store, org: str, gold: str) -> bool:
    g = norm(re.sub(r"\(.*?\)", "", gold))
    return any(n and (n == g or n in g or g in n) for n in _names_of(store, org))


def _tally(report: Report, key: str, ok: bool, message: str) -> None:
    report.attributes[key][1] += 1
    if ok:
        report.attributes[key][0] += 1
    else:
        report.attribute_errors.append(message)


def render(report: Report, details: bool = True) -> str:
    lines = [f"{'kind':<10} {'precision':>9} {'recall':>7} {'F1':>6}   tp  fp  fn"]
    for name, s in (("meetings", report.meetings), ("roles", report.roles), ("people", report.people)):
        lines.append(f"{name:<10} {s.precision:9.3f} {s.recall:7.3f} {s.f1:6.3f} {s.tp:4d} {s.fp:3d} {s.fn:3d}")
    lines.append("")
    lines.append("over matched meetings: " + ", ".join(
        f"{k} {ok}/{n} ({ok / n:.0%})" if n else f"{k} -" for k, (ok, n) in report.attributes.items()))
    if details:
        for title, items in (("misses", report.misses), ("false hits", report.false_hits), ("attribute errors", report.attribute_errors)):
            if items:
                lines += ["", f"{title}:"] + [f"  - {x}" for x in items]
    return "\n".join(lines)
