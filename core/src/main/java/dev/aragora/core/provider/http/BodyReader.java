package dev.aragora.core.provider.http;

import java.io.IOException;
import java.io.InputStream;

/** Turns a successful (2xx) response body into a result; runs on the calling thread. */
@FunctionalInterface
public interface BodyReader<T> {
  T read(InputStream body) throws IOException;
}
