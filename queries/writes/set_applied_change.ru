#+ summary: Record in the metadata graph the last change applied, and the source hash the terms graph was built from then
#+ params: meta (iri: the metadata graph); seq (literal^^xsd:integer)
# Runs in the same update request as the change itself, so the marker and the change commit together.
PREFIX tifa: <https://w3id.org/tifa/ontology#>

DELETE { GRAPH ?meta { ?meta tifa:appliedChange ?old . ?meta tifa:appliedOn ?oldHash } }
INSERT { GRAPH ?meta { ?meta tifa:appliedChange ?seq . ?meta tifa:appliedOn ?hash } }
WHERE {
  OPTIONAL { GRAPH ?meta { ?meta tifa:appliedChange ?old } }
  OPTIONAL { GRAPH ?meta { ?meta tifa:appliedOn ?oldHash } }
  OPTIONAL { GRAPH ?meta { ?meta tifa:sourceHash ?hash } }
}
