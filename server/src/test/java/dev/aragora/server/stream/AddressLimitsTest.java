package dev.aragora.server.stream;

import static dev.aragora.server.stream.AddressLimits.Admission.ADMITTED;
import static dev.aragora.server.stream.AddressLimits.Admission.TOO_FAST;
import static dev.aragora.server.stream.AddressLimits.Admission.TOO_MANY_OPEN;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AddressLimitsTest {
  private static final long MINUTE = 60_000_000_000L;

  @Test
  void eachAddressHasItsOwnCountOfOpenSockets() {
    AddressLimits limits = new AddressLimits(2, 100);
    assertThat(limits.admit("10.0.0.1", 0)).isEqualTo(ADMITTED);
    assertThat(limits.admit("10.0.0.1", 0)).isEqualTo(ADMITTED);
    assertThat(limits.admit("10.0.0.1", 0)).isEqualTo(TOO_MANY_OPEN);
    assertThat(limits.admit("10.0.0.2", 0)).isEqualTo(ADMITTED);
    limits.release("10.0.0.1");
    assertThat(limits.admit("10.0.0.1", 0)).isEqualTo(ADMITTED);
  }

  @Test
  void everyAttemptCountsAgainstTheRatePerMinute() {
    AddressLimits limits = new AddressLimits(1, 3);
    assertThat(limits.admit("10.0.0.1", 0)).isEqualTo(ADMITTED);
    assertThat(limits.admit("10.0.0.1", 0)).isEqualTo(TOO_MANY_OPEN);
    assertThat(limits.admit("10.0.0.1", 0)).isEqualTo(TOO_MANY_OPEN);
    limits.release("10.0.0.1");
    assertThat(limits.admit("10.0.0.1", 0)).isEqualTo(TOO_FAST);
    assertThat(limits.admit("10.0.0.1", MINUTE / 3)).isEqualTo(ADMITTED);
  }

  @Test
  void idleAddressesWithAFullBucketAreForgotten() {
    AddressLimits limits = new AddressLimits(5, 30);
    limits.admit("10.0.0.1", 0);
    limits.admit("10.0.0.2", 0);
    limits.release("10.0.0.1");
    limits.sweep(0);
    assertThat(limits.trackedAddresses()).isEqualTo(2);
    limits.sweep(MINUTE);
    assertThat(limits.trackedAddresses()).isEqualTo(1);
  }
}
