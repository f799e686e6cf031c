package dev.aragora.server.store;

import java.util.List;

/** One page of a listing and how many debates match the filter in all. */
public record DebatePage(List<StoredDebate> items, long total) {
  public DebatePage {
    items = List.copyOf(items);
  }
}
