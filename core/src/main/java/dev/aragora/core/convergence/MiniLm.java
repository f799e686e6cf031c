package dev.aragora.core.convergence;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The bundled all-MiniLM-L6-v2 (quantized) model, loaded once per JVM on a background daemon
 * thread the first time {@link #load()} is called. Loading reads the 23 MB ONNX file and the
 * tokenizer from the classpath and extracts onnxruntime's native library; it then embeds one
 * warm-up sentence so the first real check does not pay for it.
 */
final class MiniLm {
  private static final System.Logger LOG = System.getLogger(MiniLm.class.getName());

  private MiniLm() {}

  /** Starts loading on first call; every call returns the same future. */
  static CompletableFuture<TextEmbedder> load() {
    return Holder.LOADING;
  }

  private static final class Holder {
    static final CompletableFuture<TextEmbedder> LOADING = start();
  }

  private static CompletableFuture<TextEmbedder> start() {
    CompletableFuture<TextEmbedder> loading = new CompletableFuture<>();
    Thread.ofPlatform().daemon().name("aragora-minilm-load").start(() -> {
      long started = System.nanoTime();
      try {
        EmbeddingModel model = new AllMiniLmL6V2QuantizedEmbeddingModel(embeddingExecutor());
        model.embed("warm up");
        LOG.log(Level.DEBUG, () -> "all-MiniLM-L6-v2-q loaded in "
            + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started) + " ms");
        loading.complete(texts -> embedAll(model, texts));
      } catch (Throwable e) { // ExceptionInInitializerError, UnsatisfiedLinkError, OrtException...
        loading.completeExceptionally(e);
      }
    });
    return loading;
  }

  private static List<float[]> embedAll(EmbeddingModel model, List<String> texts) {
    List<TextSegment> segments = texts.stream().map(TextSegment::from).toList();
    return model.embedAll(segments).content().stream().map(Embedding::vector).toList();
  }

  /**
   * The model embeds a batch's texts in parallel on this pool. Unlike LangChain4j's default pool,
   * its threads are daemons, so an idle pool never keeps a CLI run alive.
   */
  private static ExecutorService embeddingExecutor() {
    int threads = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
    ThreadFactory daemons = Thread.ofPlatform().daemon().name("aragora-embed-", 0).factory();
    ThreadPoolExecutor pool = new ThreadPoolExecutor(
        threads, threads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), daemons);
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }
}
