package dev.aragora.server.stream;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per client address: how many WebSockets are open (at most {@code maxOpen}) and how fast new
 * ones arrive (a bucket of {@code perMinute}). Every attempt takes from the bucket, refused or
 * not. Entries of addresses with nothing open and a full bucket are swept away.
 */
final class AddressLimits {
  enum Admission { ADMITTED, TOO_MANY_OPEN, TOO_FAST }

  private static final class Address {
    final TokenBucket attempts;
    int open;

    Address(TokenBucket attempts) {
      this.attempts = attempts;
    }
  }

  private final int maxOpen;
  private final int perMinute;
  private final Map<String, Address> addresses = new ConcurrentHashMap<>();

  AddressLimits(int maxOpen, int perMinute) {
    this.maxOpen = maxOpen;
    this.perMinute = perMinute;
  }

  Admission admit(String address, long nowNanos) {
    Admission[] result = new Admission[1];
    addresses.compute(address, (k, a) -> {
      if (a == null) a = new Address(new TokenBucket(perMinute / 60.0, perMinute, nowNanos));
      if (!a.attempts.tryTake(nowNanos)) result[0] = Admission.TOO_FAST;
      else if (a.open >= maxOpen) result[0] = Admission.TOO_MANY_OPEN;
      else {
        a.open++;
        result[0] = Admission.ADMITTED;
      }
      return a;
    });
    return result[0];
  }

  /** One admitted socket of {@code address} closed. */
  void release(String address) {
    addresses.computeIfPresent(address, (k, a) -> {
      a.open = Math.max(0, a.open - 1);
      return a;
    });
  }

  void sweep(long nowNanos) {
    for (String address : addresses.keySet())
      addresses.computeIfPresent(address, (k, a) -> a.open == 0 && a.attempts.isFull(nowNanos) ? null : a);
  }

  int trackedAddresses() {
    return addresses.size();
  }
}
