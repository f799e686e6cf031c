package dev.aragora.server.config;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Map;

/**
 * Limits of the live event streams (WebSocket and SSE), read once from the environment with the
 * seeds' names and defaults (scaling guide, "WebSocket Connections").
 *
 * @param heartbeat ARAGORA_WS_HEARTBEAT in seconds (30): ping interval; two unanswered intervals close the socket
 * @param maxMessageBytes ARAGORA_WS_MAX_MESSAGE_SIZE (65536): largest message a client may send
 * @param maxPerIp ARAGORA_WS_MAX_PER_IP (10): concurrent WebSockets per client address
 * @param connectionsPerMinute ARAGORA_WS_CONN_RATE (30): new WebSockets per client address per minute
 * @param messagesPerSecond ARAGORA_WS_MSG_RATE (10): sustained client messages per second per socket
 * @param messageBurst ARAGORA_WS_MSG_BURST (20): client messages allowed at once before the rate applies
 * @param maxSubscriptions debates one socket may follow at once (100)
 * @param queueCapacity live events buffered per subscriber before it counts as too slow (1024)
 */
public record StreamConfig(Duration heartbeat, int maxMessageBytes, int maxPerIp, int connectionsPerMinute,
                           int messagesPerSecond, int messageBurst, int maxSubscriptions, int queueCapacity) {
  public static final int MAX_SUBSCRIPTIONS = 100;
  public static final int QUEUE_CAPACITY = 1024;

  public StreamConfig {
    requireNonNull(heartbeat, "heartbeat is null");
    if (heartbeat.isNegative() || heartbeat.isZero()) throw new IllegalArgumentException("heartbeat must be positive");
    if (maxMessageBytes < 1) throw new IllegalArgumentException("maxMessageBytes must be positive");
    if (maxPerIp < 1) throw new IllegalArgumentException("maxPerIp must be positive");
    if (connectionsPerMinute < 1) throw new IllegalArgumentException("connectionsPerMinute must be positive");
    if (messagesPerSecond < 1) throw new IllegalArgumentException("messagesPerSecond must be positive");
    if (messageBurst < 1) throw new IllegalArgumentException("messageBurst must be positive");
    if (maxSubscriptions < 1) throw new IllegalArgumentException("maxSubscriptions must be positive");
    if (queueCapacity < 1) throw new IllegalArgumentException("queueCapacity must be positive");
  }

  public static StreamConfig fromEnvironment(Map<String, String> env) {
    EngineConfig.Env e = new EngineConfig.Env(env);
    return new StreamConfig(
        Duration.ofSeconds(e.integer("ARAGORA_WS_HEARTBEAT", 30, 1, 3600)),
        e.integer("ARAGORA_WS_MAX_MESSAGE_SIZE", 65_536, 128, 64 * 1024 * 1024),
        e.integer("ARAGORA_WS_MAX_PER_IP", 10, 1, 1_000_000),
        e.integer("ARAGORA_WS_CONN_RATE", 30, 1, 1_000_000),
        e.integer("ARAGORA_WS_MSG_RATE", 10, 1, 1_000_000),
        e.integer("ARAGORA_WS_MSG_BURST", 20, 1, 1_000_000),
        MAX_SUBSCRIPTIONS,
        QUEUE_CAPACITY);
  }

  /** The same limits with another live-event buffer per subscriber. */
  public StreamConfig withQueueCapacity(int value) {
    return new StreamConfig(heartbeat, maxMessageBytes, maxPerIp, connectionsPerMinute, messagesPerSecond,
        messageBurst, maxSubscriptions, value);
  }
}
