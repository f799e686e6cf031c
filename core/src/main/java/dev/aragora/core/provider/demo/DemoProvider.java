package dev.aragora.core.provider.demo;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aragora.core.agent.Prompts;
import dev.aragora.core.provider.CallContext;
import dev.aragora.core.provider.ChatMessage;
import dev.aragora.core.provider.ChatProvider;
import dev.aragora.core.provider.ChatRequest;
import dev.aragora.core.provider.ChatResponse;
import dev.aragora.core.provider.TokenListener;
import dev.aragora.core.provider.Usage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An offline provider that plays a debate without any API key. Replies are deterministic for
 * (question, agent, phase, round, target), follow the {@link Prompts} reply contract for every
 * phase, and are visibly marked as demo output: free text starts with {@value #MARK}, JSON replies
 * carry {@code "demo": true}.
 *
 * <p>Each agent plays one of several identities ({@link #PERSONAS}) with its own leaning, phrase
 * banks and critique temper. Plain {@code demo} agents and unknown persona names are mapped onto one
 * of them by a stable hash of the name.
 */
public final class DemoProvider implements ChatProvider {
  /** The provider name reported in every response. */
  public static final String PROVIDER = "demo";
  /** Prefix of every free-text reply. */
  public static final String MARK = "[demo] ";
  /** The built-in demo identities. */
  public static final List<String> PERSONAS = Arrays.stream(DemoPersona.values()).map(DemoPersona::id).toList();

  private static final ObjectMapper JSON = dev.aragora.core.provider.http.Json.mapper();
  private static final Pattern WORD = Pattern.compile("\\S+");
  private static final Pattern CHUNK_BOUNDARY = Pattern.compile("(?<=\\s)(?=\\S)");
  private static final Pattern CRITIQUE_ENTRY = Pattern.compile("(?m)^\\d+\\.\\s+");
  private static final Pattern LINE_BREAK = Pattern.compile("\\R");
  private static final Pattern BULLET = Pattern.compile("^(?:[-*\u2022]|\\d+[.)])\\s+");
  private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])\\s+");
  private static final Pattern SUGGEST_LABEL = Pattern.compile("(?i)suggest(?:ion)?s?\\s*:\\s*");
  private static final Pattern SUGGEST_END = Pattern.compile("[;\\n]|(?<=[.!?])\\s");
  private static final Pattern NAME_LABEL = Pattern.compile("^[^\\s:]{1,40}(?:\\s*\\([^)]*\\))?:\\s+");
  private static final Pattern FIRST_SENTENCE_END = Pattern.compile("\\n|(?<=[.!?])\\s");
  private static final Pattern QUESTION_LINE = Pattern.compile("(?m)^Question: (.*)$");
  private static final Pattern TRAILING_PUNCT = Pattern.compile("[\\s.,;:!?]+$");
  private static final Pattern HEADLINE_PREFIX = Pattern.compile("^(?:(?:Position|Decision) \\([^)]*\\):|Revised:)\\s*");

  private final String persona;
  private final Duration latency;

  /** A provider for the demo identity {@code persona} (empty: chosen from the agent's name), with no latency. */
  public DemoProvider(String persona) {
    this(persona, Duration.ZERO);
  }

  /**
   * @param persona demo identity such as {@code skeptic}; empty to derive it from each call's agent name
   * @param latency time each call blocks the calling thread (interruptibly); zero for none
   */
  public DemoProvider(String persona, Duration latency) {
    this.persona = persona == null ? "" : persona.strip();
    this.latency = requireNonNull(latency, "latency is null");
    if (latency.isNegative()) throw new IllegalArgumentException("negative latency: " + latency);
  }

  public String persona() {
    return persona;
  }

  public Duration latency() {
    return latency;
  }

  @Override
  public ChatResponse chat(ChatRequest request, TokenListener tokens) throws InterruptedException {
    if (Thread.interrupted()) throw new InterruptedException();
    CallContext ctx = request.context();
    String prompt = lastUserMessage(request);
    String phase = ctx.phase().isBlank() ? inferPhase(prompt) : ctx.phase().strip().toLowerCase(Locale.ROOT);
    String question = ctx.question().isBlank() ? questionIn(prompt) : ctx.question();
    String agent = ctx.agent().isBlank() ? (persona.isEmpty() ? "demo" : "demo:" + persona) : ctx.agent();
    DemoPersona identity = DemoPersona.resolve(
        !persona.isEmpty() ? persona : !ctx.persona().isBlank() ? ctx.persona() : agent);
    Call call = new Call(identity, agent, question, DemoTopic.of(question), ctx.round(), ctx.target(), phase,
        DemoSeed.random("call", phase, question, agent, Integer.toString(ctx.round()), ctx.target()));

    String text;
    boolean freeText = true;
    switch (phase) {
      case "critique" -> {
        text = critique(call, prompt);
        freeText = false;
      }
      case "vote" -> {
        text = vote(call, prompt);
        freeText = false;
      }
      case "judge_vote" -> {
        text = judgeVote(call, prompt);
        freeText = false;
      }
      case "revision" -> text = MARK + revision(call, prompt);
      case "synthesis" -> text = MARK + synthesis(call, prompt);
      default -> text = MARK + proposal(call);
    }

    String finish = "stop";
    if (freeText && (text.length() + 3) / 4 > request.maxTokens()) {
      text = cutAtWord(text, request.maxTokens() * 4);
      finish = "length";
    }

    if (request.stream()) {
      // Chunk i is due at start + latency * (i + 1) / n: pacing against the call's start rather than
      // sleeping latency / n per chunk keeps each sleep's overshoot (timer slack, scheduling delay)
      // from adding up over a hundred chunks, so the call takes latency, not latency plus n overshoots.
      String[] chunks = CHUNK_BOUNDARY.split(text);
      long start = System.nanoTime();
      long total = latency.toNanos();
      for (int i = 0; i < chunks.length; i++) {
        long wait = start + total * (i + 1) / chunks.length - System.nanoTime();
        if (wait > 0) Thread.sleep(Duration.ofNanos(wait));
        tokens.onToken(chunks[i]);
      }
    } else if (!latency.isZero()) {
      Thread.sleep(latency);
    }

    Usage usage = new Usage(estimateTokens(promptChars(request)), estimateTokens(text.length()));
    String model = "demo-" + (persona.isEmpty() ? identity.id() : persona);
    return new ChatResponse(text, usage, PROVIDER, model, finish);
  }

  /** Everything one reply is derived from. */
  private record Call(DemoPersona identity, String agent, String question, DemoTopic topic, int round,
                      String target, String phase, SplittableRandom rng) {
    /** The agent's stance on the question: fixed for (question, agent), leaning as its identity does. */
    DemoPosition position() {
      return positionOf(identity, agent, question);
    }
  }

  static DemoPosition positionOf(DemoPersona identity, String agent, String question) {
    SplittableRandom r = DemoSeed.random("position", question, agent);
    int total = Arrays.stream(identity.positionWeights).sum();
    int x = r.nextInt(total);
    for (DemoPosition p : DemoPosition.values()) {
      x -= identity.positionWeights[p.ordinal()];
      if (x < 0) return p;
    }
    return DemoPosition.CONDITIONAL;
  }

  // ---------------------------------------------------------------- proposal

  private static String proposal(Call c) {
    SplittableRandom rng = c.rng();
    DemoPosition pos = c.position();
    Banks banks = new Banks(c.identity(), rng);
    List<String> lines = new ArrayList<>();
    lines.add("Position (" + pos.label + "): " + pos.headline(c.topic()));
    lines.add(c.identity().style);
    List<String> plan = switch (pos) {
      case ADOPT -> List.of("pro", "pro", "pro", "cond");
      case CONDITIONAL -> List.of("pro", "cond", "cond", "pro");
      case PILOT -> List.of("cond", "pro", "cond", "con");
      case MORE_DATA -> List.of("con", "cond", "cond", "con");
      case REJECT -> List.of("con", "con", "con", "cond");
    };
    int count = 2 + rng.nextInt(3);
    String closing = pick(c.identity().closings, rng);
    List<String> reasons = new ArrayList<>();
    for (int i = 0; i < plan.size(); i++) {
      if (i >= count && words(String.join(" ", lines) + " " + String.join(" ", reasons) + " " + closing) >= 60) break;
      reasons.add("- " + fill(banks.next(plan.get(i)), c.topic(), rng, ""));
    }
    lines.addAll(reasons);
    lines.add(closing);
    return String.join("\n", lines);
  }

  /** Hands out reasons from an identity's banks without repeating one. */
  private static final class Banks {
    private final Map<String, List<String>> left = new LinkedHashMap<>();
    private final SplittableRandom rng;

    Banks(DemoPersona p, SplittableRandom rng) {
      this.rng = rng;
      left.put("pro", new ArrayList<>(p.pro));
      left.put("con", new ArrayList<>(p.con));
      left.put("cond", new ArrayList<>(p.conditions));
    }

    String next(String kind) {
      List<String> bank = left.get(kind);
      if (bank.isEmpty()) bank = left.values().stream().filter(b -> !b.isEmpty()).findFirst().orElseThrow();
      return bank.remove(rng.nextInt(bank.size()));
    }
  }

  // ---------------------------------------------------------------- critique

  private static String critique(Call c, String prompt) {
    SplittableRandom rng = c.rng();
    DemoPersona p = c.identity();
    List<String> names = Prompts.sectionNames(prompt);
    String target = !c.target().isBlank() && names.contains(c.target()) ? c.target()
        : names.isEmpty() ? c.target() : names.get(0);
    String targetText = stripMark(Prompts.section(prompt, target).orElse(""));
    String claim = pickClaim(targetText, rng);

    List<String> issues = new ArrayList<>();
    issues.add(fill(pick(p.claimIssues, rng), c.topic(), rng, claim));
    List<String> general = new ArrayList<>(p.issues);
    int extra = rng.nextInt(3);
    for (int i = 0; i < extra && !general.isEmpty(); i++)
      issues.add(fill(general.remove(rng.nextInt(general.size())), c.topic(), rng, claim));

    List<String> suggestions = new ArrayList<>();
    List<String> bank = new ArrayList<>(p.suggestions);
    int n = 1 + rng.nextInt(Math.min(3, bank.size()));
    for (int i = 0; i < n; i++) suggestions.add(fill(bank.remove(rng.nextInt(bank.size())), c.topic(), rng, claim));

    int severity = p.minSeverity + rng.nextInt(p.maxSeverity - p.minSeverity + 1);
    double agreement = c.position().affinity(DemoPosition.detect(targetText));
    if (agreement >= 1.0) severity--;
    else if (agreement <= 0.5) severity++;
    severity = Math.clamp(severity, 1, 9);

    Map<String, Object> reply = new LinkedHashMap<>();
    reply.put("issues", issues);
    reply.put("suggestions", suggestions);
    reply.put("severity", severity);
    reply.put("reasoning", (target.isBlank() ? "" : "On " + target + "'s answer: ") + p.critiqueReasoning);
    reply.put("demo", true);
    return json(reply);
  }

  /** One sentence or bullet of {@code text}, verbatim (at most 20 words), to point a critique at. */
  static String pickClaim(String text, SplittableRandom rng) {
    List<String> claims = new ArrayList<>();    // bullets and headlines: the text's own claims
    List<String> sentences = new ArrayList<>(); // any other sentence of five words or more
    List<String> fallback = new ArrayList<>();
    for (String line : LINE_BREAK.split(text)) {
      String stripped = line.strip();
      String l = BULLET.matcher(stripped).replaceFirst("");
      boolean claim = !l.equals(stripped) || HEADLINE_PREFIX.matcher(l).find();
      l = HEADLINE_PREFIX.matcher(l).replaceFirst("");
      if (l.isBlank()) continue;
      fallback.add(l);
      for (String s : SENTENCE_END.split(l)) if (words(s) >= 5) (claim ? claims : sentences).add(s.strip());
    }
    List<String> candidates = !claims.isEmpty() ? claims : !sentences.isEmpty() ? sentences : fallback;
    if (candidates.isEmpty()) return "the answer";
    String claim = candidates.get(rng.nextInt(candidates.size()));
    return trimPoint(claim, 20);
  }

  // ---------------------------------------------------------------- revision

  private static String revision(Call c, String prompt) {
    SplittableRandom rng = c.rng();
    String own = stripMark(Prompts.section(prompt, "you").orElse("")).strip();
    List<String> critiques = critiquesIn(prompt);
    long earlier = own.lines().filter(l -> l.startsWith("Revised")).count();
    String point = critiques.isEmpty() ? null
        : pointOf(critiques.get(rng.nextInt(critiques.size())), earlier == 0 ? 20 : earlier == 1 ? 15 : 8);

    if (own.isEmpty()) own = proposal(c);
    List<String> lines = new ArrayList<>(own.lines().filter(l -> !l.isBlank()).toList());

    if (earlier == 0) {
      boolean heavy = rng.nextInt(4) != 0;
      String note = point == null ? "Revised: no critiques received; the position stands as argued."
          : "Revised: keeping my position, and taking on board this critique: " + point + ".";
      if (heavy) return rebuild(c, lines, note);
      // light first revision: a new closing line plus the note
      int closing = lastPlainLine(lines);
      String newClosing = pick(REVISION_CLOSINGS, rng);
      if (closing >= 0) lines.set(closing, newClosing);
      else lines.add(newClosing);
      lines.add(note);
      return String.join("\n", lines);
    }
    String note = point == null ? "Revised: no new critiques; unchanged."
        : earlier == 1 ? "Revised: also addressed this point: " + point + "."
        : "Revised: minor, " + point + ".";
    lines.add(note);
    return String.join("\n", lines);
  }

  private static final List<String> REVISION_CLOSINGS = List.of(
      "The critiques sharpened the conditions; the core position stands.",
      "Having weighed the objections, I hold the position with the safeguards above.",
      "The objections are fair on detail but do not overturn the conclusion.");

  /** A first revision that keeps the headline and the strongest reason, and replaces the rest. */
  private static String rebuild(Call c, List<String> lines, String note) {
    SplittableRandom rng = c.rng();
    DemoPosition pos = c.position();
    String headline = lines.stream().filter(l -> l.startsWith("Position")).findFirst()
        .orElse("Position (" + pos.label + "): " + pos.headline(c.topic()));
    List<String> bullets = lines.stream().filter(l -> l.startsWith("- ")).toList();
    List<String> out = new ArrayList<>();
    out.add(headline);
    if (!bullets.isEmpty()) out.add(bullets.get(0));
    if (bullets.size() > 2 && rng.nextBoolean()) out.add(bullets.get(1));
    String existing = String.join("\n", lines);
    List<String> fresh = new ArrayList<>();
    for (String cond : c.identity().conditions) {
      String filled = fill(cond, c.topic(), rng, "");
      if (!existing.contains(filled)) fresh.add(filled);
    }
    int add = Math.min(fresh.size(), 1 + rng.nextInt(2));
    for (int i = 0; i < add; i++) out.add("- " + fresh.remove(rng.nextInt(fresh.size())));
    out.add(pick(REVISION_CLOSINGS, rng));
    out.add(note);
    return String.join("\n", out);
  }

  private static int lastPlainLine(List<String> lines) {
    for (int i = lines.size() - 1; i > 0; i--) {
      String l = lines.get(i);
      if (!l.startsWith("- ") && !l.startsWith("Position") && !l.startsWith("Revised")) return i;
    }
    return -1;
  }

  /** The numbered critiques listed in a revision prompt. */
  static List<String> critiquesIn(String prompt) {
    int start = prompt.indexOf("Critiques of it:");
    if (start < 0) return List.of();
    start += "Critiques of it:".length();
    int end = prompt.indexOf("\nWrite your revised answer", start);
    String block = end < 0 ? prompt.substring(start) : prompt.substring(start, end);
    List<String> out = new ArrayList<>();
    for (String entry : CRITIQUE_ENTRY.split(block)) if (!entry.isBlank()) out.add(entry.strip());
    return out;
  }

  /** The actionable point of one critique: its first suggestion if it is JSON or labels one, else its first sentence. */
  static String pointOf(String critique, int maxWords) {
    int open = critique.indexOf('{');
    int close = critique.lastIndexOf('}');
    if (open >= 0 && close > open) {
      try {
        JsonNode node = JSON.readTree(critique.substring(open, close + 1));
        for (String field : List.of("suggestions", "issues")) {
          JsonNode list = node.path(field);
          if (list.isArray() && !list.isEmpty() && !list.get(0).asText().isBlank())
            return trimPoint(list.get(0).asText(), maxWords);
        }
      } catch (JsonProcessingException ignored) {
        // not JSON after all: fall through to plain text
      }
    }
    String text = critique;
    Matcher label = SUGGEST_LABEL.matcher(text);
    if (label.find()) {
      text = text.substring(label.end());
      text = SUGGEST_END.split(text)[0];
    } else {
      text = NAME_LABEL.matcher(text).replaceFirst("");
      text = FIRST_SENTENCE_END.split(text)[0];
    }
    return trimPoint(text, maxWords);
  }

  // ---------------------------------------------------------------- votes

  private static String vote(Call c, String prompt) {
    SplittableRandom rng = c.rng();
    DemoPersona p = c.identity();
    DemoPosition own = c.position();
    List<String> names = Prompts.sectionNames(prompt);
    String choice = c.agent();
    double bestScore = Double.NEGATIVE_INFINITY;
    DemoPosition chosen = own;
    Map<String, DemoPosition> positions = new LinkedHashMap<>();
    for (String name : names) {
      String text = Prompts.section(prompt, name).orElse("");
      DemoPosition pos = DemoPosition.detect(text);
      positions.put(name, pos);
      long bullets = text.lines().filter(l -> l.strip().startsWith("- ")).count();
      double support = Math.min(1.0, bullets / 4.0) * 0.5 + (text.contains("Revised") ? 0.2 : 0.0)
          + Math.min(0.3, words(text) / 400.0);
      double score = 0.55 * own.affinity(pos) + 0.3 * support + 0.35 * rng.nextDouble()
          - (name.equals(c.agent()) ? 0.2 : 0.0); // modesty: own position wins only when clearly best
      if (score > bestScore) {
        bestScore = score;
        choice = name;
        chosen = pos;
      }
    }
    boolean wild = names.size() > 1 && rng.nextInt(100) < 2 * p.openness;
    if (wild) {
      choice = names.get(rng.nextInt(names.size()));
      chosen = positions.get(choice);
    }
    double confidence = wild ? 0.5 + 0.15 * rng.nextDouble()
        : 0.5 + 0.3 * rng.nextDouble() + 0.15 * own.affinity(chosen);
    confidence = Math.round(Math.clamp(confidence, 0.5, 0.95) * 100) / 100.0;
    boolean more = rng.nextDouble() < (confidence < 0.65 ? 0.5 : 0.15);

    String reasoning;
    if (choice.equals(c.agent())) {
      reasoning = "My own position (" + chosen.label + ") still looks best supported after the critiques.";
    } else if (wild) {
      reasoning = "Not my stance, but " + choice + " makes the most concrete case.";
    } else if (own.affinity(chosen) >= 0.75) {
      reasoning = choice + "'s position (" + chosen.label + ") is closest to mine and the best argued.";
    } else {
      reasoning = choice + " gives the strongest reasons, even though I lean towards " + own.label + ".";
    }
    Map<String, Object> reply = new LinkedHashMap<>();
    reply.put("choice", choice);
    reply.put("confidence", confidence);
    reply.put("reasoning", reasoning);
    reply.put("continue_debate", more);
    reply.put("demo", true);
    return json(reply);
  }

  private static String judgeVote(Call c, String prompt) {
    SplittableRandom rng = c.rng();
    List<String> names = Prompts.sectionNames(prompt);
    String decision = names.isEmpty() ? "" : stripMark(Prompts.section(prompt, names.get(0)).orElse(""));
    DemoPosition proposed = DemoPosition.detect(decision);
    double acceptRate = c.identity().acceptRate + (c.position().affinity(proposed) >= 0.75 ? 0.1 : -0.05);
    boolean accept = rng.nextDouble() < acceptRate;
    double confidence = Math.round((0.55 + 0.4 * rng.nextDouble()) * 100) / 100.0;
    String reasoning = accept
        ? "The decision (" + proposed.label + ") is defensible and states the conditions it depends on."
        : "I cannot accept it as it stands: " + decapitalize(c.identity().critiqueReasoning);
    Map<String, Object> reply = new LinkedHashMap<>();
    reply.put("choice", accept ? "accept" : "reject");
    reply.put("confidence", confidence);
    reply.put("reasoning", reasoning);
    reply.put("continue_debate", false);
    reply.put("demo", true);
    return json(reply);
  }

  // ---------------------------------------------------------------- synthesis

  private static String synthesis(Call c, String prompt) {
    SplittableRandom rng = c.rng();
    DemoPosition own = c.position();
    List<String> names = Prompts.sectionNames(prompt);
    Map<String, DemoPosition> positions = new LinkedHashMap<>();
    Map<DemoPosition, Integer> counts = new EnumMap<>(DemoPosition.class);
    for (String name : names) {
      DemoPosition pos = DemoPosition.detect(Prompts.section(prompt, name).orElse(""));
      positions.put(name, pos);
      counts.merge(pos, 1, Integer::sum);
    }
    DemoPosition decision = own;
    int best = 0;
    for (DemoPosition pos : DemoPosition.values()) {
      int n = counts.getOrDefault(pos, 0);
      if (n > best || (n == best && n > 0 && own.affinity(pos) > own.affinity(decision))) {
        best = n;
        decision = pos;
      }
    }
    List<String> supporters = new ArrayList<>();
    List<String> dissenters = new ArrayList<>();
    for (var e : positions.entrySet()) (e.getValue() == decision ? supporters : dissenters).add(e.getKey());

    List<String> lines = new ArrayList<>();
    lines.add("Decision (" + decision.label + "): " + decision.headline(c.topic()));
    if (!names.isEmpty()) {
      lines.add("Supported by " + (supporters.isEmpty() ? "no single agent" : String.join(", ", supporters))
          + (dissenters.isEmpty() ? "; no agent dissented." : "; " + String.join(", ", dissenters) + " took other positions."));
    }
    lines.add("Conditions:");
    List<String> conds = new ArrayList<>(c.identity().conditions);
    DemoPersona other = DemoPersona.values()[rng.nextInt(DemoPersona.values().length)];
    conds.addAll(other.conditions);
    String first = conds.remove(rng.nextInt(c.identity().conditions.size()));
    lines.add("- " + fill(first, c.topic(), rng, ""));
    String second = conds.remove(rng.nextInt(conds.size()));
    lines.add("- " + fill(second, c.topic(), rng, ""));

    String objection;
    if (!dissenters.isEmpty()) {
      String who = dissenters.get(rng.nextInt(dissenters.size()));
      objection = who + " (" + positions.get(who).label + ") argues: \""
          + pickClaim(stripMark(Prompts.section(prompt, who).orElse("")), rng) + "\".";
    } else {
      List<String> raised = mainCritiques(prompt);
      objection = raised.isEmpty()
          ? fill(pick(c.identity().con, rng), c.topic(), rng, "")
          : "\"" + trimPoint(raised.get(rng.nextInt(raised.size())), 20) + "\".";
    }
    lines.add("Strongest remaining objection: " + objection);
    return String.join("\n", lines);
  }

  private static List<String> mainCritiques(String prompt) {
    int start = prompt.indexOf("Main critiques raised:");
    if (start < 0) return List.of();
    return prompt.substring(start).lines().filter(l -> l.startsWith("- ")).map(l -> l.substring(2).strip())
        .filter(l -> !l.isEmpty()).toList();
  }

  // ---------------------------------------------------------------- helpers

  private static String lastUserMessage(ChatRequest request) {
    List<ChatMessage> messages = request.messages();
    for (int i = messages.size() - 1; i >= 0; i--)
      if (messages.get(i).role() == ChatMessage.Role.USER) return messages.get(i).content();
    return messages.get(messages.size() - 1).content();
  }

  /** The phase a prompt was built for, when the call context does not say. */
  static String inferPhase(String prompt) {
    if (prompt.contains(Prompts.JUDGE_VOTE_FORMAT)) return "judge_vote";
    if (prompt.contains(Prompts.VOTE_FORMAT)) return "vote";
    if (prompt.contains(Prompts.CRITIQUE_FORMAT)) return "critique";
    if (prompt.contains("Critiques of it:")) return "revision";
    if (prompt.contains("You are the judge.")) return "synthesis";
    return "proposal";
  }

  private static String questionIn(String prompt) {
    Matcher m = QUESTION_LINE.matcher(prompt);
    return m.find() ? m.group(1).strip() : prompt.strip();
  }

  private static String fill(String template, DemoTopic topic, SplittableRandom rng, String claim) {
    String k = topic.keys().get(rng.nextInt(topic.keys().size()));
    return template.replace("{focus}", topic.focus()).replace("{k}", k).replace("{claim}", claim);
  }

  private static <T> T pick(List<T> items, SplittableRandom rng) {
    return items.get(rng.nextInt(items.size()));
  }

  private static String stripMark(String text) {
    String t = text.strip();
    return t.startsWith(MARK.strip()) ? t.substring(MARK.strip().length()).strip() : t;
  }

  /** {@code text} cut after at most {@code maxWords} words, without trailing punctuation: still a substring of it. */
  private static String trimPoint(String text, int maxWords) {
    String t = text.strip();
    Matcher m = WORD.matcher(t);
    int end = t.length();
    for (int n = 0; m.find(); ) {
      if (++n == maxWords) {
        end = m.end();
        break;
      }
    }
    return TRAILING_PUNCT.matcher(t.substring(0, end)).replaceAll("");
  }

  private static String cutAtWord(String text, int maxChars) {
    if (text.length() <= maxChars) return text;
    int cut = text.lastIndexOf(' ', maxChars);
    return text.substring(0, cut > MARK.length() ? cut : maxChars);
  }

  private static String decapitalize(String s) {
    return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
  }

  static int words(String text) {
    Matcher m = WORD.matcher(text);
    int n = 0;
    while (m.find()) n++;
    return n;
  }

  private static long promptChars(ChatRequest request) {
    long chars = request.system().length();
    for (ChatMessage m : request.messages()) chars += m.content().length();
    return chars;
  }

  private static long estimateTokens(long chars) {
    return Math.max(1, (chars + 3) / 4);
  }

  private static String json(Map<String, Object> reply) {
    try {
      return JSON.writeValueAsString(reply);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write demo reply", e);
    }
  }

  @Override
  public String toString() {
    return "DemoProvider[" + (persona.isEmpty() ? "by agent name" : persona) + ", latency " + latency + "]";
  }

  /** Exposed for tests: the identity a persona or agent name plays. */
  static String identityOf(String name) {
    return DemoPersona.resolve(name).id();
  }
}
