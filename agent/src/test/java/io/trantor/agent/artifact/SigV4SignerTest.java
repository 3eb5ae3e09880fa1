package io.trantor.agent.artifact;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SigV4SignerTest {

  /** The ListObjects example of AWS's "Signature Version 4, header-based auth" S3 documentation. */
  @Test
  void matchesTheAwsDocumentationExample() {
    SigV4Signer signer = new SigV4Signer(
        "AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", null, "us-east-1");

    String authorization = signer
        .sign(URI.create("https://examplebucket.s3.amazonaws.com/?max-keys=2&prefix=J"),
            Instant.parse("2013-05-24T00:00:00Z"))
        .get("Authorization");

    assertThat(authorization).isEqualTo("AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,"
        + " SignedHeaders=host;x-amz-content-sha256;x-amz-date,"
        + " Signature=34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7");
  }

  @Test
  void encodesLikeRfc3986() {
    assertThat(SigV4Signer.encode("a b+c/d~e", true)).isEqualTo("a%20b%2Bc/d~e");
    assertThat(SigV4Signer.encode("a/b", false)).isEqualTo("a%2Fb");
  }
}
