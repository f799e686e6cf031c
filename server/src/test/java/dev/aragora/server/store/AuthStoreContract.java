package dev.aragora.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aragora.server.store.ApiKeyRepository.StoredApiKey;
import dev.aragora.server.store.UserRepository.StoredUser;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Users, API keys and sign-in sessions, the same on SQLite and PostgreSQL. */
abstract class AuthStoreContract extends StoreTestBase {
  UserRepository users;
  ApiKeyRepository keys;
  AuthSessions sessions;
  StoredUser ada;

  @BeforeEach
  void repositories() {
    users = new UserRepository(database);
    keys = new ApiKeyRepository(database);
    sessions = new AuthSessions(database);
    ada = new StoredUser("usr_ada", "default", "Ada@Example.com", "pbkdf2-sha256$1$AA==$AA==", "member", true, 1000);
    assertThat(users.create(ada)).isTrue();
  }

  @Test
  void usersAreFoundByIdAndCaseInsensitiveEmailAndEmailsAreUnique() {
    assertThat(users.count()).isEqualTo(1);
    assertThat(users.findByEmail("ADA@example.com")).contains(ada);
    assertThat(users.findById("usr_ada").orElseThrow().email()).isEqualTo("ada@example.com");
    assertThat(users.findById("usr_ada").orElseThrow().premium()).isTrue();
    assertThat(users.create(new StoredUser("usr_other", "default", "ada@example.com", "h", "viewer", false, 2000))).isFalse();
    assertThat(users.count()).isEqualTo(1);
    assertThat(users.create(new StoredUser("usr_bob", "default", "bob@example.com", "h", "viewer", false, 2000))).isTrue();
    assertThat(users.list("default")).extracting(StoredUser::id).containsExactly("usr_ada", "usr_bob");
    assertThat(users.list("other-tenant")).isEmpty();
    assertThat(users.findByEmail("nobody@example.com")).isEmpty();
  }

  @Test
  void apiKeysAreFoundByTheirHashWithTheirOwnerListedAndRevoked() {
    keys.create(key("key_1", "hash-1", null));
    keys.create(key("key_2", "hash-2", 5000L));
    ApiKeyRepository.KeyOwner found = keys.findByHash("hash-1").orElseThrow();
    assertThat(found.key().id()).isEqualTo("key_1");
    assertThat(found.key().expiresAt()).isNull();
    assertThat(found.user().email()).isEqualTo("ada@example.com");
    assertThat(found.user().role()).isEqualTo("member");
    assertThat(keys.findByHash("hash-2").orElseThrow().key().expiresAt()).isEqualTo(5000L);
    assertThat(keys.findByHash("nope")).isEmpty();
    assertThat(keys.list("default", "usr_ada")).extracting(StoredApiKey::id).containsExactlyInAnyOrder("key_1", "key_2");
    assertThat(keys.list("default", "usr_nobody")).isEmpty();
    assertThat(keys.list("default", null)).hasSize(2);

    assertThat(keys.revoke("key_1", 7000)).isTrue();
    assertThat(keys.revoke("key_1", 8000)).as("once").isFalse();
    assertThat(keys.find("key_1").orElseThrow().revokedAt()).isEqualTo(7000L);
    assertThat(keys.revoke("key_nope", 8000)).isFalse();

    StoredApiKey two = keys.find("key_2").orElseThrow();
    keys.touch(two, 10_000);
    StoredApiKey touched = keys.find("key_2").orElseThrow();
    assertThat(touched.lastUsedAt()).isEqualTo(10_000L);
    keys.touch(touched, 20_000);
    assertThat(keys.find("key_2").orElseThrow().lastUsedAt()).as("at most once a minute").isEqualTo(10_000L);
  }

  @Test
  void aRefreshTokenIsExchangedOnceAndItsReuseRevokesTheSession() {
    sessions.open("ses_1", "usr_ada", "r1", 1000, 100_000);
    assertThat(sessions.exchange("r1", "r2", 2000, 200_000)).isEqualTo(new AuthSessions.Exchange.Rotated("ses_1", "usr_ada"));
    assertThat(sessions.isRevoked("ses_1")).isFalse();
    assertThat(sessions.exchange("r2", "r3", 3000, 300_000)).isInstanceOf(AuthSessions.Exchange.Rotated.class);
    // r1 again: it was copied; the whole session ends, r3 included.
    assertThat(sessions.exchange("r1", "r4", 4000, 400_000)).isEqualTo(new AuthSessions.Exchange.Reused("ses_1"));
    assertThat(sessions.isRevoked("ses_1")).isTrue();
    assertThat(sessions.exchange("r3", "r5", 5000, 500_000)).isInstanceOf(AuthSessions.Exchange.Refused.class);
    assertThat(sessions.exchange("unknown", "r6", 5000, 500_000)).isInstanceOf(AuthSessions.Exchange.Refused.class);
  }

  @Test
  void anExpiredRefreshTokenIsRefusedAndPurged() {
    sessions.open("ses_1", "usr_ada", "r1", 1000, 2000);
    assertThat(sessions.exchange("r1", "r2", 2000, 9000)).isInstanceOf(AuthSessions.Exchange.Refused.class);
    assertThat(sessions.isRevoked("ses_1")).as("expiry alone does not revoke").isFalse();
    assertThat(sessions.purgeExpired(2001)).isEqualTo(1);
    assertThat(sessions.exchange("r1", "r2", 2000, 9000)).isInstanceOf(AuthSessions.Exchange.Refused.class);
  }

  @Test
  void revokingAUserEndsEverySessionOfTheirsAndIsListedForRestarts() {
    assertThat(users.create(new StoredUser("usr_bob", "default", "bob@example.com", "h", "viewer", false, 2000))).isTrue();
    sessions.open("ses_a1", "usr_ada", "ra1", 1000, 100_000);
    sessions.open("ses_a2", "usr_ada", "ra2", 1000, 100_000);
    sessions.open("ses_b1", "usr_bob", "rb1", 1000, 100_000);
    assertThat(sessions.revoke("ses_a1", "logout", 5000)).isTrue();
    assertThat(sessions.revoke("ses_a1", "logout", 6000)).isFalse();
    List<String> revoked = sessions.revokeUser("usr_ada", "admin", 7000);
    assertThat(revoked).containsExactly("ses_a2");
    assertThat(sessions.isRevoked("ses_b1")).isFalse();
    assertThat(sessions.isRevoked("ses_unknown")).isTrue();
    assertThat(sessions.exchange("ra2", "x", 8000, 9000)).isInstanceOf(AuthSessions.Exchange.Refused.class);
    assertThat(sessions.revokedSince(6000)).containsExactly(new AuthSessions.Revoked("ses_a2", 7000));
    assertThat(sessions.revokedSince(0)).hasSize(2);
  }

  StoredApiKey key(String id, String hash, Long expiresAt) {
    return new StoredApiKey(id, "default", "usr_ada", "ci", "ara_abcdefgh", hash, "viewer", 1000, expiresAt, null, null);
  }
}
