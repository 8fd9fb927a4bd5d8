"""Exchange formats: TBX, CSV/TSV glossaries and RDF dumps out of the store, and imports back in.

Every module here handles terms as :class:`api.model.Term`; RDF dumps work on the
stored triples themselves so that a dump reloads to an isomorphic graph.
"""
