package dev.aragora.core.receipt;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.aragora.core.debate.AgentUsage;
import dev.aragora.core.debate.Critique;
import dev.aragora.core.debate.DissentRecord;
import dev.aragora.core.debate.Ordered;
import dev.aragora.core.debate.Vote;
import java.util.List;
import java.util.Map;

/**
 * The decision receipt of one finished debate. {@link #sha256} is the SHA-256 (hex) of the
 * canonical JSON of the whole record without its {@code sha256} and {@code signature} fields, and
 * {@link #signature} signs those same canonical bytes. Both are null until
 * {@link ReceiptSigner#sign} fills them in.
 *
 * @param schemaVersion the receipt format, {@link #SCHEMA_VERSION}
 * @param issuedAt ISO-8601 instant the receipt was issued
 * @param proposals each agent's opening proposal
 * @param finalPositions each agent's last revision, what was voted on
 * @param demo true when any text came from the offline demo provider
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Receipt(String schemaVersion, String receiptId, String debateId, String issuedAt, String question,
                      List<Participant> participants, Map<String, String> proposals,
                      Map<String, String> finalPositions, List<Critique> critiques, List<Vote> votes,
                      Outcome result, Costs costs, boolean demo, String sha256, Signature signature) {
  public static final String SCHEMA_VERSION = "1";

  public Receipt {
    requireNonNull(schemaVersion, "schemaVersion is null");
    requireNonNull(receiptId, "receiptId is null");
    requireNonNull(debateId, "debateId is null");
    requireNonNull(issuedAt, "issuedAt is null");
    requireNonNull(question, "question is null");
    participants = List.copyOf(participants);
    proposals = Ordered.copyOf(proposals);
    finalPositions = Ordered.copyOf(finalPositions);
    critiques = List.copyOf(critiques);
    votes = List.copyOf(votes);
    requireNonNull(result, "result is null");
    requireNonNull(costs, "costs is null");
  }

  /** This receipt with its hash and signature set. */
  public Receipt signed(String sha256, Signature signature) {
    return new Receipt(schemaVersion, receiptId, debateId, issuedAt, question, participants, proposals, finalPositions,
        critiques, votes, result, costs, demo, requireNonNull(sha256, "sha256 is null"),
        requireNonNull(signature, "signature is null"));
  }

  /** This receipt without hash and signature: what they cover. */
  public Receipt unsigned() {
    return new Receipt(schemaVersion, receiptId, debateId, issuedAt, question, participants, proposals, finalPositions,
        critiques, votes, result, costs, demo, null, null);
  }

  /** A debater: its name in the debate and its identity. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Participant(String name, String provider, String model) {
    public Participant {
      requireNonNull(name, "name is null");
      requireNonNull(provider, "provider is null");
      requireNonNull(model, "model is null");
    }
  }

  /**
   * The decision.
   *
   * @param mode the consensus mode
   * @param status how the debate ended (consensus_reached, completed, …)
   * @param winner the agent whose position (or, in judge mode, synthesis) won; "" for none
   * @param dissent the positions that did not win
   * @param error why the debate ended early, "" otherwise
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Outcome(String finalAnswer, double confidence, boolean consensusReached, String consensusStrength,
                        String mode, String winner, String status, int roundsUsed, List<DissentRecord> dissent,
                        String error) {
    public Outcome {
      requireNonNull(finalAnswer, "finalAnswer is null");
      dissent = List.copyOf(dissent);
    }
  }

  /** What the debate cost: each agent's calls, tokens and dollars, and the total. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Costs(Map<String, AgentUsage> perAgent, double totalUsd) {
    public Costs {
      perAgent = Ordered.copyOf(perAgent);
    }
  }

  /**
   * An Ed25519 signature over the receipt's canonical bytes.
   *
   * @param keyId the first 16 hex digits of the SHA-256 of the public key's X.509 encoding
   * @param publicKey the signer's public key, X.509 (SubjectPublicKeyInfo) DER in base64
   * @param value the 64-byte signature in base64
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Signature(String algorithm, String keyId, String publicKey, String value) {
    public static final String ED25519 = "Ed25519";

    public Signature {
      requireNonNull(algorithm, "algorithm is null");
      requireNonNull(keyId, "keyId is null");
      requireNonNull(publicKey, "publicKey is null");
      requireNonNull(value, "value is null");
    }
  }
}
