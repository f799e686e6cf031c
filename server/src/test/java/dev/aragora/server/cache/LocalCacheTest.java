package dev.aragora.server.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LocalCacheTest {
  private final AtomicLong now = new AtomicLong();
  private final LocalCache cache = new LocalCache(Duration.ofSeconds(300), now::get);
  private final AtomicInteger loads = new AtomicInteger();

  private String load() {
    return "v" + loads.incrementAndGet();
  }

  @Test
  void aValueIsLoadedOnceAndLivesForTheTtl() {
    assertThat(cache.get("rankings", "top", this::load)).isEqualTo("v1");
    assertThat(cache.get("rankings", "top", this::load)).isEqualTo("v1");
    assertThat(cache.get("other", "top", this::load)).isEqualTo("v2");
    now.addAndGet(Duration.ofSeconds(300).toNanos());
    assertThat(cache.get("rankings", "top", this::load)).isEqualTo("v3");
  }

  @Test
  void invalidatingDropsTheWholeNamespace() {
    cache.get("rankings", "a", this::load);
    cache.get("rankings", "b", this::load);
    cache.get("other", "a", this::load);
    cache.invalidate("rankings");
    assertThat(cache.get("rankings", "a", this::load)).isEqualTo("v4");
    assertThat(cache.get("rankings", "b", this::load)).isEqualTo("v5");
    assertThat(cache.get("other", "a", this::load)).isEqualTo("v3");
  }

  @Test
  void aValueLoadedWhileItsNamespaceWasInvalidatedIsNotKept() {
    assertThat(cache.get("rankings", "top", () -> {
      cache.invalidate("rankings");
      return "stale";
    })).isEqualTo("stale");
    assertThat(cache.get("rankings", "top", this::load)).isEqualTo("v1");
  }

  @Test
  void aNamespaceHoldsABoundedNumberOfValues() {
    for (int i = 0; i < LocalCache.MAX_ENTRIES + 10; i++) cache.get("rankings", "k" + i, this::load);
    assertThat(cache.get("rankings", "k" + (LocalCache.MAX_ENTRIES + 9), this::load))
        .isEqualTo("v" + (LocalCache.MAX_ENTRIES + 10));
    assertThat(cache.get("rankings", "k0", this::load)).isEqualTo("v" + (LocalCache.MAX_ENTRIES + 11));
  }
}
