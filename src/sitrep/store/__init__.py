"""SQLite store: `Store` (documents, comments, events) with numbered migrations."""

from sitrep.store.db import EVENT_COLUMNS, Store

__all__ = ["EVENT_COLUMNS", "Store"]
