package dev.aragora.server.ops;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import dev.aragora.server.config.LoggingConfig;
import java.net.URL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Process-wide logging: logback writing to stderr, as text ({@code logback.xml}, also what a JVM
 * gets before this runs) or as one JSON object a line ({@code logback-json.xml}, logstash encoder).
 * java.util.logging (the OpenTelemetry SDK's) is routed through the same appender, so that a JSON
 * log never has a plain line in it. Called once by the CLI's entry point, which owns the process.
 */
public final class Logging {
  private Logging() {}

  public static void configure(LoggingConfig config) {
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) return; // another binding
    URL file = Logging.class.getResource(config.json() ? "/logback-json.xml" : "/logback.xml");
    context.reset();
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    try {
      configurator.doConfigure(file);
    } catch (JoranException e) {
      throw new IllegalStateException("cannot configure logging from " + file, e);
    }
    context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(Level.toLevel(config.level()));
    if (!SLF4JBridgeHandler.isInstalled()) {
      SLF4JBridgeHandler.removeHandlersForRootLogger();
      SLF4JBridgeHandler.install();
    }
  }
}
