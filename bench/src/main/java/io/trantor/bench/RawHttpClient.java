package io.trantor.bench;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A minimal HTTP/1.1 keep-alive client for one fixed POST, so the REST load generator costs far
 * less than the server it measures (a general-purpose client adds tens of microseconds).
 */
final class RawHttpClient implements AutoCloseable {
  private final Socket socket;
  private final OutputStream out;
  private final InputStream in;
  private final byte[] request;
  private final byte[] buffer = new byte[1 << 16];

  RawHttpClient(String host, int port, String path, byte[] body) throws IOException {
    socket = new Socket(host, port);
    socket.setTcpNoDelay(true);
    out = socket.getOutputStream();
    in = socket.getInputStream();
    byte[] head =
        ("POST " + path + " HTTP/1.1\r\nHost: " + host + ":" + port
                + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    request = new byte[head.length + body.length];
    System.arraycopy(head, 0, request, 0, head.length);
    System.arraycopy(body, 0, request, head.length, body.length);
  }

  /** Sends the request and reads the whole response; returns the status code. */
  int call() throws IOException {
    out.write(request);
    out.flush();
    int filled = 0;
    int headerEnd = -1;
    while (headerEnd < 0) {
      int n = in.read(buffer, filled, buffer.length - filled);
      if (n < 0) {
        throw new EOFException("connection closed");
      }
      filled += n;
      headerEnd = indexOfHeaderEnd(filled);
    }
    String head = new String(buffer, 0, headerEnd, StandardCharsets.US_ASCII);
    int status = Integer.parseInt(head.substring(9, 12));
    int length = contentLength(head);
    int remaining = length - (filled - headerEnd - 4);
    while (remaining > 0) {
      int n = in.read(buffer, 0, Math.min(buffer.length, remaining));
      if (n < 0) {
        throw new EOFException("connection closed in body");
      }
      remaining -= n;
    }
    return status;
  }

  private int indexOfHeaderEnd(int filled) {
    for (int i = 3; i < filled; i++) {
      if (buffer[i] == '\n' && buffer[i - 1] == '\r' && buffer[i - 2] == '\n' && buffer[i - 3] == '\r') {
        return i - 3;
      }
    }
    return -1;
  }

  private static int contentLength(String head) {
    for (String line : head.split("\r\n")) {
      int colon = line.indexOf(':');
      if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("content-length")) {
        return Integer.parseInt(line.substring(colon + 1).trim());
      }
    }
    throw new IllegalStateException("response without content-length: " + head);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
