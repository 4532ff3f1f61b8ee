"""meetgraph: who met whom in the technology industry, as a reasoned knowledge graph."""

__version__ = "0.1.0"
