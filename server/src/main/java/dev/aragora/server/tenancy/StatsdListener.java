package dev.aragora.server.tenancy;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ARAGORA_METERING_BACKEND=statsd: usage as statsd lines over UDP, one datagram per line, fire and
 * forget (a lost datagram loses one count; the database keeps the true usage). Lines, with
 * {@code <p>} the prefix (ARAGORA_STATSD_PREFIX, default aragora):
 * <pre>
 * &lt;p&gt;.tenant.&lt;tenant&gt;.requests:1|c                 one authenticated API request
 * &lt;p&gt;.tenant.&lt;tenant&gt;.billing.&lt;quota&gt;:&lt;amount&gt;|c   a charge (debates 1, tokens n, storage bytes n, flushed API calls n)
 * &lt;p&gt;.tenant.&lt;tenant&gt;.quota.&lt;quota&gt;.used:&lt;n&gt;|g     where the tenant stands now
 * &lt;p&gt;.tenant.&lt;tenant&gt;.quota.&lt;quota&gt;.ratio:&lt;r&gt;|g    used ÷ limit (only when there is a limit)
 * </pre>
 * Tenant ids are slugs, so they need no escaping in a metric name.
 */
public final class StatsdListener implements UsageListener, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(StatsdListener.class);

  private final DatagramChannel channel;
  private final InetSocketAddress target;
  private final String prefix;
  private volatile boolean warned;

  public StatsdListener(String host, int port, String prefix) {
    this.prefix = requireNonNull(prefix, "prefix is null");
    this.target = new InetSocketAddress(requireNonNull(host, "host is null"), port);
    try {
      this.channel = DatagramChannel.open();
    } catch (IOException e) {
      throw new IllegalStateException("cannot open a UDP socket for statsd: " + e.getMessage(), e);
    }
    if (target.isUnresolved()) LOG.warn("statsd host {} does not resolve; usage lines are dropped until it does", host);
  }

  @Override
  public void apiCall(String tenant) {
    send(prefix + ".tenant." + tenant + ".requests:1|c");
  }

  @Override
  public void billed(String tenant, Quota quota, long amount) {
    send(prefix + ".tenant." + tenant + ".billing." + quota.wire() + ":" + amount + "|c");
  }

  @Override
  public void usage(String tenant, Quota quota, long used, long limit) {
    send(prefix + ".tenant." + tenant + ".quota." + quota.wire() + ".used:" + used + "|g");
    if (limit > 0)
      send(prefix + ".tenant." + tenant + ".quota." + quota.wire() + ".ratio:"
          + String.format(Locale.ROOT, "%.4f", (double) used / limit) + "|g");
  }

  /** Sends one line; never blocks for long and never throws. */
  void send(String line) {
    try {
      InetSocketAddress to = target.isUnresolved() ? new InetSocketAddress(target.getHostString(), target.getPort()) : target;
      if (to.isUnresolved()) return;
      channel.send(ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8)), to);
    } catch (IOException | RuntimeException e) {
      if (!warned) {
        warned = true;
        LOG.warn("cannot send statsd lines to {}: {} (logged once)", target, e.toString());
      }
    }
  }

  @Override
  public void close() {
    try {
      channel.close();
    } catch (IOException e) {
      LOG.debug("closing the statsd socket: {}", e.toString());
    }
  }
}
