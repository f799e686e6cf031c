package dev.aragora.core.debate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import org.junit.jupiter.api.Test;

class TopologyTest {
  private static List<String> pairs(Topology topology, int n, int round) {
    return topology.pairs(n, round).stream().map(p -> p[0] + ">" + p[1]).toList();
  }

  @Test
  void allToAllPairsEveryOrderedPairOfDistinctAgents() {
    assertThat(pairs(Topology.ALL_TO_ALL, 3, 1)).containsExactly("0>1", "0>2", "1>0", "1>2", "2>0", "2>1");
  }

  @Test
  void ringPairsEachAgentWithTheNext() {
    assertThat(pairs(Topology.RING, 4, 1)).containsExactly("0>1", "1>2", "2>3", "3>0");
    assertThat(pairs(Topology.RING, 4, 2)).isEqualTo(pairs(Topology.RING, 4, 1));
  }

  @Test
  void starPairsTheHubWithEverySpokeBothWays() {
    assertThat(pairs(Topology.STAR, 4, 1)).containsExactly("0>1", "1>0", "0>2", "2>0", "0>3", "3>0");
  }

  @Test
  void roundRobinRotatesTheOffsetEachRoundAndNeverPairsAnAgentWithItself() {
    assertThat(pairs(Topology.ROUND_ROBIN, 3, 1)).containsExactly("0>1", "1>2", "2>0");
    assertThat(pairs(Topology.ROUND_ROBIN, 3, 2)).containsExactly("0>2", "1>0", "2>1");
    assertThat(pairs(Topology.ROUND_ROBIN, 3, 3)).containsExactly("0>1", "1>2", "2>0");
    for (int round = 1; round <= 8; round++) {
      assertThat(Topology.ROUND_ROBIN.pairs(4, round)).allSatisfy(p -> assertThat(p[0]).isNotEqualTo(p[1]));
    }
  }

  @Test
  void fewerThanTwoAgentsHaveNoPairs() {
    for (Topology topology : Topology.values()) assertThat(topology.pairs(1, 1)).isEmpty();
  }

  @Test
  void parsesWireNamesAndRejectsUnknownOnes() {
    assertThat(Topology.parse("round-robin")).isEqualTo(Topology.ROUND_ROBIN);
    assertThat(Topology.parse(" ALL_TO_ALL ")).isEqualTo(Topology.ALL_TO_ALL);
    assertThat(Topology.STAR.wire()).isEqualTo("star");
    assertThatIllegalArgumentException().isThrownBy(() -> Topology.parse("mesh"))
        .withMessageContaining("mesh").withMessageContaining("ring");
  }
}
