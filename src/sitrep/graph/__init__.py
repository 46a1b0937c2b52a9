"""The actor graph: edges from events and from relations stated in article text."""

from sitrep.graph.build import build_graph, graph_to_json, read_graphml, write_graphml
from sitrep.graph.relations import Relation, extract_relations, load_relation_rules
from sitrep.graph.store import index_relations, load_relations, write_relations

__all__ = [
    "Relation", "build_graph", "extract_relations", "graph_to_json", "index_relations", "load_relation_rules",
    "load_relations", "read_graphml", "write_graphml", "write_relations",
]  # fmt: skip
