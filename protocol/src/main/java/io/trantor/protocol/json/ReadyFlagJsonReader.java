package io.trantor.protocol.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.trantor.protocol.InvalidInputException;
import java.io.IOException;

/** Reads {@code {"ready": bool}} of a repository index request (other fields are ignored). */
final class ReadyFlagJsonReader {
  private ReadyFlagJsonReader() {}

  static boolean read(byte[] body) throws IOException {
    if (body == null || isBlank(body)) {
      return false;
    }
    boolean ready = false;
    String what = "repository index request";
    try (JsonParser p = JsonBody.of(body, -1, what).openObject(what)) {
      while (JsonIo.nextField(p)) {
        String field = p.currentName();
        JsonToken t = p.nextToken();
        if (field.equals("ready")) {
          if (t != JsonToken.VALUE_TRUE && t != JsonToken.VALUE_FALSE) {
            throw new InvalidInputException(
                "'ready' must be true or false, found " + JsonIo.describe(p));
          }
          ready = t == JsonToken.VALUE_TRUE;
        } else {
          p.skipChildren();
        }
      }
      JsonBody.expectEnd(p);
    }
    return ready;
  }

  private static boolean isBlank(byte[] body) {
    for (byte b : body) {
      if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
        return false;
      }
    }
    return true;
  }
}
