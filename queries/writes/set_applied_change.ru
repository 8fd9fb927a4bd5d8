#+ summary: Record in the metadata graph the last change applied, and the id of the store build it was applied on
#+ params: meta (iri: the metadata graph); seq (literal^^xsd:integer)
# Runs in the same update request as the change itself, so the marker and the change commit together.
PREFIX tifa: <https://w3id.org/tifa/ontology#>

DELETE { GRAPH ?meta { ?meta tifa:appliedChange ?old . ?meta tifa:appliedOn ?oldBuild } }
INSERT { GRAPH ?meta { ?meta tifa:appliedChange ?seq . ?meta tifa:appliedOn ?build } }
WHERE {
  OPTIONAL { GRAPH ?meta { ?meta tifa:appliedChange ?old } }
  OPTIONAL { GRAPH ?meta { ?meta tifa:appliedOn ?oldBuild } }
  OPTIONAL { GRAPH ?meta { ?meta tifa:buildId ?build } }
}
