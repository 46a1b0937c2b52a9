"""Analyst review: confirm, reject or correct coded events, kept as an append-only overlay.

`ledger` stores and folds reviews (table `reviews`, migration 0010), `fields`
checks corrections, `apply` applies them to export rows, `gold` turns them into
realdev-format gold and scores the extractor against them, `cli` is the verb.
"""
