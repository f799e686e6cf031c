package dev.aragora.core.provider.demo;

import java.util.List;
import java.util.Locale;

/**
 * The demo identities: each has its own leaning over positions, its own phrase banks and its own
 * critique temper. Placeholders: {@code {focus}} is the question's key phrase, {@code {k}} one of
 * its content words, {@code {claim}} a claim quoted from the critiqued text.
 */
enum DemoPersona {
  PRAGMATIST(
      new int[] {1, 3, 4, 1, 1},
      "Practically speaking, what matters is what we can ship, measure and reverse.",
      List.of(
          "The team already has most of the skills {focus} needs, so the learning curve is short.",
          "Waiting has its own cost: the problems with how we handle {k} keep compounding.",
          "It can be rolled out in small steps, which keeps every step reversible."),
      List.of(
          "The effort would pull the best people off work that pays back sooner.",
          "Nothing around {k} is broken badly enough to justify the disruption.",
          "The switching cost is paid up front while the benefits arrive late, if at all."),
      List.of(
          "Set a clear exit criterion before starting, so a bad outcome can be stopped early.",
          "Start with the part of {focus} that has the fewest dependencies and measure it.",
          "Give it one owner and a fixed time budget, and review at the first milestone."),
      List.of("Bottom line: make the smallest move that teaches us something real.",
          "Decide on what we can observe in a quarter, not on what we hope for in three years."),
      List.of("\"{claim}\" does not say who does what first, or by when.",
          "\"{claim}\" sounds right but gives no first step anyone could start on Monday."),
      List.of("The answer skips the transition period, which is where most of the effort sits.",
          "There is no point at which the plan would be reviewed or stopped."),
      List.of("Name a first step that can be done within a month.",
          "Add an exit criterion and a review date.",
          "Say who owns the change around {k}."),
      "The direction is workable, but it needs a concrete first step and an owner.",
      1, 3, 6, 0.85),
  SKEPTIC(
      new int[] {0, 1, 1, 4, 4},
      "I am not persuaded by the usual arguments here.",
      List.of(
          "To be fair, the one claim that holds up is that the status quo on {k} has measurable costs.",
          "The evidence for a modest gain is decent, even if the headline claims are inflated.",
          "Some of the practical benefits around {k} are real and already visible in smaller teams."),
      List.of(
          "Most claims in favour of {focus} come from vendors and early adopters, not neutral studies.",
          "The benefits are described in general terms; none of them is measured against a baseline.",
          "Similar changes elsewhere have often failed quietly, and failures are rarely reported.",
          "The hidden costs around {k} (migration, retraining, upkeep) are routinely underestimated."),
      List.of(
          "Before anything else, define what result would prove the idea wrong.",
          "Measure {k} today; without a baseline no later gain can be verified.",
          "Treat every estimate as optimistic by a factor of two until shown otherwise."),
      List.of("Extraordinary promises need ordinary evidence first.",
          "Until someone shows numbers, the burden of proof stays with the change."),
      List.of("The claim \"{claim}\" is asserted without any evidence or source.",
          "\"{claim}\" assumes the best case; nothing says what happens if it does not hold."),
      List.of("No baseline is given, so any benefit around {k} cannot be checked.",
          "Survivorship bias: only the success stories are cited.",
          "The answer never states what would change its mind."),
      List.of("Cite one independent source or measured result for the central claim.",
          "State what outcome would show the position is wrong.",
          "Measure {k} before and after, against a baseline."),
      "The conclusion runs ahead of the evidence offered for it.",
      5, 9, 7, 0.65),
  OPTIMIST(
      new int[] {5, 3, 1, 0, 0},
      "The upside here is larger than it looks.",
      List.of(
          "Done well, {focus} opens options we cannot even price yet.",
          "The tooling and shared experience around {k} are far better than they were a few years ago.",
          "Early movers usually capture most of the learning, and that advantage compounds.",
          "People tend to rise to a clear, ambitious goal."),
      List.of(
          "Even I have to admit the timing is poor: current commitments around {k} leave no slack.",
          "The upside is real, but the same benefits are reachable with a smaller change.",
          "The risk is less the idea than rushing it without people on board."),
      List.of(
          "Aim high, but publish milestones so momentum stays visible.",
          "Celebrate the first small win with {k}; it will carry the harder parts.",
          "Keep a fallback plan so ambition does not turn into recklessness."),
      List.of("The cost of playing it safe is usually invisible until it is too late.",
          "This is a chance to get ahead, not just to keep up."),
      List.of("\"{claim}\" undersells the upside: it treats a likely gain as a risk.",
          "\"{claim}\" is framed only as a cost, never as an opportunity."),
      List.of("The answer is so cautious it never says what success would look like.",
          "It ignores how fast the landscape around {k} is improving."),
      List.of("Spell out the best realistic outcome and how to reach it.",
          "Add one quick win to build momentum.",
          "Say what we would gain around {k} if it works."),
      "A solid answer, though it could be bolder about the upside.",
      1, 4, 4, 0.9),
  ECONOMIST(
      new int[] {2, 3, 1, 2, 2},
      "Follow the costs, the benefits and the incentives.",
      List.of(
          "The expected return is positive once recurring savings on {k} are counted over three to five years.",
          "Opportunity cost favours acting: capital and attention tied up in the status quo earn little.",
          "The incentives line up: the people who bear the cost also capture the benefit."),
      List.of(
          "The up-front cost is certain, while the savings on {k} are speculative and back-loaded.",
          "Discounted at any realistic rate, the payback period for {focus} is too long.",
          "It shifts costs onto people who get none of the benefit, which invites resistance."),
      List.of(
          "Price the downside explicitly: what does it cost to reverse course after a year?",
          "Fund it in tranches tied to measured returns on {k}.",
          "Compare it against the cheapest credible alternative, not against doing nothing."),
      List.of("Decisions like this should be made at the margin, with numbers on the table.",
          "If it cannot be costed, it is not yet ready to be decided."),
      List.of("\"{claim}\" ignores the cost side; no numbers are attached to it.",
          "\"{claim}\" treats a sunk cost as if it were still recoverable."),
      List.of("There is no comparison against the cheapest alternative.",
          "Who pays and who benefits around {k} is never made explicit."),
      List.of("Attach a rough cost and payback estimate for {k}.",
          "Compare against the cheapest credible alternative.",
          "Fund the work in stages tied to measured returns."),
      "The argument is plausible but not priced, so it cannot be weighed yet.",
      3, 7, 5, 0.8),
  ENGINEER(
      new int[] {1, 3, 3, 1, 2},
      "Looking at this as a system that someone has to build and run:",
      List.of(
          "Architecturally, {focus} removes a bottleneck that limits how far the current design can go.",
          "It simplifies the failure modes around {k}, provided the interfaces are kept narrow.",
          "Modern automation keeps the operational overhead manageable."),
      List.of(
          "It adds moving parts, and every new boundary around {k} is a new place to fail.",
          "Observability, testing and deployment all get harder before they get easier.",
          "The current problems are mostly local and can be fixed in place."),
      List.of(
          "Define the interfaces and a rollback path before moving anything.",
          "Load-test the new design with production-like data for {k} first.",
          "Change one component at a time behind a feature flag."),
      List.of("Build the smallest version that can fail safely, then iterate.",
          "Whatever we choose, make it observable and reversible."),
      List.of("\"{claim}\" does not address failure modes or rollback.",
          "\"{claim}\" is an architecture claim with no design behind it."),
      List.of("Operational load around {k} (monitoring, on-call, testing) is not accounted for.",
          "Nothing is said about migration order or data consistency."),
      List.of("Describe the rollback path if {k} misbehaves in production.",
          "Add a load test or canary release before full rollout.",
          "Define the interfaces first and keep them narrow."),
      "Reasonable in outline; the operational details are missing.",
      3, 8, 6, 0.85),
  ETHICIST(
      new int[] {1, 3, 1, 2, 3},
      "The first question is who bears the consequences.",
      List.of(
          "It would serve the people affected by {focus} better than the current arrangement does.",
          "Acting openly now is fairer than letting the costs of {k} fall on those with the least say.",
          "Being transparent about the change builds the trust it needs."),
      List.of(
          "The people most affected by {focus} have not been asked, and consent matters.",
          "The risks fall on those least able to absorb them, while the gains go elsewhere.",
          "It is easy to do, but being easy is not the same as being right."),
      List.of(
          "Consult those affected before deciding, and record their objections.",
          "Give anyone harmed by changes to {k} a way to raise concerns and be heard.",
          "Publish the criteria used to decide, so the choice can be scrutinised."),
      List.of("A good decision here is one we could defend to the people it affects.",
          "Fair process matters as much as the outcome."),
      List.of("\"{claim}\" is silent on who bears the risk.",
          "\"{claim}\" counts benefits but not the people who pay for them."),
      List.of("The people affected by {k} are not consulted anywhere in the answer.",
          "There is no way for those harmed to object or be heard."),
      List.of("Consult the people affected and record their objections.",
          "Add a way for those harmed to raise concerns.",
          "Publish the decision criteria."),
      "The position may be right, but it has not been justified to those it affects.",
      2, 7, 5, 0.8);

  /** Leaning over {@link DemoPosition} values, in declaration order. */
  final int[] positionWeights;
  final String style;
  final List<String> pro;
  final List<String> con;
  final List<String> conditions;
  final List<String> closings;
  final List<String> claimIssues;
  final List<String> issues;
  final List<String> suggestions;
  final String critiqueReasoning;
  final int minSeverity;
  final int maxSeverity;
  /** How readily this identity votes for someone else's position (0-10). */
  final int openness;
  /** Probability of accepting a judge's synthesis. */
  final double acceptRate;

  DemoPersona(int[] positionWeights, String style, List<String> pro, List<String> con, List<String> conditions,
              List<String> closings, List<String> claimIssues, List<String> issues, List<String> suggestions,
              String critiqueReasoning, int minSeverity, int maxSeverity, int openness, double acceptRate) {
    this.positionWeights = positionWeights;
    this.style = style;
    this.pro = pro;
    this.con = con;
    this.conditions = conditions;
    this.closings = closings;
    this.claimIssues = claimIssues;
    this.issues = issues;
    this.suggestions = suggestions;
    this.critiqueReasoning = critiqueReasoning;
    this.minSeverity = minSeverity;
    this.maxSeverity = maxSeverity;
    this.openness = openness;
    this.acceptRate = acceptRate;
  }

  String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The identity for a persona name: a known name maps to itself; any other name (including an
   * agent name such as {@code demo#2}) maps onto one of the identities by a stable hash.
   */
  static DemoPersona resolve(String name) {
    String key = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
    int hash = key.indexOf('#');
    String base = hash < 0 ? key : key.substring(0, hash);
    for (DemoPersona p : values()) if (p.id().equals(base)) return p;
    if (key.isEmpty()) key = "demo";
    return values()[Math.floorMod(DemoSeed.of("persona", key), values().length)];
  }
}
