package dev.aragora.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

abstract class ReceiptRepositoryContract extends StoreTestBase {
  /** Non-ASCII, escapes and a long tail: what must come back byte for byte. */
  private static final String CANONICAL = "{\"debate_id\":\"d-1\",\"question\":\"Ünïcode — \\\"quoted\\\" \\n ✓ 😀\","
      + "\"costs\":{\"total_usd\":0.000123},\"padding\":\"" + "x".repeat(70_000) + "\"}";

  DebateRepository debates;
  ReceiptRepository receipts;

  @BeforeEach
  void repositories() {
    debates = new DebateRepository(database, JSON, clock);
    receipts = new ReceiptRepository(database);
    debates.create(TENANT, "d-1", StoreFixtures.request("Q"), Map.of());
  }

  @Test
  void aStoredReceiptReadsBackWithIdenticalBytes() {
    StoredReceipt receipt = receipt("rcpt-d-1", "key-a", CANONICAL);

    assertThat(receipts.saveOnce(receipt)).isTrue();

    StoredReceipt found = receipts.find("d-1").orElseThrow();
    assertThat(found).isEqualTo(receipt);
    assertThat(found.canonicalJson().getBytes(StandardCharsets.UTF_8))
        .isEqualTo(CANONICAL.getBytes(StandardCharsets.UTF_8));
    assertThat(receipts.find("d-2")).isEmpty();
  }

  @Test
  void aSecondReceiptForTheSameDebateIsIgnoredAndTheFirstKept() {
    StoredReceipt first = receipt("rcpt-d-1", "key-a", CANONICAL);
    receipts.saveOnce(first);
    advance(Duration.ofMinutes(5));

    boolean second = receipts.saveOnce(new StoredReceipt("d-1", "rcpt-d-1", "key-b", "f".repeat(64), "{\"other\":1}",
        now.get()));

    assertThat(second).isFalse();
    assertThat(receipts.find("d-1")).contains(first);
  }

  @Test
  void aReceiptNeedsItsDebateAndGoesWithIt() throws SQLException {
    assertThatThrownBy(() -> receipts.saveOnce(new StoredReceipt("missing", "rcpt-missing", "key-a", "0".repeat(64),
        "{}", now.get()))).isInstanceOf(StoreException.class);

    receipts.saveOnce(receipt("rcpt-d-1", "key-a", CANONICAL));
    try (Connection connection = database.connection(); Statement statement = connection.createStatement()) {
      statement.executeUpdate("DELETE FROM debates WHERE id = 'd-1'");
    }
    assertThat(receipts.find("d-1")).isEmpty();
  }

  private StoredReceipt receipt(String id, String keyId, String json) {
    return new StoredReceipt("d-1", id, keyId, "a".repeat(64), json, Instant.ofEpochMilli(now.get().toEpochMilli()));
  }
}
