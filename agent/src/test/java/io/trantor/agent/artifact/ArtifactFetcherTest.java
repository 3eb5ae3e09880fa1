package io.trantor.agent.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trantor.agent.replica.StorageRewrite;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class ArtifactFetcherTest {
  @RegisterExtension static final FakeObjectStore STORE = new FakeObjectStore();

  @TempDir Path tmp;
  Path cache;

  @BeforeEach
  void setUp() {
    cache = tmp.resolve("cache");
    STORE.clear();
  }

  private ArtifactFetcher fetcher(Map<String, String> env, StorageRewrite... rules) {
    List<StorageRewrite> list = List.of(rules);
    UnaryOperator<String> rewrite = uri -> StorageRewrite.applyAll(list, uri);
    return new ArtifactFetcher(cache, rewrite, env);
  }

  private ArtifactFetcher fetcher() {
    return fetcher(Map.of("STORAGE_EMULATOR_HOST", STORE.base()));
  }

  private static Map<String, String> s3Env(String remote) {
    String prefix = "RCLONE_CONFIG_" + remote.toUpperCase() + "_";
    return Map.of(
        prefix + "TYPE", "s3",
        prefix + "ACCESS_KEY_ID", FakeObjectStore.ACCESS_KEY,
        prefix + "SECRET_ACCESS_KEY", FakeObjectStore.SECRET_KEY,
        prefix + "ENDPOINT", STORE.base() + "/s3");
  }

  private static List<String> filesUnder(Path folder) throws Exception {
    try (Stream<Path> files = Files.walk(folder)) {
      return files.filter(Files::isRegularFile).map(p -> folder.relativize(p).toString().replace('\\', '/')).sorted().toList();
    }
  }

  // ---- local ----

  @Test
  void usesALocalFolderInPlace() throws Exception {
    Path model = Files.createDirectories(tmp.resolve("models/iris"));
    try (ArtifactFetcher fetcher = fetcher()) {
      assertThat(fetcher.fetch(model.toString())).isEqualTo(model);
      assertThat(fetcher.fetch(model.toUri().toString())).isEqualTo(model);
    }
    assertThat(cache).doesNotExist();
  }

  @Test
  void rewritesInOrderAndResolvesARelativeResultAgainstTheWorkingDirectory() throws Exception {
    try (ArtifactFetcher fetcher = fetcher(Map.of(),
        StorageRewrite.parse("gs://seldon-models/mlserver/=gs://seldon-models/"),
        StorageRewrite.parse("gs://seldon-models/=../samples/models/"))) {
      assertThat(fetcher.fetch("gs://seldon-models/mlserver/iris"))
          .isEqualTo(Path.of("../samples/models/iris").toAbsolutePath().normalize());
    }
  }

  @Test
  void namesTheUriOfAMissingLocalArtifact() {
    try (ArtifactFetcher fetcher = fetcher(Map.of(), StorageRewrite.parse("gs://b/=" + tmp + "/"))) {
      assertThatThrownBy(() -> fetcher.fetch("gs://b/nothing-here"))
          .isInstanceOf(ArtifactException.class)
          .hasMessageContaining("not found")
          .hasMessageContaining(tmp.resolve("nothing-here").toString())
          .hasMessageContaining("rewritten from gs://b/nothing-here");
    }
  }

  // ---- http ----

  @Test
  void downloadsOneFileOverHttpAndReusesTheCacheAfterARestart() throws Exception {
    STORE.put("files", "models/add10/model.onnx", "onnx bytes");
    String uri = STORE.base() + "/files/models/add10/model.onnx";

    Path first;
    try (ArtifactFetcher fetcher = fetcher()) {
      first = fetcher.fetch(uri);
      assertThat(fetcher.fetch(uri)).isEqualTo(first);
    }
    assertThat(first).startsWith(cache);
    assertThat(filesUnder(first)).containsExactly("model.onnx");
    assertThat(first.resolve("model.onnx")).hasContent("onnx bytes");

    try (ArtifactFetcher restarted = fetcher()) {
      assertThat(restarted.fetch(uri)).isEqualTo(first);
    }
    assertThat(STORE.requests()).containsExactly("/files/models/add10/model.onnx");
  }

  @Test
  void leavesNothingInTheCacheWhenADownloadFails() throws Exception {
    String uri = STORE.base() + "/files/missing/model.onnx";
    try (ArtifactFetcher fetcher = fetcher()) {
      assertThatThrownBy(() -> fetcher.fetch(uri))
          .isInstanceOf(ArtifactException.class)
          .hasMessageContaining("not found")
          .hasMessageContaining(uri);
      assertThat(cache).isEmptyDirectory();

      STORE.put("files", "missing/model.onnx", "late");
      assertThat(fetcher.fetch(uri).resolve("model.onnx")).hasContent("late");
    }
  }

  @Test
  void refusesAnHttpFolder() {
    try (ArtifactFetcher fetcher = fetcher()) {
      assertThatThrownBy(() -> fetcher.fetch(STORE.base() + "/files/models/"))
          .hasMessageContaining("must name one file");
    }
  }

  // ---- gs ----

  @Test
  void downloadsEveryObjectUnderAGcsPrefixAcrossPages() throws Exception {
    STORE.put("seldon-models", "triton/simple/config.pbtxt", "name: \"simple\"");
    STORE.put("seldon-models", "triton/simple/1/model.onnx", "v1");
    STORE.put("seldon-models", "triton/simple/2/model.onnx", "v2");
    STORE.put("seldon-models", "triton/simple/", "");
    STORE.put("seldon-models", "triton/simpler/1/model.onnx", "not this one");

    try (ArtifactFetcher fetcher = fetcher()) {
      Path folder = fetcher.fetch("gs://seldon-models/triton/simple");

      assertThat(filesUnder(folder)).containsExactly("1/model.onnx", "2/model.onnx", "config.pbtxt");
      assertThat(folder.resolve("2/model.onnx")).hasContent("v2");
    }
    assertThat(STORE.requests()).anyMatch(r -> r.contains("pageToken=2"));
  }

  @Test
  void downloadsASingleGcsObject() throws Exception {
    STORE.put("bucket", "models/model.bst", "xgb");
    try (ArtifactFetcher fetcher = fetcher()) {
      assertThat(filesUnder(fetcher.fetch("gs://bucket/models/model.bst"))).containsExactly("model.bst");
    }
  }

  @Test
  void namesTheUriWhenAGcsPrefixIsEmpty() {
    STORE.put("bucket", "other/x", "x");
    try (ArtifactFetcher fetcher = fetcher()) {
      assertThatThrownBy(() -> fetcher.fetch("gs://bucket/models/iris"))
          .isInstanceOf(ArtifactException.class)
          .hasMessage("model artifact not found: nothing at gs://bucket/models/iris");
    }
  }

  // ---- s3 ----

  @Test
  void downloadsFromS3WithSignedRequestsUsingAnRcloneRemote() throws Exception {
    STORE.put("models", "iris/model-settings.json", "{}");
    STORE.put("models", "iris/model.onnx", "onnx");
    STORE.put("models", "iris/sub dir/notes+1.txt", "spaces");
    STORE.put("models", "irises/model.onnx", "not this one");

    try (ArtifactFetcher fetcher = fetcher(s3Env("s3"))) {
      Path folder = fetcher.fetch("s3://models/iris");
      assertThat(filesUnder(folder)).containsExactly("model-settings.json", "model.onnx", "sub dir/notes+1.txt");
      assertThat(folder.resolve("sub dir/notes+1.txt")).hasContent("spaces");
    }
    assertThat(STORE.requests()).anyMatch(r -> r.contains("continuation-token=2"));
  }

  @Test
  void anyRcloneRemoteOfTypeS3Works() throws Exception {
    STORE.put("models", "mnist/model.onnx", "onnx");
    try (ArtifactFetcher fetcher = fetcher(s3Env("minio"))) {
      assertThat(filesUnder(fetcher.fetch("minio://models/mnist"))).containsExactly("model.onnx");
    }
  }

  @Test
  void readsAwsVariablesForS3() throws Exception {
    STORE.put("models", "x/model.onnx", "onnx");
    Map<String, String> env = Map.of(
        "AWS_ACCESS_KEY_ID", FakeObjectStore.ACCESS_KEY,
        "AWS_SECRET_ACCESS_KEY", FakeObjectStore.SECRET_KEY,
        "AWS_ENDPOINT_URL_S3", STORE.base() + "/s3",
        "AWS_REGION", FakeObjectStore.REGION);
    try (ArtifactFetcher fetcher = fetcher(env)) {
      assertThat(filesUnder(fetcher.fetch("s3://models/x"))).containsExactly("model.onnx");
    }
  }

  @Test
  void reportsRefusedS3CredentialsWithoutLeakingThem() {
    STORE.put("models", "x/model.onnx", "onnx");
    Map<String, String> env = Map.of(
        "RCLONE_CONFIG_S3_TYPE", "s3",
        "RCLONE_CONFIG_S3_ACCESS_KEY_ID", FakeObjectStore.ACCESS_KEY,
        "RCLONE_CONFIG_S3_SECRET_ACCESS_KEY", "wrong-secret",
        "RCLONE_CONFIG_S3_ENDPOINT", STORE.base() + "/s3");
    try (ArtifactFetcher fetcher = fetcher(env)) {
      assertThatThrownBy(() -> fetcher.fetch("s3://models/x"))
          .isInstanceOf(ArtifactException.class)
          .hasMessageContaining("s3://models/x")
          .hasMessageContaining("HTTP 403")
          .hasMessageNotContaining("wrong-secret");
    }
  }

  @Test
  void rejectsAnUnknownScheme() {
    try (ArtifactFetcher fetcher = fetcher()) {
      assertThatThrownBy(() -> fetcher.fetch("azure://container/model"))
          .isInstanceOf(ArtifactException.class)
          .hasMessageContaining("azure://container/model")
          .hasMessageContaining("RCLONE_CONFIG_AZURE_TYPE=s3");
    }
  }
}
