package dev.aragora.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

abstract class ChannelLogContract extends StoreTestBase {
  @BeforeEach
  void empty() throws Exception {
    try (var connection = database.connection(); var statement = connection.createStatement()) {
      statement.executeUpdate("DELETE FROM channel_events");
      statement.executeUpdate("DELETE FROM counters WHERE name LIKE 'channel:%'");
    }
  }

  private static ChannelLog.Appended append(ChannelLog log, String channel) {
    return log.append(channel, "tick", 0, seq -> "{\"seq\":" + seq + "}");
  }

  @Test
  void numbersEachChannelOnItsOwnAndReplaysAfterASeq() {
    ChannelLog log = new ChannelLog(database, 100);

    assertThat(append(log, "a").seq()).isEqualTo(1);
    assertThat(append(log, "a").seq()).isEqualTo(2);
    assertThat(append(log, "b").seq()).isEqualTo(1);

    assertThat(log.since("a", 1, 10)).containsExactly("{\"seq\":2}");
    assertThat(log.since("b", 0, 10)).containsExactly("{\"seq\":1}");
  }

  @Test
  void severalInstancesAppendingAtOnceShareOneGapFreeSequence() throws Exception {
    List<ChannelLog> instances = List.of(new ChannelLog(database, 1000), new ChannelLog(database, 1000),
        new ChannelLog(database, 1000));
    List<Long> seqs = Collections.synchronizedList(new ArrayList<>());
    try (ExecutorService pool = Executors.newFixedThreadPool(instances.size())) {
      List<Future<?>> writers = new ArrayList<>();
      for (ChannelLog log : instances) {
        writers.add(pool.submit(() -> {
          for (int i = 0; i < 30; i++) seqs.add(append(log, "shared").seq());
        }));
      }
      for (Future<?> writer : writers) writer.get();
    }

    assertThat(seqs).containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, 90).boxed().toList());
  }

  @Test
  void keepsOnlyTheMostRecent() {
    ChannelLog log = new ChannelLog(database, 3);
    for (int i = 0; i < 5; i++) append(log, "a");

    assertThat(log.since("a", 0, 10)).containsExactly("{\"seq\":3}", "{\"seq\":4}", "{\"seq\":5}");
    assertThat(append(log, "a").seq()).isEqualTo(6);
  }
}
