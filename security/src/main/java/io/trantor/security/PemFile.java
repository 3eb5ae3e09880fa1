package io.trantor.security;

import com.linecorp.armeria.common.TlsKeyPair;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;

/** Reads PEM certificates and keys, turning every failure into a {@link TlsFileException} naming the file. */
record PemFile(Path path) {
  // Keys parsed by Netty can be BouncyCastle keys, which the JDK's providers refuse: probe with BC.
  private static final java.security.Provider BOUNCY_CASTLE = new org.bouncycastle.jce.provider.BouncyCastleProvider();

  /** The certificates in the file (at least one), each checked to be valid now. */
  List<X509Certificate> certificates() {
    requireReadable();
    List<X509Certificate> certificates;
    try (InputStream in = Files.newInputStream(path)) {
      certificates = CertificateFactory.getInstance("X.509").generateCertificates(in).stream()
          .map(X509Certificate.class::cast)
          .toList();
    } catch (IOException | CertificateException e) {
      throw new TlsFileException(path, "not a PEM certificate (" + e.getClass().getSimpleName() + ")");
    }
    if (certificates.isEmpty()) {
      throw new TlsFileException(path, "no certificate in the file");
    }
    for (X509Certificate certificate : certificates) {
      try {
        certificate.checkValidity();
      } catch (CertificateExpiredException e) {
        throw new TlsFileException(path, "certificate " + certificate.getSubjectX500Principal() + " expired on "
            + certificate.getNotAfter().toInstant());
      } catch (CertificateNotYetValidException e) {
        throw new TlsFileException(path, "certificate " + certificate.getSubjectX500Principal() + " is not valid before "
            + certificate.getNotBefore().toInstant());
      }
    }
    return certificates;
  }

  /** This file's certificate chain with the private key in {@code keyFile}, checked to belong together. */
  TlsKeyPair keyPair(Path keyFile) {
    List<X509Certificate> chain = certificates();
    new PemFile(keyFile).requireReadable();
    TlsKeyPair pair;
    try {
      pair = TlsKeyPair.of(keyFile.toFile(), path.toFile());
    } catch (RuntimeException e) {
      // The parser's message may quote the key; name only the kind of failure.
      throw new TlsFileException(keyFile, "not a PEM private key (PKCS#8 or PKCS#1) matching " + path.getFileName()
          + " (" + e.getClass().getSimpleName() + ")");
    }
    if (!matches(pair, chain.get(0))) {
      throw new TlsFileException(keyFile, "the private key does not match the certificate in " + path);
    }
    return pair;
  }

  /** Proves that the key is the certificate's: signs a probe with the key and checks it with the certificate. */
  private static boolean matches(TlsKeyPair pair, X509Certificate certificate) {
    try {
      String algorithm = switch (pair.privateKey().getAlgorithm()) {
        case "RSA" -> "SHA256withRSA";
        case "EC", "ECDSA" -> "SHA256withECDSA";
        case "Ed25519", "EdDSA" -> "Ed25519";
        default -> null;
      };
      if (algorithm == null) {
        return true; // an algorithm we cannot probe: the handshake will tell
      }
      byte[] probe = "trantor key check".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
      java.security.Signature signer = java.security.Signature.getInstance(algorithm, BOUNCY_CASTLE);
      signer.initSign(pair.privateKey());
      signer.update(probe);
      byte[] signature = signer.sign();
      java.security.Signature verifier = java.security.Signature.getInstance(algorithm, BOUNCY_CASTLE);
      verifier.initVerify(certificate.getPublicKey());
      verifier.update(probe);
      return verifier.verify(signature);
    } catch (java.security.GeneralSecurityException e) {
      return false;
    }
  }

  void requireReadable() {
    if (!Files.exists(path)) {
      throw new TlsFileException(path, "no such file");
    }
    if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
      throw new TlsFileException(path, "not a readable file");
    }
  }

  /**
   * When the file last changed, its size and its inode: a change of any means read it again (a
   * Kubernetes secret rotates by swapping a symlink, which changes the inode, not always the time).
   */
  String stamp() {
    try {
      java.nio.file.attribute.BasicFileAttributes attributes =
          Files.readAttributes(path, java.nio.file.attribute.BasicFileAttributes.class);
      return attributes.lastModifiedTime().to(java.util.concurrent.TimeUnit.NANOSECONDS) + "/" + attributes.size()
          + "/" + attributes.fileKey();
    } catch (IOException e) {
      return "missing";
    }
  }

  static String stamps(PemFile... files) {
    return String.join(",", Arrays.stream(files).map(PemFile::stamp).toList());
  }
}
