package dev.aragora.core.memory;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The tier rules, as pure functions of placements and an instant (no clock is read here):
 *
 * <ul>
 *   <li><b>Enter:</b> a new entry enters {@link MemoryTier#FAST}, expiring one FAST TTL later.
 *   <li><b>Use:</b> each recall into a debate counts a use and renews the expiry by the tier's TTL
 *       (a tier's TTL is how long an entry stays there <em>unused</em>). The
 *       {@link MemoryTier#usesToPromote}-th use in a tier promotes it one tier up, with that tier's
 *       TTL from now.
 *   <li><b>Expire:</b> reaching its expiry demotes an entry one tier down, with the lower tier's TTL
 *       counted from the old expiry; reaching it in FAST drops the entry. Expiry is computed from
 *       the stored times, so the outcome does not depend on when a sweep happens to run.
 *   <li><b>Budget:</b> when a scope's entries in a tier exceed its byte budget, the least recently
 *       used ones leave it, demoted one tier down (FAST: dropped), highest tier first, so that
 *       what a full tier pushes down is counted against the tier below.
 * </ul>
 */
public final class TierPolicy {
  /** Least recently used first; ties by earlier expiry, then id, so the order is total. */
  private static final Comparator<Placement> LRU = Comparator.comparing(Placement::lastUsedAt)
      .thenComparing(Placement::expiresAt).thenComparing(Placement::id);

  private TierPolicy() {}

  /** The placement of a new entry of {@code bytes} created at {@code now}. */
  public static Placement enter(String id, int bytes, Instant now) {
    requireNonNull(now, "now is null");
    return new Placement(id, MemoryTier.FAST, bytes, 0, 0, now, now.plus(MemoryTier.FAST.ttl()));
  }

  /**
   * Where {@code placement} is at {@code now} after every expiry it has reached: demoted once per
   * expiry, or empty when it expired out of FAST (the entry is gone).
   */
  public static Optional<Placement> settle(Placement placement, Instant now) {
    requireNonNull(now, "now is null");
    Placement p = placement;
    while (!now.isBefore(p.expiresAt())) {
      MemoryTier lower = p.tier().down();
      if (lower == null) return Optional.empty();
      p = p.in(lower, p.expiresAt().plus(lower.ttl()));
    }
    return Optional.of(p);
  }

  /** Records one use at {@code now}: renewed, or promoted; empty when the entry had already expired out. */
  public static Optional<Placement> use(Placement placement, Instant now) {
    return settle(placement, now).map(p -> {
      int tierUses = p.tierUses() + 1;
      MemoryTier higher = p.tier().up();
      if (higher != null && tierUses >= p.tier().usesToPromote())
        return new Placement(p.id(), higher, p.bytes(), p.uses() + 1, 0, now, now.plus(higher.ttl()));
      return new Placement(p.id(), p.tier(), p.bytes(), p.uses() + 1, tierUses, now, now.plus(p.tier().ttl()));
    });
  }

  /**
   * What must change so that each tier of one scope's (settled) {@code placements} is within its
   * budget: placements demoted (with their new tier and expiry) and ids dropped.
   */
  public static Changes fit(Collection<Placement> placements, Instant now) {
    requireNonNull(now, "now is null");
    Map<MemoryTier, List<Placement>> byTier = new EnumMap<>(MemoryTier.class);
    for (MemoryTier tier : MemoryTier.values()) byTier.put(tier, new ArrayList<>());
    for (Placement p : placements) byTier.get(p.tier()).add(p);
    Map<String, Placement> moved = new LinkedHashMap<>();
    List<String> dropped = new ArrayList<>();
    for (int t = MemoryTier.values().length - 1; t >= 0; t--) {
      MemoryTier tier = MemoryTier.values()[t];
      List<Placement> here = byTier.get(tier);
      long total = 0;
      for (Placement p : here) total += p.bytes();
      if (total <= tier.budgetBytes()) continue;
      here.sort(LRU);
      MemoryTier lower = tier.down();
      for (int i = 0; total > tier.budgetBytes(); i++) {
        Placement victim = here.get(i);
        total -= victim.bytes();
        if (lower == null) {
          moved.remove(victim.id());
          dropped.add(victim.id());
        } else {
          Placement demoted = victim.in(lower, now.plus(lower.ttl()));
          byTier.get(lower).add(demoted);
          moved.put(victim.id(), demoted);
        }
      }
    }
    return new Changes(List.copyOf(moved.values()), List.copyOf(dropped));
  }

  /** Placements to rewrite and ids to delete. */
  public record Changes(List<Placement> moved, List<String> dropped) {
    public Changes {
      moved = List.copyOf(moved);
      dropped = List.copyOf(dropped);
    }

    public boolean isEmpty() {
      return moved.isEmpty() && dropped.isEmpty();
    }
  }
}
