package dev.aragora.core.memory;

import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A map-backed {@link MemoryStore} for core tests, applying {@link TierPolicy} the way the JDBC store does. */
final class InMemoryStore implements MemoryStore {
  final Map<String, MemoryEntry> entries = new LinkedHashMap<>();
  private final InstantSource clock;

  InMemoryStore(InstantSource clock) {
    this.clock = clock;
  }

  @Override
  public synchronized void put(MemoryEntry entry) {
    entries.put(entry.id(), entry);
    fit(entry.scope());
  }

  @Override
  public synchronized List<Match> search(String scope, MemoryQuery query, Set<MemoryKind> kinds, int limit,
                                         double minSimilarity) {
    sweep();
    List<MemoryEntry> candidates = entries.values().stream()
        .filter(e -> e.scope().equals(scope) && kinds.contains(e.kind())).toList();
    return Match.best(query, candidates, limit, minSimilarity);
  }

  @Override
  public synchronized void markUsed(Collection<String> ids) {
    for (String id : ids) {
      MemoryEntry e = entries.get(id);
      if (e == null) continue;
      Optional<Placement> p = TierPolicy.use(e.placement(), clock.instant());
      if (p.isPresent()) entries.put(id, e.at(p.get()));
      else entries.remove(id);
    }
    entries.values().stream().map(MemoryEntry::scope).distinct().toList().forEach(this::fit);
  }

  @Override
  public synchronized int sweep() {
    int changed = 0;
    for (MemoryEntry e : new ArrayList<>(entries.values())) {
      Optional<Placement> p = TierPolicy.settle(e.placement(), clock.instant());
      if (p.isEmpty()) entries.remove(e.id());
      else if (!p.get().equals(e.placement())) entries.put(e.id(), e.at(p.get()));
      else continue;
      changed++;
    }
    return changed;
  }

  private void fit(String scope) {
    List<Placement> placements = entries.values().stream().filter(e -> e.scope().equals(scope))
        .map(MemoryEntry::placement).toList();
    TierPolicy.Changes changes = TierPolicy.fit(placements, clock.instant());
    for (Placement p : changes.moved()) entries.put(p.id(), entries.get(p.id()).at(p));
    changes.dropped().forEach(entries::remove);
  }
}
