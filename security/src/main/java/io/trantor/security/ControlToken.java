package io.trantor.security;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;

/**
 * The control API's shared bearer token ({@code --control-token-file}). Compared in constant time;
 * {@link #toString()} never shows it.
 */
public final class ControlToken implements TokenVerifier {
  private final byte[] token;

  private ControlToken(String token) {
    this.token = token.getBytes(UTF_8);
  }

  /** The token in {@code file} (surrounding whitespace dropped); exit-code-2 material when unusable. */
  public static ControlToken read(Path file) {
    new PemFile(file).requireReadable();
    String token;
    try {
      token = Files.readString(file, UTF_8).strip();
    } catch (IOException e) {
      throw new TlsFileException(file, "cannot be read (" + e.getClass().getSimpleName() + ")");
    }
    if (token.isEmpty()) {
      throw new TlsFileException(file, "the token file is empty");
    }
    if (token.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
      throw new TlsFileException(file, "a token must be one line of printable ASCII without spaces");
    }
    return new ControlToken(token);
  }

  /** The token itself, to send as {@code Authorization: Bearer ...}. */
  public String value() {
    return new String(token, UTF_8);
  }

  @Override
  public void verify(String presented) throws Refused {
    if (!MessageDigest.isEqual(token, presented.getBytes(UTF_8))) {
      throw new Refused("the control token is wrong");
    }
  }

  @Override
  public String toString() {
    return "ControlToken[****]";
  }
}
