package dev.aragora.core.provider.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aragora.core.agent.Prompts;
import dev.aragora.core.provider.CallContext;
import dev.aragora.core.provider.ChatMessage;
import dev.aragora.core.provider.ChatRequest;
import dev.aragora.core.provider.ChatResponse;
import dev.aragora.core.provider.TokenListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class DemoProviderTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String QUESTION = "Should we migrate our monolith to microservices?";
  private static final List<String> QUESTIONS = List.of(
      QUESTION,
      "What is the best database for a startup?",
      "Should cities ban cars from downtown areas?",
      "Is it wise to rewrite the billing system in Rust?",
      "Should our team adopt a four-day work week?",
      "Can AI replace first-line customer support?");
  private static final List<String> AGENTS = List.of("demo", "demo:skeptic", "demo:optimist", "demo:engineer");

  // ------------------------------------------------------------------ helpers

  private static String personaOf(String agent) {
    int colon = agent.indexOf(':');
    if (colon < 0) return "";
    String p = agent.substring(colon + 1);
    int hash = p.indexOf('#');
    return hash < 0 ? p : p.substring(0, hash);
  }

  private static ChatRequest request(String agent, String phase, int round, String question, String target,
                                     String prompt, boolean stream) {
    CallContext ctx = new CallContext("debate-1", agent, phase, round, question, target, personaOf(agent));
    return new ChatRequest("demo", Prompts.system(agent, ""), List.of(ChatMessage.user(prompt)), 2048, 0.7, stream,
        Duration.ofSeconds(30), ctx);
  }

  private static ChatResponse respond(String agent, String phase, int round, String question, String target,
                                      String prompt) throws InterruptedException {
    return new DemoProvider(personaOf(agent)).chat(request(agent, phase, round, question, target, prompt, false),
        TokenListener.NONE);
  }

  private static String propose(String agent, String question) throws InterruptedException {
    return respond(agent, "proposal", 0, question, "", Prompts.proposal(question, "")).text();
  }

  private static String critique(String critic, String target, String targetText, int round, String question)
      throws InterruptedException {
    return respond(critic, "critique", round, question, target, Prompts.critique(question, target, targetText)).text();
  }

  /** Every other agent critiques {@code agent}'s text; the critiques as a revision prompt would list them. */
  private static List<String> critiquesOf(String agent, String text, int round, String question)
      throws InterruptedException {
    List<String> out = new ArrayList<>();
    for (String critic : AGENTS) if (!critic.equals(agent)) out.add(critic + ": " + critique(critic, agent, text, round, question));
    return out;
  }

  private static String revise(String agent, String ownText, List<String> critiques, int round, String question)
      throws InterruptedException {
    return respond(agent, "revision", round, question, "", Prompts.revision(question, ownText, critiques)).text();
  }

  private static Set<String> wordSet(String text) {
    return new HashSet<>(Arrays.asList(text.toLowerCase(Locale.ROOT).split("\\W+")));
  }

  private static double similarity(String a, String b) {
    Set<String> x = wordSet(a);
    Set<String> y = wordSet(b);
    Set<String> both = new HashSet<>(x);
    both.retainAll(y);
    Set<String> either = new HashSet<>(x);
    either.addAll(y);
    return (double) both.size() / either.size();
  }

  private static String label(String text) {
    Matcher m = Pattern.compile("Position \\(([a-z ]+)\\)").matcher(text);
    return m.find() ? m.group(1) : "";
  }

  private static Map<String, String> positions(String question) throws InterruptedException {
    Map<String, String> positions = new LinkedHashMap<>();
    for (String agent : AGENTS) positions.put(agent, propose(agent, question));
    return positions;
  }

  // ------------------------------------------------------------------ determinism and identity

  @Test
  void sameInputsGiveSameReply() throws InterruptedException {
    for (String phase : List.of("proposal", "critique", "vote")) {
      String prompt = switch (phase) {
        case "critique" -> Prompts.critique(QUESTION, "demo:optimist", propose("demo:optimist", QUESTION));
        case "vote" -> Prompts.vote(QUESTION, positions(QUESTION));
        default -> Prompts.proposal(QUESTION, "");
      };
      String target = phase.equals("critique") ? "demo:optimist" : "";
      ChatResponse first = new DemoProvider("skeptic").chat(
          request("demo:skeptic", phase, 1, QUESTION, target, prompt, false), TokenListener.NONE);
      ChatResponse second = new DemoProvider("skeptic").chat(
          request("demo:skeptic", phase, 1, QUESTION, target, prompt, false), TokenListener.NONE);
      assertThat(second).isEqualTo(first);
    }
  }

  @Test
  void differentAgentsOrQuestionsGiveDifferentReplies() throws InterruptedException {
    assertThat(propose("demo:skeptic", QUESTION)).isNotEqualTo(propose("demo:optimist", QUESTION));
    assertThat(propose("demo:skeptic", QUESTION)).isNotEqualTo(propose("demo:skeptic", QUESTIONS.get(1)));
    assertThat(propose("demo", QUESTION)).isNotEqualTo(propose("demo#2", QUESTION));
  }

  @Test
  void repliesAreMarkedAsDemoOutput() throws InterruptedException {
    ChatResponse r = respond("demo:economist", "proposal", 0, QUESTION, "", Prompts.proposal(QUESTION, ""));
    assertThat(r.text()).startsWith("[demo] ");
    assertThat(r.provider()).isEqualTo("demo");
    assertThat(r.model()).isEqualTo("demo-economist");
    assertThat(r.finishReason()).isEqualTo("stop");
  }

  @Test
  void plainAndUnknownNamesMapOntoBuiltInPersonas() throws InterruptedException {
    for (String agent : List.of("demo", "demo#2", "demo#3", "demo:wizard")) {
      ChatResponse r = respond(agent, "proposal", 0, QUESTION, "", Prompts.proposal(QUESTION, ""));
      String identity = agent.equals("demo:wizard") ? DemoProvider.identityOf("wizard") : DemoProvider.identityOf(agent);
      assertThat(DemoProvider.PERSONAS).contains(identity);
      assertThat(r.text()).contains(DemoPersona.resolve(identity).style);
    }
    assertThat(DemoProvider.identityOf("wizard")).isEqualTo(DemoProvider.identityOf("wizard"));
    assertThat(DemoProvider.PERSONAS)
        .contains("pragmatist", "skeptic", "optimist", "economist", "engineer", "ethicist");
  }

  // ------------------------------------------------------------------ proposals

  @Test
  void personasTakeDifferentPositions() throws InterruptedException {
    for (String question : QUESTIONS) {
      Set<String> labels = new HashSet<>();
      Set<String> texts = new HashSet<>();
      for (String persona : DemoProvider.PERSONAS) {
        String text = propose("demo:" + persona, question);
        labels.add(label(text));
        texts.add(text);
      }
      assertThat(labels).as(question).hasSizeGreaterThanOrEqualTo(2).doesNotContain("");
      assertThat(texts).hasSize(DemoProvider.PERSONAS.size());
    }
  }

  @Test
  void proposalsAreAShortParagraphTailoredToTheQuestion() throws InterruptedException {
    for (String question : QUESTIONS) {
      for (String persona : DemoProvider.PERSONAS) {
        String text = propose("demo:" + persona, question);
        assertThat(DemoProvider.words(text)).as(text).isBetween(60, 150);
        assertThat(text.lines().filter(l -> l.startsWith("- ")).count()).isBetween(2L, 4L);
        DemoTopic topic = DemoTopic.of(question);
        assertThat(topic.keys()).anySatisfy(key -> assertThat(text).contains(key));
      }
    }
    assertThat(propose("demo:optimist", QUESTION)).contains("migrate the monolith to microservices");
  }

  // ------------------------------------------------------------------ critiques

  @Test
  void critiqueQuotesAClaimOfItsTarget() throws Exception {
    Pattern quoted = Pattern.compile("\"([^\"]+)\"");
    for (String question : QUESTIONS) {
      Map<String, String> positions = positions(question);
      for (String critic : AGENTS) {
        for (String target : AGENTS) {
          if (critic.equals(target)) continue;
          JsonNode reply = JSON.readTree(critique(critic, target, positions.get(target), 1, question));
          Matcher m = quoted.matcher(reply.get("issues").get(0).asText());
          assertThat(m.find()).as(reply.toString()).isTrue();
          assertThat(m.group(1).split("\\s+").length).isGreaterThanOrEqualTo(5);
          assertThat(positions.get(target)).contains(m.group(1));
          assertThat(reply.get("reasoning").asText()).contains(target);
        }
      }
    }
  }

  @Test
  void critiqueAndVoteRepliesAreValidJson() throws Exception {
    Set<Integer> severities = new HashSet<>();
    for (String question : QUESTIONS) {
      Map<String, String> positions = positions(question);
      for (String critic : AGENTS) {
        for (String target : AGENTS) {
          if (critic.equals(target)) continue;
          JsonNode c = JSON.readTree(critique(critic, target, positions.get(target), 1, question));
          assertThat(c.get("issues").isArray()).isTrue();
          assertThat(c.get("issues").size()).isBetween(1, 3);
          assertThat(c.get("suggestions").isArray()).isTrue();
          assertThat(c.get("suggestions").size()).isBetween(1, 3);
          assertThat(c.get("severity").isInt()).isTrue();
          assertThat(c.get("severity").asInt()).isBetween(1, 9);
          assertThat(c.get("reasoning").isTextual()).isTrue();
          assertThat(c.get("demo").asBoolean()).isTrue();
          severities.add(c.get("severity").asInt());
        }
        JsonNode v = JSON.readTree(respond(critic, "vote", 3, question, "", Prompts.vote(question, positions)).text());
        assertThat(v.get("choice").isTextual()).isTrue();
        assertThat(v.get("confidence").asDouble()).isBetween(0.5, 0.95);
        assertThat(v.get("reasoning").asText()).isNotBlank();
        assertThat(v.get("continue_debate").isBoolean()).isTrue();
        assertThat(v.get("demo").asBoolean()).isTrue();

        JsonNode j = JSON.readTree(respond(critic, "judge_vote", 4, question, "",
            Prompts.judgeVote(question, "demo:engineer", positions.get("demo:engineer"))).text());
        assertThat(j.get("choice").asText()).isIn("accept", "reject");
        assertThat(j.get("confidence").asDouble()).isBetween(0.0, 1.0);
        assertThat(j.get("continue_debate").asBoolean()).isFalse();
        assertThat(j.get("demo").asBoolean()).isTrue();
      }
    }
    assertThat(severities).as("severity varies").hasSizeGreaterThanOrEqualTo(4);
  }

  // ------------------------------------------------------------------ revisions

  @Test
  void revisionsIncorporateACritique() throws Exception {
    for (String question : QUESTIONS) {
      for (String agent : AGENTS) {
        String proposal = propose(agent, question);
        List<String> critiques = critiquesOf(agent, proposal, 1, question);
        String revised = revise(agent, proposal, critiques, 1, question);

        assertThat(revised).startsWith("[demo] ").contains("Revised:");
        assertThat(label(revised)).isEqualTo(label(proposal));
        List<String> suggestions = new ArrayList<>();
        for (String c : critiques) JSON.readTree(c.substring(c.indexOf('{'))).get("suggestions")
            .forEach(s -> suggestions.add(s.asText().replaceAll("[.]$", "")));
        assertThat(suggestions).anySatisfy(s -> assertThat(revised).contains(s));
      }
    }
  }

  @Test
  void revisionsUsePlainTextCritiquesToo() throws InterruptedException {
    String proposal = propose("demo:economist", QUESTION);
    String revised = revise("demo:economist", proposal,
        List.of("gpt-4o (severity 6): The plan lacks a cost estimate. Suggestions: add a two-year cost model; name an owner"),
        1, QUESTION);
    assertThat(revised).contains("add a two-year cost model");
  }

  @Test
  void laterRevisionsChangeLess() throws InterruptedException {
    for (String question : QUESTIONS) {
      for (String agent : AGENTS) {
        String r0 = propose(agent, question);
        String r1 = revise(agent, r0, critiquesOf(agent, r0, 1, question), 1, question);
        String r2 = revise(agent, r1, critiquesOf(agent, r1, 2, question), 2, question);
        String r3 = revise(agent, r2, critiquesOf(agent, r2, 3, question), 3, question);
        double first = similarity(r0, r1);
        double second = similarity(r1, r2);
        double third = similarity(r2, r3);
        assertThat(second).as("%s / %s: %.2f then %.2f", question, agent, first, second).isGreaterThan(first);
        assertThat(third).as("%s / %s", question, agent).isGreaterThan(0.8);
        assertThat(r2).as("a later revision adds to the previous text").startsWith(r1);
      }
    }
  }

  @Test
  void firstRevisionsDoNotAlwaysConverge() throws InterruptedException {
    int changedALot = 0;
    int total = 0;
    for (String question : QUESTIONS) {
      for (String agent : AGENTS) {
        String r0 = propose(agent, question);
        String r1 = revise(agent, r0, critiquesOf(agent, r0, 1, question), 1, question);
        total++;
        if (similarity(r0, r1) < 0.85) changedALot++;
      }
    }
    assertThat(changedALot).isGreaterThan(total / 2);
  }

  // ------------------------------------------------------------------ votes and synthesis

  @Test
  void votesNameOneOfTheCandidates() throws Exception {
    Set<String> choices = new HashSet<>();
    int selfVotes = 0;
    int votes = 0;
    int continues = 0;
    for (String question : QUESTIONS) {
      Map<String, String> positions = positions(question);
      for (String voter : AGENTS) {
        JsonNode v = JSON.readTree(respond(voter, "vote", 3, question, "", Prompts.vote(question, positions)).text());
        String choice = v.get("choice").asText();
        assertThat(positions).containsKey(choice);
        choices.add(question + "|" + choice);
        votes++;
        if (choice.equals(voter)) selfVotes++;
        if (v.get("continue_debate").asBoolean()) continues++;
      }
    }
    assertThat(choices.size()).as("votes disagree").isGreaterThan(QUESTIONS.size());
    assertThat(selfVotes).as("self votes are occasional").isLessThan(votes / 2);
    assertThat(continues).isBetween(1, votes - 1);
  }

  @Test
  void votesUseTheNamesExactlyAsGiven() throws Exception {
    Map<String, String> positions = new LinkedHashMap<>();
    positions.put("openai-api:gpt-4o", "We should not do this yet: the evidence is thin.");
    positions.put("anthropic-api", "Yes, adopt it, but only if a rollback plan exists.");
    positions.put("demo#2", propose("demo#2", QUESTION));
    for (String voter : List.of("demo#2", "demo:skeptic", "demo:ethicist")) {
      JsonNode v = JSON.readTree(respond(voter, "vote", 2, QUESTION, "", Prompts.vote(QUESTION, positions)).text());
      assertThat(v.get("choice").asText()).isIn(positions.keySet());
    }
  }

  @Test
  void judgeVotesMostlyAccept() throws Exception {
    int accepts = 0;
    int rejects = 0;
    for (String question : QUESTIONS) {
      String synthesis = respond("demo:engineer", "synthesis", 4, question, "",
          Prompts.synthesis(question, positions(question), List.of())).text();
      for (String persona : DemoProvider.PERSONAS) {
        for (String agent : List.of("demo:" + persona, "demo:" + persona + "#2")) {
          String choice = JSON.readTree(respond(agent, "judge_vote", 5, question, "",
              Prompts.judgeVote(question, "demo:engineer", synthesis)).text()).get("choice").asText();
          if (choice.equals("accept")) accepts++;
          else rejects++;
        }
      }
    }
    assertThat(accepts).isGreaterThan(2 * rejects);
    assertThat(rejects).isPositive();
  }

  @Test
  void synthesisStatesADecisionConditionsAndTheStrongestObjection() throws InterruptedException {
    Map<String, String> positions = positions(QUESTION);
    String text = respond("demo:pragmatist", "synthesis", 4, QUESTION, "",
        Prompts.synthesis(QUESTION, positions, List.of("no baseline is given"))).text();
    assertThat(text).startsWith("[demo] Decision (").contains("Conditions:").contains("Strongest remaining objection:");
    assertThat(positions.keySet()).anySatisfy(name -> assertThat(text).contains(name));
  }

  // ------------------------------------------------------------------ transport behaviour

  @Test
  void streamedTokensConcatenateToTheReply() throws InterruptedException {
    for (boolean json : List.of(false, true)) {
      String prompt = json ? Prompts.critique(QUESTION, "demo", propose("demo", QUESTION)) : Prompts.proposal(QUESTION, "");
      List<String> chunks = new ArrayList<>();
      ChatResponse r = new DemoProvider("optimist").chat(
          request("demo:optimist", json ? "critique" : "proposal", json ? 1 : 0, QUESTION, json ? "demo" : "", prompt, true),
          chunks::add);
      assertThat(String.join("", chunks)).isEqualTo(r.text());
      assertThat(chunks.size()).isGreaterThan(10);
      assertThat(chunks).allSatisfy(c -> assertThat(c.strip()).doesNotContain(" "));
    }
  }

  @Test
  void usageEstimatesTokensFromPromptAndReply() throws InterruptedException {
    ChatRequest req = request("demo:skeptic", "proposal", 0, QUESTION, "", Prompts.proposal(QUESTION, ""), false);
    ChatResponse r = new DemoProvider("skeptic").chat(req, TokenListener.NONE);
    long promptChars = req.system().length() + req.messages().get(0).content().length();
    assertThat(r.usage().inputTokens()).isBetween(promptChars / 4, promptChars / 4 + 1);
    assertThat(r.usage().outputTokens()).isBetween(r.text().length() / 4L, r.text().length() / 4L + 1);
  }

  @Test
  void latencyBlocksTheCallerAndCanBeInterrupted() throws Exception {
    ChatRequest req = request("demo:skeptic", "proposal", 0, QUESTION, "", Prompts.proposal(QUESTION, ""), false);
    long start = System.nanoTime();
    new DemoProvider("skeptic", Duration.ofMillis(60)).chat(req, TokenListener.NONE);
    assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(60));

    DemoProvider slow = new DemoProvider("skeptic", Duration.ofSeconds(30));
    CompletableFuture<Throwable> outcome = new CompletableFuture<>();
    Thread caller = Thread.ofVirtual().start(() -> {
      try {
        slow.chat(req, TokenListener.NONE);
        outcome.complete(null);
      } catch (Throwable t) {
        outcome.complete(t);
      }
    });
    Thread.sleep(50);
    caller.interrupt();
    assertThat(outcome.get(5, TimeUnit.SECONDS)).isInstanceOf(InterruptedException.class);
    assertThatThrownBy(() -> new DemoProvider("x", Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void phaseIsInferredFromThePromptWhenTheContextHasNone() throws Exception {
    String prompt = Prompts.vote(QUESTION, positions(QUESTION));
    CallContext none = new CallContext("", "demo:skeptic", "", 0, "", "", "");
    ChatRequest req = new ChatRequest("demo", "", List.of(ChatMessage.user(prompt)), 512, 0.5, false,
        Duration.ofSeconds(5), none);
    JsonNode v = JSON.readTree(new DemoProvider("skeptic").chat(req, TokenListener.NONE).text());
    assertThat(AGENTS).contains(v.get("choice").asText());
  }

  @Test
  void sectionNamesListsQuotedNamesInOrder() {
    Map<String, String> positions = new LinkedHashMap<>();
    positions.put("demo:skeptic", "No.");
    positions.put("openai-api:gpt-4o", "Yes.");
    positions.put("demo#2", "Maybe.");
    assertThat(Prompts.sectionNames(Prompts.vote(QUESTION, positions)))
        .containsExactly("demo:skeptic", "openai-api:gpt-4o", "demo#2");
    assertThat(Prompts.sectionNames("no sections here")).isEmpty();
  }
}
