package dev.aragora.core.provider.resilience;

import java.time.Duration;

/** Waits between retries. Injected so that tests record delays instead of sleeping. */
@FunctionalInterface
public interface Sleeper {
  Sleeper SYSTEM = Thread::sleep;

  void sleep(Duration duration) throws InterruptedException;
}
