package dev.aragora.core.ranking;

/**
 * How one agent came out of a match. The winner wins; with consensus the others draw (they agreed
 * with the decision), without it they lose. A debate without a winner is {@link #UNRATED}: it is
 * recorded as a match but counts for nobody.
 */
public enum MatchResult {
  WIN, DRAW, LOSS, UNRATED
}
