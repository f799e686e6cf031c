package dev.aragora.bench;

import dev.aragora.core.convergence.Similarity;
import dev.aragora.core.convergence.SimilarityScorer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Average time to score one pair of answers, TF-IDF vs the bundled all-MiniLM-L6-v2-q embedding
 * model (in-process ONNX), on two paragraphs of about 80 words: one agent's answer in round r and
 * its reworded answer in round r+1.
 *
 * <ul>
 *   <li>{@code bothNew}: neither text has been seen, so the embedding backend embeds both (the
 *       cost of a first comparison, or of a scorer without a cache).
 *   <li>{@code previousCached}: the previous answer was embedded last round and comes from the
 *       scorer's cache, so only the new answer is embedded (the steady state of a debate).
 * </ul>
 *
 * A counter appended to the texts keeps each new text unseen; the two paragraphs alternate.
 * Model loading happens in setup and is not measured. TF-IDF has no cache, so both methods cost
 * it the same.
 *
 * <p>Run: {@code ./mvnw -B -q -pl core,bench -am package -DskipTests && java -jar
 * bench/target/benchmarks.jar SimilarityBenchmark -f 1 -wi 2 -i 3}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-Xmx1g"})
public class SimilarityBenchmark {

  static final String PREVIOUS = """
      We should keep the monolith for now and split out only the billing service. Billing has its \
      own release cadence, strict audit requirements and a separate on-call rotation, so it gains \
      the most from independent deploys. The rest of the product shares one database schema and \
      changes together in almost every feature, which means a full microservice migration would \
      add network hops, distributed transactions and operational cost without a clear benefit. \
      Revisit the decision when the team grows past forty engineers.""";

  static final String CURRENT = """
      Keep the monolith, but extract billing into its own service first. Billing is deployed on a \
      different schedule, is audited separately and has dedicated on-call engineers, so independent \
      releases pay off there. Everything else shares a single schema and most features touch \
      several modules at once; breaking it all into microservices now would bring extra latency, \
      distributed transactions and more infrastructure to run, with little gain. We can reconsider \
      once the engineering team is larger than about forty people.""";

  @Param({"tfidf", "embedding"})
  public String backend;

  private SimilarityScorer scorer;
  private long counter;

  @Setup
  public void loadBackend() {
    scorer = Similarity.named(backend);
    scorer.similarity("warm up the model", "and its caches"); // waits for the model to load
  }

  @Benchmark
  public double bothNew() {
    long n = ++counter;
    return scorer.similarity(PREVIOUS + " [" + n + "]", CURRENT + " [" + n + "]");
  }

  /** Compares the text of invocation n-1 (cached by the last call) with a new one. */
  @Benchmark
  public double previousCached() {
    long n = ++counter;
    return scorer.similarity(answer(n - 1), answer(n));
  }

  private static String answer(long n) {
    return (n % 2 == 0 ? PREVIOUS : CURRENT) + " [" + n + "]";
  }
}
