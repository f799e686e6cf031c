package dev.aragora.core.provider;

/** An agent was asked for whose API key is not set. The message is one line naming the variable to set. */
public final class MissingCredentialException extends IllegalArgumentException {
  private final String envVar;

  public MissingCredentialException(String agent, String envVar, String hint) {
    super("agent '" + agent + "' needs " + envVar + " (" + (hint.isEmpty() ? "" : hint + "; ") + "or use demo agents)");
    this.envVar = envVar;
  }

  /** The environment variable that would fix it, e.g. {@code OPENAI_API_KEY}. */
  public String envVar() {
    return envVar;
  }
}
