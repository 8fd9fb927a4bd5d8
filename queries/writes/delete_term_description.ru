#+ summary: Remove a term's whole description from the terms graph: the list cells of its numeral groups, its fragment nodes (labels, groups, attestations), then its own statements
#+ params: term (iri); g (iri: the terms graph)
# Statements about the term made by other terms (skos:member, skos:related …) are theirs and stay.
# Three operations in this order, because the later ones remove the links the earlier ones follow.
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX tifa: <https://w3id.org/tifa/ontology#>

DELETE { GRAPH ?g { ?s ?p ?o } }
WHERE {
  GRAPH ?g { ?term tifa:numeralGroup/skos:memberList/rdf:rest* ?s . FILTER(isBlank(?s)) ?s ?p ?o }
} ;

DELETE { GRAPH ?g { ?s ?p ?o } }
WHERE {
  GRAPH ?g { ?term ?link ?s . FILTER(isIRI(?s) && STRSTARTS(STR(?s), CONCAT(STR(?term), "#"))) ?s ?p ?o }
} ;

DELETE { GRAPH ?g { ?term ?p ?o } }
WHERE {
  GRAPH ?g { ?term ?p ?o }
}
