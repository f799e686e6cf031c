-- A prediction's outcome becomes a probability (core VotePredictions): how likely the vote was
-- right given all the debate's votes, since no debate knows the truth. Rows written before keep
-- their 0/1. `correct` stays, written as the outcome rounded, for readers of V3's schema.
-- (V7, not V5: main already has V5 and V6.)
ALTER TABLE predictions ADD COLUMN outcome DOUBLE PRECISION NOT NULL DEFAULT 0;
UPDATE predictions SET outcome = correct;
