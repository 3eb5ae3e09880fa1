package io.trantor.gateway.ingress;

import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.ServiceRequestContext;
import com.linecorp.armeria.server.SimpleDecoratingHttpService;
import io.netty.util.AttributeKey;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Gives every request an {@code x-request-id}: the caller's, else a new XID-like id (20
 * characters, base32hex, time-ordered, as Seldon's). It is returned on the response and passed
 * to the replica.
 */
final class RequestIds extends SimpleDecoratingHttpService {
  static final String HEADER = "x-request-id";
  static final AttributeKey<String> ID = AttributeKey.valueOf(RequestIds.class, "id");
  private static final char[] BASE32HEX = "0123456789abcdefghijklmnopqrstuv".toCharArray();

  RequestIds(HttpService delegate) {
    super(delegate);
  }

  @Override
  public HttpResponse serve(ServiceRequestContext ctx, HttpRequest req) throws Exception {
    String id = req.headers().get(HEADER);
    if (id == null || id.isBlank()) {
      id = next();
    }
    ctx.setAttr(ID, id);
    ctx.addAdditionalResponseHeader(HEADER, id);
    return unwrap().serve(ctx, req);
  }

  /** 4 bytes of seconds and 8 random bytes, in 20 base32hex characters. */
  static String next() {
    long seconds = System.currentTimeMillis() / 1000;
    long random = ThreadLocalRandom.current().nextLong();
    byte[] raw = new byte[12];
    for (int i = 0; i < 4; i++) {
      raw[i] = (byte) (seconds >>> (24 - 8 * i));
    }
    for (int i = 0; i < 8; i++) {
      raw[4 + i] = (byte) (random >>> (56 - 8 * i));
    }
    StringBuilder out = new StringBuilder(20);
    int buffer = 0;
    int bits = 0;
    for (byte b : raw) {
      buffer = (buffer << 8) | (b & 0xff);
      bits += 8;
      while (bits >= 5) {
        out.append(BASE32HEX[(buffer >>> (bits - 5)) & 31]);
        bits -= 5;
      }
    }
    if (bits > 0) {
      out.append(BASE32HEX[(buffer << (5 - bits)) & 31]);
    }
    return out.toString();
  }
}
