"""Issue #5: the store layer — the same behaviour from the embedded store and a remote Oxigraph server."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, URIRef

from api.embedded_store import EmbeddedStore
from api.model import Group, Label, Term, to_graph
from api.remote_store import chunk_quads, insert_data
from api.settings import PROJECT_ROOT, Settings
from api.store import TermStore, open_store
from api.vocab import SKOS, TIFA
from tests.conftest import OxigraphServer

TRICKY = 'a "quoted" \\ back\\slash\nnew line } { # not a comment \'\'\' """ 七有 칠유 \t tab'


def sample_terms() -> list[Term]:
    """七有 with two of its components, and a term whose label is full of characters that need escaping."""
    qiyou = Term(slug="qiyou", labels=[Label("七有", "zh-Hans", True), Label("7유", "ko", True, "numeric-abbreviation")],
                 definitions={"ko": "일곱 가지 보장"}, groups=[Group(1, 7, "有", ["youyousuoyu", "xueyousuojiao"])])
    comps = [Term(slug="youyousuoyu", labels=[Label("幼有所育", "zh-Hans", True), Label("유유소육", "ko", True)]),
             Term(slug="xueyousuojiao", labels=[Label("学有所教", "zh-Hans", True), Label("학유소교", "ko", True)])]
    tricky = Term(slug="tricky", labels=[Label(TRICKY, "ko", True), Label("怪", "zh-Hans", True)])
    return [qiyou, *comps, tricky]


def make_project(root: Path, base: str = "https://w3id.org/tifa/") -> Path:
    """A project folder with the real ontology and a small graph/."""
    (root / "graph").mkdir(parents=True)
    shutil.copytree(PROJECT_ROOT / "ontology", root / "ontology")
    g = Graph()
    for t in sample_terms():
        to_graph(t, graph=g)
    g.serialize(root / "graph" / "terms.ttl", format="turtle")
    return root


@pytest.fixture(params=["embedded", pytest.param("remote", marks=pytest.mark.remote)])
def settings(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Settings]:
    """Settings for a fresh store of each kind over a small project."""
    project = make_project(tmp_path / "project")
    if request.param == "embedded":
        yield Settings(project_root=project, data_dir=tmp_path / "data")
        return
    server = OxigraphServer(tmp_path / "oxigraph")
    try:
        yield Settings(project_root=project, data_dir=tmp_path / "data", store="remote",
                       query_url=server.query_url, update_url=server.update_url)
    finally:
        server.stop()


@pytest.fixture
def store(settings: Settings) -> Iterator[TermStore]:
    s = open_store(settings)
    yield s
    s.close()


def term(slug: str) -> URIRef:
    return URIRef(f"https://w3id.org/tifa/term/{slug}")


def test_built_from_sources_and_not_rebuilt_when_unchanged(store: TermStore, settings: Settings) -> None:
    assert store.ask("ASK { ?t a ?c }", {"t": term("qiyou"), "c": TIFA.Term})
    assert store.ask("ASK { ?c a ?k }", {"c": TIFA.Term, "k": URIRef("http://www.w3.org/2002/07/owl#Class")})
    v = store.version()
    assert v >= 1
    assert store.load_sources(settings) is False
    assert store.version() == v


def test_rebuilt_when_a_source_file_changes(store: TermStore, settings: Settings) -> None:
    v = store.version()
    extra = Graph()
    to_graph(Term(slug="new-one", labels=[Label("新", "zh-Hans", True)]), graph=extra)
    extra.serialize(settings.graph_dir / "extra.ttl", format="turtle")
    assert store.load_sources(settings) is True
    assert store.version() > v
    assert store.ask("ASK { ?t a ?c }", {"t": term("new-one"), "c": TIFA.Term})
    (settings.graph_dir / "extra.ttl").unlink()
    assert store.load_sources(settings) is True
    assert not store.ask("ASK { ?t ?p ?o }", {"t": term("new-one")})


def test_restart_reuses_the_persisted_store(settings: Settings) -> None:
    first = open_store(settings)
    v = first.version()
    first.close()
    if isinstance(first, EmbeddedStore):
        del first  # release the RocksDB lock before reopening
    second = open_store(settings)
    assert second.version() == v  # no rebuild
    assert second.ask("ASK { ?t a ?c }", {"t": term("qiyou"), "c": TIFA.Term})
    second.close()


def test_tricky_literal_round_trips_and_binds(store: TermStore) -> None:
    rows = store.select("SELECT ?t WHERE { ?t <http://www.w3.org/2004/02/skos/core#prefLabel> ?l }",
                        {"l": Literal(TRICKY, lang="ko")})
    assert rows == [{"t": term("tricky")}]
    rows = store.select("SELECT ?l WHERE { ?t <http://www.w3.org/2004/02/skos/core#prefLabel> ?l "
                        "FILTER(lang(?l) = 'ko') }", {"t": term("tricky")})
    assert rows == [{"l": Literal(TRICKY, lang="ko")}]


def test_several_values_for_one_variable(store: TermStore) -> None:
    labels = [Literal("七有", lang=lang) for lang in ("ko", "zh-Hans", "en")]
    rows = store.select("SELECT ?t ?l WHERE { ?t <http://www.w3.org/2004/02/skos/core#prefLabel> ?l }", {"l": labels})
    assert rows == [{"t": term("qiyou"), "l": Literal("七有", lang="zh-Hans")}]


def test_construct_keeps_ordered_list(store: TermStore) -> None:
    g = store.construct("CONSTRUCT { ?g <http://www.w3.org/2004/02/skos/core#memberList> ?l . ?n ?p ?o } WHERE { "
                        "?t <https://w3id.org/tifa/ontology#numeralGroup> ?g . "
                        "?g <http://www.w3.org/2004/02/skos/core#memberList> ?l . "
                        "?l <http://www.w3.org/1999/02/22-rdf-syntax-ns#rest>* ?n . ?n ?p ?o }", {"t": term("qiyou")})
    from rdflib.collection import Collection

    head = next(g.objects(None, SKOS.memberList))
    assert list(Collection(g, head)) == [term("youyousuoyu"), term("xueyousuojiao")]


def test_writes_bump_the_version_and_metadata_stays_out_of_the_default_graph(store: TermStore) -> None:
    v = store.version()
    g = Graph()
    g.add((term("w"), SKOS.prefLabel, Literal("写", lang="zh-Hans")))
    store.add_graph(g)
    assert store.version() == v + 1
    store.update('INSERT DATA { GRAPH <https://w3id.org/tifa/graph/terms> { '
                 '<https://w3id.org/tifa/term/w> <http://www.w3.org/2004/02/skos/core#altLabel> "寫"@zh-Hant } }')
    assert store.version() == v + 2
    assert len(store.select("SELECT ?l WHERE { ?t ?p ?l }", {"t": term("w")})) == 2
    assert store.select("SELECT ?v WHERE { ?s <https://w3id.org/tifa/ontology#storeVersion> ?v }") == []
    assert store.triple_count() > 100


def test_bad_iri_binding_is_refused(store: TermStore) -> None:
    with pytest.raises(ValueError):
        store.select("SELECT ?p WHERE { ?t ?p ?o }", {"t": URIRef("http://x/a> } ; DROP ALL ; <y")})


def test_base_uri_is_rewritten(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    s = EmbeddedStore(Settings(project_root=project, data_dir=tmp_path / "d", base_uri="https://terms.example.org/"))
    s.load_sources(s.settings)
    assert s.ask("ASK { ?t ?p ?o }", {"t": URIRef("https://terms.example.org/term/qiyou")})
    assert not s.ask("ASK { ?t ?p ?o }", {"t": term("qiyou")})
    assert s.ask("ASK { ?t ?p ?o }", {"t": TIFA.Term})  # the ontology namespace is not moved


def test_snapshot_is_readable_and_follows_writes(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    s = EmbeddedStore(Settings(project_root=project, data_dir=tmp_path / "d"))
    s.load_sources(s.settings)
    first = s.snapshot()
    assert s.snapshot() == first
    g = Graph()
    g.add((term("w"), SKOS.prefLabel, Literal("写", lang="zh-Hans")))
    s.add_graph(g)
    second = s.snapshot()
    assert second != first
    ro = ox.Store.read_only(str(second))
    assert ro.query("ASK { GRAPH ?g { <https://w3id.org/tifa/term/w> ?p ?o } }")


def test_chunks_never_split_blank_nodes() -> None:
    g = ox.NamedNode("http://g/")
    quads = [ox.Quad(ox.NamedNode(f"http://s/{i}"), ox.NamedNode("http://p/"), ox.BlankNode(f"b{i // 3}"), g)
             for i in range(30)]
    quads += [ox.Quad(ox.BlankNode(f"b{i}"), ox.NamedNode("http://p/"), ox.Literal(str(i)), g) for i in range(10)]
    chunks = list(chunk_quads(quads, 4))
    assert sum(len(c) for c in chunks) == 40
    for label in (f"b{i}" for i in range(10)):
        holders = [n for n, c in enumerate(chunks) if any(label in (str(q.subject), str(q.object)) or
                                                          f"_:{label}" in (str(q.subject), str(q.object)) for q in c)]
        assert len(holders) == 1, label
    assert insert_data(quads[:1]).startswith("INSERT DATA {\nGRAPH <http://g/> {")


def test_named_graphs_are_ontology_and_terms(store: TermStore) -> None:
    rows = store.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert {str(r["g"]) for r in rows} == {"https://w3id.org/tifa/graph/ontology", "https://w3id.org/tifa/graph/terms"}


def test_rebuild_when_a_source_changes_with_size_and_mtime_kept(tmp_path: Path) -> None:
    """The source fingerprint (not a full hash on every start) still notices a same-size edit with mtime restored."""
    import os

    settings = Settings(project_root=make_project(tmp_path / "project"), data_dir=tmp_path / "data")
    store = EmbeddedStore(settings)
    assert store.load_sources(settings) is True
    assert store.load_sources(settings) is False  # unchanged: nothing rebuilt
    path = settings.graph_dir / "terms.ttl"
    st = path.stat()
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("일곱 가지 보장", "일곱 가지 보호"), encoding="utf-8")  # same byte length
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert path.stat().st_size == st.st_size
    assert store.load_sources(settings) is True
    rows = store.select('SELECT ?d WHERE { ?t <http://www.w3.org/2004/02/skos/core#definition> ?d }')
    assert any("보호" in str(r["d"]) for r in rows)
    store.close()
