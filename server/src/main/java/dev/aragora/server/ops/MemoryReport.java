package dev.aragora.server.ops;

import java.io.IOException;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ARAGORA_MEMORY_PROFILING: a one-line memory report in the log at start and then every
 * {@code interval}, for finding where a server's memory goes without attaching a tool. It reads
 * the JVM's management beans and /proc only; it forces no collection and takes no heap histogram
 * (for that, {@code jcmd <pid> GC.class_histogram}, which pauses the server for a full collection).
 */
public final class MemoryReport implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(MemoryReport.class);
  private static final long MB = 1024 * 1024;

  private final ScheduledExecutorService timer;
  private long lastCollections;
  private long lastCollectionMillis;

  private MemoryReport(Duration interval) {
    this.timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("aragora-memory-report").factory());
    // A task that throws is never run again: a failed report must not end the reports.
    timer.scheduleAtFixedRate(() -> {
      try {
        LOG.info(line());
      } catch (RuntimeException e) {
        LOG.warn("memory report failed: {}", e.toString());
      }
    }, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  public static MemoryReport start(Duration interval) {
    // Asked for, so shown even where ARAGORA_LOG_LEVEL (warn outside production) hides info lines.
    if (LOG instanceof ch.qos.logback.classic.Logger logback && !logback.isInfoEnabled())
      logback.setLevel(ch.qos.logback.classic.Level.INFO);
    return new MemoryReport(interval);
  }

  /** The report: heap, non-heap, direct buffers, resident set, threads, and collections since the last report. */
  synchronized String line() {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    MemoryUsage heap = memory.getHeapMemoryUsage();
    long direct = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
        .filter(pool -> pool.getName().equals("direct")).mapToLong(BufferPoolMXBean::getMemoryUsed).sum();
    long collections = 0;
    long collectionMillis = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      collections += Math.max(0, gc.getCollectionCount());
      collectionMillis += Math.max(0, gc.getCollectionTime());
    }
    String rss = residentSetBytes().stream().mapToObj(b -> b / MB + " MB").findFirst().orElse("unknown");
    String line = String.format("memory: heap %d MB used of %d MB committed (max %d MB), non-heap %d MB, "
            + "direct buffers %d MB, resident set %s, %d threads; %d collections taking %d ms since the last report",
        heap.getUsed() / MB, heap.getCommitted() / MB, heap.getMax() / MB,
        memory.getNonHeapMemoryUsage().getUsed() / MB, direct / MB, rss,
        ManagementFactory.getThreadMXBean().getThreadCount(), collections - lastCollections,
        collectionMillis - lastCollectionMillis);
    lastCollections = collections;
    lastCollectionMillis = collectionMillis;
    return line;
  }

  /** VmRSS of /proc/self/status (Linux); empty elsewhere. */
  static OptionalLong residentSetBytes() {
    try {
      for (String row : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (!row.startsWith("VmRSS:")) continue;
        String[] parts = row.substring(6).strip().split("\\s+");
        return OptionalLong.of(Long.parseLong(parts[0]) * 1024);
      }
    } catch (IOException | RuntimeException e) {
      // not Linux, or /proc not mounted
    }
    return OptionalLong.empty();
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
