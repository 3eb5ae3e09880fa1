package io.trantor.protocol.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.trantor.protocol.InvalidInputException;
import java.io.IOException;

/**
 * The JSON part of an HTTP body: checks the {@code Inference-Header-Content-Length} value against
 * the body and opens a parser positioned on the top-level object.
 */
record JsonBody(byte[] body, int jsonLength, int headerValue) {

  /** @param headerValue the header's value, or -1 when it is absent */
  static JsonBody of(byte[] body, int headerValue, String what) {
    if (body == null || body.length == 0) {
      throw new InvalidInputException(what + " body is empty; expected a JSON object");
    }
    if (headerValue < -1 || headerValue > body.length) {
      throw new InvalidInputException(
          "Inference-Header-Content-Length is " + headerValue + " but the body has "
              + body.length + " bytes");
    }
    return new JsonBody(body, headerValue == -1 ? body.length : headerValue, headerValue);
  }

  BinaryTail binaryTail() {
    return new BinaryTail(body, headerValue);
  }

  /** A parser on the JSON part, already on the top-level START_OBJECT. */
  JsonParser openObject(String what) throws IOException {
    JsonParser p = JsonIo.parser(body, jsonLength);
    if (p.nextToken() != JsonToken.START_OBJECT) {
      String found = JsonIo.describe(p);
      p.close();
      throw new InvalidInputException(what + " must be a JSON object, found " + found);
    }
    return p;
  }

  /** After the top-level object only whitespace may follow. */
  static void expectEnd(JsonParser p) throws IOException {
    if (p.nextToken() != null) {
      throw new InvalidInputException(
          "unexpected content (" + JsonIo.describe(p) + ") after the JSON object at line "
              + p.currentTokenLocation().getLineNr() + ", column "
              + p.currentTokenLocation().getColumnNr());
    }
  }
}
