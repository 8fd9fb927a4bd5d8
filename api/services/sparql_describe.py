"""Self-descriptions of the endpoint: the SPARQL Service Description and the VoID dataset description."""

from __future__ import annotations

from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, XSD

from api.queries import NamedQuery
from api.services.sparql_results import GRAPH_FORMATS, RESULT_FORMATS
from api.store import DEFAULT_GRAPHS, TermStore
from api.vocab import TIFA

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
VOID = Namespace("http://rdfs.org/ns/void#")
SH = Namespace("http://www.w3.org/ns/shacl#")
SCHEMA = Namespace("https://schema.org/")
FORMATS = Namespace("http://www.w3.org/ns/formats/")
_FORMAT_IRIS = {"json": "SPARQL_Results_JSON", "xml": "SPARQL_Results_XML", "csv": "SPARQL_Results_CSV",
                "tsv": "SPARQL_Results_TSV", "ttl": "Turtle", "jsonld": "JSON-LD", "nt": "N-Triples",
                "rdf": "RDF_XML"}
VOCABULARIES = ("http://www.w3.org/2004/02/skos/core#", "http://www.w3.org/2008/05/skos-xl#",
                "http://purl.org/dc/terms/", "http://www.w3.org/ns/prov#", str(TIFA))
DUMP_FORMATS = ("ttl", "nt", "jsonld", "trig")
_EXECUTABLE = {"SELECT": (SH.SPARQLSelectExecutable, SH.select), "ASK": (SH.SPARQLAskExecutable, SH.ask),
               "CONSTRUCT": (SH.SPARQLConstructExecutable, SH.construct),
               "DESCRIBE": (SH.SPARQLDescribeExecutable, SH.describe)}


def _bind(g: Graph) -> Graph:
    for prefix, ns in (("sd", SD), ("void", VOID), ("sh", SH), ("schema", SCHEMA), ("formats", FORMATS),
                       ("dct", DCTERMS), ("tifa", TIFA)):
        g.bind(prefix, ns)
    return g


def service_description(endpoint: str, base: str, queries: dict[str, NamedQuery], api_root: str) -> Graph:
    """``sd:Service`` for ``endpoint``: language, result formats, default dataset and the named queries."""
    g = _bind(Graph())
    svc = URIRef(endpoint)
    g.add((svc, RDF.type, SD.Service))
    g.add((svc, SD.endpoint, svc))
    g.add((svc, SD.supportedLanguage, SD.SPARQL11Query))
    g.add((svc, SD.feature, SD.UnionDefaultGraph))  # no BasicFederatedQuery: SERVICE is refused
    for f in RESULT_FORMATS + GRAPH_FORMATS:
        g.add((svc, SD.resultFormat, FORMATS[_FORMAT_IRIS[f.name]]))
    dataset, default = BNode(), BNode()
    g.add((svc, SD.defaultDataset, dataset))
    g.add((dataset, RDF.type, SD.Dataset))
    g.add((dataset, SD.defaultGraph, default))
    g.add((default, RDF.type, SD.Graph))
    g.add((default, RDFS.comment, Literal("The merge of the ontology and terms graphs.", lang="en")))
    for name in DEFAULT_GRAPHS:
        named = BNode()
        g.add((dataset, SD.namedGraph, named))
        g.add((named, SD.name, URIRef(base + name)))
    g.add((svc, RDFS.seeAlso, URIRef(api_root + ".well-known/void")))
    for q in queries.values():
        node = URIRef(f"{api_root}api/queries/{q.name}")
        cls, prop = _EXECUTABLE.get(q.form, _EXECUTABLE["SELECT"])
        g.add((node, RDF.type, SH.SPARQLExecutable))
        g.add((node, RDF.type, cls))
        g.add((node, RDFS.label, Literal(q.name)))
        if q.summary:
            g.add((node, RDFS.comment, Literal(q.summary, lang="en")))
        g.add((node, prop, Literal(q.text)))
        g.add((node, SCHEMA.target, svc))
        for p in q.parameters:
            g.add((node, SCHEMA.additionalProperty, Literal(f"{p.name}: {p.type_text}{'?' if p.optional else ''}")))
    return g


def void_description(store: TermStore, endpoint: str, api_root: str) -> Graph:
    """VoID for the dataset: size, vocabularies, example resources, the endpoint and the dump links."""
    base = store.base
    g = _bind(Graph())
    ds = URIRef(base + "dataset")
    g.add((ds, RDF.type, VOID.Dataset))
    g.add((ds, DCTERMS.title, Literal("tifa: Korean ↔ Chinese policy formulations (提法)", lang="en")))
    g.add((ds, DCTERMS.license, URIRef("https://creativecommons.org/licenses/by/4.0/")))
    g.add((ds, VOID.sparqlEndpoint, URIRef(endpoint)))
    g.add((ds, VOID.uriSpace, Literal(base + "term/")))
    g.add((ds, VOID.triples, Literal(store.triple_count(), datatype=XSD.integer)))
    counts = store.select(
        "SELECT (COUNT(DISTINCT ?t) AS ?terms) (COUNT(DISTINCT ?s) AS ?subjects) WHERE { "
        "{ ?t a ?class } UNION { ?s ?p ?o } }", {"class": TIFA.Term})
    if counts:
        g.add((ds, VOID.entities, Literal(int(counts[0].get("terms", 0)), datatype=XSD.integer)))
        g.add((ds, VOID.distinctSubjects, Literal(int(counts[0].get("subjects", 0)), datatype=XSD.integer)))
    part = BNode()
    g.add((ds, VOID.classPartition, part))
    g.add((part, VOID["class"], TIFA.Term))
    for vocab in VOCABULARIES:
        g.add((ds, VOID.vocabulary, URIRef(vocab)))
    examples = store.select("SELECT ?t WHERE { ?t a ?class ; ?notation ?slug } ORDER BY ?slug LIMIT 3",
                            {"class": TIFA.Term, "notation": URIRef("http://www.w3.org/2004/02/skos/core#notation")})
    for row in examples:
        g.add((ds, VOID.exampleResource, row["t"]))
    for fmt in DUMP_FORMATS:
        g.add((ds, VOID.dataDump, URIRef(f"{api_root}api/export?format={fmt}")))
    return g
