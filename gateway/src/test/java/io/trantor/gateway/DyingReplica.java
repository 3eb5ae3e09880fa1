package io.trantor.gateway;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A replica that dies with the request in flight: it reads a whole HTTP/1.1 request (headers and
 * Content-Length body) and closes the connection without answering, as a killed agent does.
 * Anything else it reads (an HTTP/2 preface) it closes on at once.
 */
final class DyingReplica implements AutoCloseable {
  private final ServerSocket socket;
  private final Thread acceptor;
  private final AtomicInteger requestsDropped = new AtomicInteger();

  DyingReplica() throws IOException {
    socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    acceptor = Thread.ofVirtual().start(this::accept);
  }

  String endpoint() {
    return "127.0.0.1:" + socket.getLocalPort();
  }

  /** Whole requests read and left unanswered. */
  int requestsDropped() {
    return requestsDropped.get();
  }

  private void accept() {
    while (!socket.isClosed()) {
      try {
        Socket connection = socket.accept();
        Thread.ofVirtual().start(() -> dropOneRequest(connection));
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void dropOneRequest(Socket connection) {
    try (connection; InputStream in = connection.getInputStream()) {
      ByteArrayOutputStream head = new ByteArrayOutputStream();
      while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
        int b = in.read();
        if (b < 0) {
          return;
        }
        head.write(b);
      }
      String headers = head.toString(StandardCharsets.ISO_8859_1);
      if (headers.startsWith("PRI * HTTP/2.0")) {
        return; // not HTTP/1: the client falls back or gives up before sending
      }
      long length = 0;
      for (String line : headers.split("\r\n")) {
        if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
          length = Long.parseLong(line.substring("content-length:".length()).trim());
        }
      }
      in.readNBytes((int) length);
      requestsDropped.incrementAndGet();
    } catch (IOException e) {
      // the client went first
    }
  }

  @Override
  public void close() throws Exception {
    socket.close();
    acceptor.join();
  }
}
