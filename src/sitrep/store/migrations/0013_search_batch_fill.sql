-- 0013 the page-text and comment search indexes of 0009 are filled once per written batch
-- (Store.write_batch, sitrep.store.searchindex) instead of by a trigger per inserted row:
-- FTS5 takes a batch's rows in one INSERT ... SELECT at less than half the CPU.
-- Rows written before this migration are already indexed; delete triggers stay.
DROP TRIGGER IF EXISTS search_segments_ai;
DROP TRIGGER IF EXISTS search_comments_ai;
