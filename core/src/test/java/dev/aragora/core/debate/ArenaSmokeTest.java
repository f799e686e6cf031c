package dev.aragora.core.debate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aragora.core.agent.AgentSpec;
import dev.aragora.core.agent.StandardAgentFactory;
import dev.aragora.core.consensus.VoteWeights;
import dev.aragora.core.convergence.Similarity;
import dev.aragora.core.debate.event.EventEnvelope;
import dev.aragora.core.provider.CostModel;
import dev.aragora.core.provider.ProviderCatalog;
import dev.aragora.core.provider.demo.DemoProvider;
import dev.aragora.core.provider.resilience.ProviderEventListener;
import dev.aragora.core.provider.resilience.Sleeper;
import java.net.http.HttpClient;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ArenaSmokeTest {
  @Test
  void demoDebateRunsToTheEnd() throws Exception {
    var catalog = new ProviderCatalog(Map.of(), HttpClient.newHttpClient(), spec -> new DemoProvider(spec.model()));
    var factory = new StandardAgentFactory(catalog, CostModel.FREE, ProviderEventListener.NONE, true, Sleeper.SYSTEM,
        InstantSource.system(), 3);
    var arena = new Arena(factory, Similarity.tfidf(), VoteWeights.EQUAL, InstantSource.system(), DebateLimits.DEFAULTS);
    List<EventEnvelope> events = new ArrayList<>();
    for (ConsensusMode mode : ConsensusMode.values()) {
      events.clear();
      var request = DebateRequest.of("Should we migrate our monolith to microservices?",
          AgentSpec.parseList("demo:skeptic,demo:optimist,demo:economist")).withConsensus(mode);
      DebateResult result = arena.run("d1", request, events::add, new DebateControl());
      ObjectMapper json = new ObjectMapper();
      System.out.println(mode + " -> " + result.status() + " conf=" + result.confidence() + " winner=" + result.winner()
          + " rounds=" + result.roundsUsed() + " conv=" + result.convergenceStatus() + " " + result.convergenceSimilarity()
          + " events=" + events.size() + " failures=" + result.agentFailures());
      if (mode == ConsensusMode.JUDGE) System.out.println(json.writerWithDefaultPrettyPrinter().writeValueAsString(result).substring(0, 3000));
      assertThat(events.get(events.size() - 1).type()).isEqualTo("debate_end");
      for (int i = 0; i < events.size(); i++) assertThat(events.get(i).seq()).isEqualTo(i + 1);
    }
    System.out.println(new ObjectMapper().writeValueAsString(events.get(5)));
  }
}
