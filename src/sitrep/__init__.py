"""sitrep: raw conflict-news pages to an evidence-linked, geocoded event dataset.

Data flows one way: read -> segment -> annotate -> extract -> resolve -> fuse -> store
-> export / serve. Each stage is a function over the dataclasses in `sitrep.records`.
"""

__version__ = "0.1.0"
