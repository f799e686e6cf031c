package dev.aragora.server.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A Prometheus text scrape read back into samples, for assertions on names, labels and values. */
public final class PrometheusText {
  private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})?\\s+(\\S+)(?:\\s+\\d+)?$");
  private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\",?");

  /** One line: {@code name{labels} value}. */
  public record Sample(String name, Map<String, String> labels, double value) {
    public boolean has(Map<String, String> subset) {
      return labels.entrySet().containsAll(subset.entrySet());
    }
  }

  private final List<Sample> samples;

  private PrometheusText(List<Sample> samples) {
    this.samples = List.copyOf(samples);
  }

  public static PrometheusText parse(String text) {
    List<Sample> samples = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) continue;
      Matcher m = SAMPLE.matcher(line.strip());
      if (!m.matches()) throw new IllegalArgumentException("not a sample line: " + line);
      Map<String, String> labels = new LinkedHashMap<>();
      if (m.group(2) != null) {
        Matcher l = LABEL.matcher(m.group(2));
        while (l.find()) labels.put(l.group(1), l.group(2));
      }
      samples.add(new Sample(m.group(1), labels, Double.parseDouble(m.group(3))));
    }
    return new PrometheusText(samples);
  }

  public List<Sample> samples() {
    return samples;
  }

  /** Every sample named {@code name} whose labels include {@code labels}. */
  public List<Sample> all(String name, Map<String, String> labels) {
    return samples.stream().filter(s -> s.name().equals(name) && s.has(labels)).toList();
  }

  /** The one sample named {@code name} with exactly {@code labels}' values for those labels. */
  public Sample one(String name, Map<String, String> labels) {
    List<Sample> found = all(name, labels);
    if (found.size() != 1)
      throw new AssertionError("expected one " + name + labels + ", found " + found + " among "
          + samples.stream().filter(s -> s.name().equals(name)).toList());
    return found.get(0);
  }
}
