package io.trantor.security;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A certificate authority made on this machine (EC P-256): {@code trantor up --tls auto} makes
 * one with a server certificate on first start, and tests make theirs so no key is committed.
 *
 * @param certificate the CA's self-signed certificate
 * @param key the CA's private key
 */
public record LocalCa(X509Certificate certificate, PrivateKey key) {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Duration CA_VALIDITY = Duration.ofDays(3650);
  private static final Duration LEAF_VALIDITY = Duration.ofDays(825);

  /** A certificate with its private key. */
  public record Issued(X509Certificate certificate, PrivateKey key) {
    /** Writes the certificate and key as PEM; the key readable by its owner only. */
    public void write(Path certFile, Path keyFile) {
      writeCertificate(certificate, certFile);
      writeKey(key, keyFile);
    }
  }

  /** Where {@link #ensure} put the files. */
  public record Generated(Path caCert, Path serverCert, Path serverKey, boolean created) {}

  /** A new CA named {@code commonName}, valid from now on. */
  public static LocalCa create(String commonName) {
    KeyPair pair = newKeyPair();
    Instant now = Instant.now();
    X500Name name = new X500Name("CN=" + commonName);
    try {
      X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, serial(), Date.from(now.minusSeconds(60)),
          Date.from(now.plus(CA_VALIDITY)), name, pair.getPublic());
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
      builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      return new LocalCa(sign(builder, pair.getPrivate()), pair.getPrivate());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A server certificate for {@code hosts} (DNS names or IP addresses), valid for two years. */
  public Issued issueServer(String commonName, List<String> hosts) {
    Instant now = Instant.now();
    return issue(commonName, hosts, KeyPurposeId.id_kp_serverAuth, now.minusSeconds(60), now.plus(LEAF_VALIDITY));
  }

  /** A client certificate (mTLS), valid for two years. */
  public Issued issueClient(String commonName) {
    Instant now = Instant.now();
    return issue(commonName, List.of(), KeyPurposeId.id_kp_clientAuth, now.minusSeconds(60), now.plus(LEAF_VALIDITY));
  }

  /** A server certificate valid only between {@code notBefore} and {@code notAfter} (tests make expired ones). */
  public Issued issueServer(String commonName, List<String> hosts, Instant notBefore, Instant notAfter) {
    return issue(commonName, hosts, KeyPurposeId.id_kp_serverAuth, notBefore, notAfter);
  }

  private Issued issue(String commonName, List<String> hosts, KeyPurposeId purpose, Instant notBefore, Instant notAfter) {
    KeyPair pair = newKeyPair();
    try {
      X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(certificate, serial(), Date.from(notBefore),
          Date.from(notAfter), new X500Name("CN=" + commonName), pair.getPublic());
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
      builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
      if (!hosts.isEmpty()) {
        List<GeneralName> names = new ArrayList<>();
        for (String host : hosts) {
          names.add(isIpAddress(host) ? new GeneralName(GeneralName.iPAddress, host) : new GeneralName(GeneralName.dNSName, host));
        }
        builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names.toArray(GeneralName[]::new)));
      }
      return new Issued(sign(builder, key), pair.getPrivate());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The CA and a server certificate for {@code hosts} in {@code dir} ({@code ca.crt}, {@code
   * ca.key}, {@code server.crt}, {@code server.key}): made on first call, reused after.
   */
  public static Generated ensure(Path dir, List<String> hosts) {
    Path caCert = dir.resolve("ca.crt");
    Path serverCert = dir.resolve("server.crt");
    Path serverKey = dir.resolve("server.key");
    if (Files.exists(caCert) && Files.exists(serverCert) && Files.exists(serverKey)) {
      return new Generated(caCert, serverCert, serverKey, false);
    }
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new TlsFileException(dir, "cannot create the folder (" + e.getMessage() + ")");
    }
    LocalCa ca = create("Trantor local CA");
    writeCertificate(ca.certificate(), caCert);
    writeKey(ca.key(), dir.resolve("ca.key"));
    ca.issueServer(hosts.get(0), hosts).write(serverCert, serverKey);
    return new Generated(caCert, serverCert, serverKey, true);
  }

  /** Writes the CA's certificate as PEM. */
  public void writeCertificate(Path file) {
    writeCertificate(certificate, file);
  }

  static void writeCertificate(X509Certificate certificate, Path file) {
    try {
      write(file, pem("CERTIFICATE", certificate.getEncoded()), false);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot encode a certificate just made", e);
    }
  }

  /** PKCS#8 ({@code BEGIN PRIVATE KEY}), which every TLS stack reads. */
  static void writeKey(PrivateKey key, Path file) {
    write(file, pem("PRIVATE KEY", key.getEncoded()), true);
  }

  private static void write(Path file, String content, boolean secret) {
    try {
      Files.writeString(file, content, US_ASCII);
      if (secret && file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      }
    } catch (IOException e) {
      throw new TlsFileException(file, "cannot be written (" + e.getMessage() + ")");
    }
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END " + type + "-----\n";
  }

  private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey signer) {
    try {
      return new JcaX509CertificateConverter().getCertificate(
          builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer)));
    } catch (OperatorCreationException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign a certificate", e);
    }
  }

  private static KeyPair newKeyPair() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK has no EC P-256", e);
    }
  }

  private static BigInteger serial() {
    return new BigInteger(64, RANDOM).add(BigInteger.ONE);
  }

  private static boolean isIpAddress(String host) {
    return host.matches("[0-9.]+") || host.contains(":");
  }
}
