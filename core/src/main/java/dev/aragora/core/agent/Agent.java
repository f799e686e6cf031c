package dev.aragora.core.agent;

import static java.util.Objects.requireNonNull;

import dev.aragora.core.debate.AgentUsage;
import dev.aragora.core.debate.Critique;
import dev.aragora.core.debate.Vote;
import dev.aragora.core.provider.CallContext;
import dev.aragora.core.provider.ChatMessage;
import dev.aragora.core.provider.ChatProvider;
import dev.aragora.core.provider.ChatRequest;
import dev.aragora.core.provider.ChatResponse;
import dev.aragora.core.provider.CostModel;
import dev.aragora.core.provider.TokenListener;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A debater: one provider and model, a stance, and the debate moves — generate, critique, revise,
 * vote, synthesize. Every move is one provider call whose reply must meet {@link Prompts}' contract.
 * Usage and cost of every successful call are accumulated per agent.
 */
public final class Agent {
  private static final int TEXT_TOKENS = 1200;
  private static final int JSON_TOKENS = 600;

  private final AgentSpec spec;
  private final ChatProvider provider;
  private final String model;
  private final String stance;
  private final String persona;
  private final CostModel costs;
  private final AtomicReference<AgentUsage> usage = new AtomicReference<>(AgentUsage.ZERO);

  /**
   * @param provider the provider with its resilience stack already applied
   * @param stance a sentence appended to the system prompt (the agent's cognitive role)
   * @param persona a short label passed to providers in the call context (the demo identity)
   */
  public Agent(AgentSpec spec, ChatProvider provider, String model, String stance, String persona, CostModel costs) {
    this.spec = requireNonNull(spec, "spec is null");
    this.provider = requireNonNull(provider, "provider is null");
    this.model = requireNonNull(model, "model is null");
    this.stance = stance == null ? "" : stance;
    this.persona = persona == null ? "" : persona;
    this.costs = requireNonNull(costs, "costs is null");
  }

  public String name() {
    return spec.name();
  }

  public AgentSpec spec() {
    return spec;
  }

  public String model() {
    return model;
  }

  public AgentUsage usage() {
    return usage.get();
  }

  /** Adds what this agent used in the same debate before a restart, so that totals stay whole on resume. */
  public void restoreUsage(AgentUsage before) {
    requireNonNull(before, "before is null");
    usage.updateAndGet(u -> new AgentUsage(u.calls() + before.calls(), u.tokensIn() + before.tokensIn(),
        u.tokensOut() + before.tokensOut(), u.costUsd() + before.costUsd()));
  }

  /** A reply's text plus who actually answered it (differs after a fallback). */
  public record Reply(String text, String provider, String model) {}

  public Reply generate(Turn turn, String question, String context, TokenListener tokens) throws InterruptedException {
    return reply(call(turn, "proposal", "", question, Prompts.proposal(question, context), TEXT_TOKENS, tokens));
  }

  public Critique critique(Turn turn, String question, String target, String targetText) throws InterruptedException {
    ChatResponse r = call(turn, "critique", target, question, Prompts.critique(question, target, targetText), JSON_TOKENS, null);
    ReplyParser.ParsedCritique c = ReplyParser.critique(r.text());
    return new Critique(name(), target, turn.round(), c.issues(), c.suggestions(), c.severity(), c.reasoning());
  }

  public Reply revise(Turn turn, String question, String ownText, List<String> critiques, TokenListener tokens)
      throws InterruptedException {
    return reply(call(turn, "revision", "", question, Prompts.revision(question, ownText, critiques), TEXT_TOKENS, tokens));
  }

  public Vote vote(Turn turn, String question, Map<String, String> positions) throws InterruptedException {
    ChatResponse r = call(turn, "vote", "", question, Prompts.vote(question, positions), JSON_TOKENS, null);
    ReplyParser.ParsedVote v = ReplyParser.vote(r.text(), positions.keySet(), r.provider());
    return new Vote(name(), v.choice(), v.confidence(), v.reasoning(), v.continueDebate());
  }

  public Reply synthesize(Turn turn, String question, Map<String, String> positions, List<String> critiques,
                          TokenListener tokens) throws InterruptedException {
    return reply(call(turn, "synthesis", "", question, Prompts.synthesis(question, positions, critiques), TEXT_TOKENS, tokens));
  }

  public Vote judgeVote(Turn turn, String question, String judge, String synthesis) throws InterruptedException {
    ChatResponse r = call(turn, "judge_vote", judge, question, Prompts.judgeVote(question, judge, synthesis), JSON_TOKENS, null);
    ReplyParser.ParsedVote v = ReplyParser.vote(r.text(), List.of(Vote.ACCEPT, Vote.REJECT), r.provider());
    return new Vote(name(), v.choice(), v.confidence(), v.reasoning(), v.continueDebate());
  }

  /** Identifies the debate, round and timeout of a move. */
  public record Turn(String debateId, int round, Duration timeout) {}

  private ChatResponse call(Turn turn, String phase, String target, String question, String prompt, int maxTokens, TokenListener tokens)
      throws InterruptedException {
    CallContext ctx = new CallContext(turn.debateId(), name(), phase, turn.round(), question, target, persona);
    ChatRequest request = new ChatRequest(model, Prompts.system(name(), stance), List.of(ChatMessage.user(prompt)),
        maxTokens, 0.7, tokens != null, turn.timeout(), ctx);
    ChatResponse response = provider.chat(request, tokens == null ? TokenListener.NONE : tokens);
    double cost = costs.costUsd(response.provider(), response.model(), response.usage());
    usage.updateAndGet(u -> u.plus(response.usage().inputTokens(), response.usage().outputTokens(), cost));
    return response;
  }

  private static Reply reply(ChatResponse r) {
    return new Reply(r.text().strip(), r.provider(), r.model());
  }
}
