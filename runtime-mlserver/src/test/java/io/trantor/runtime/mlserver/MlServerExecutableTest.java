package io.trantor.runtime.mlserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MlServerExecutableTest {
  @TempDir Path tmp;

  @Test
  void findsTheFirstMlserverOnThePathAndItsInterpreterFromTheShebang() throws Exception {
    Path empty = Files.createDirectories(tmp.resolve("empty"));
    Path venv = Files.createDirectories(tmp.resolve("venv/bin"));
    Path script = script(venv.resolve("mlserver"), "#!/opt/venv/bin/python3.11\nimport sys\n");

    Path found = MlServerExecutable.find(Map.of("PATH", empty + ":" + venv)).orElseThrow();

    assertThat(found).isEqualTo(script);
    assertThat(MlServerExecutable.interpreter(found)).containsExactly("/opt/venv/bin/python3.11");
  }

  @Test
  void anExplicitScriptWinsAndEnvShebangsKeepTheirArguments() throws Exception {
    Path script = script(tmp.resolve("my-mlserver"), "#!/usr/bin/env python3\n");
    Map<String, String> env = Map.of("PATH", "/nowhere", MlServerExecutable.ENV, script.toString());
    assertThat(MlServerExecutable.find(env)).contains(script);
    assertThat(MlServerExecutable.interpreter(script)).isEqualTo(List.of("/usr/bin/env", "python3"));
  }

  @Test
  void missingMlServerIsEmptyAndTheMessageSaysHowToInstallIt() {
    assertThat(MlServerExecutable.find(Map.of("PATH", tmp.toString()))).isEmpty();
    assertThat(MlServerExecutable.missingMessage()).contains("pip install mlserver==1.7.1").contains("--mlserver");
  }

  private static Path script(Path path, String text) throws Exception {
    Files.writeString(path, text);
    Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
    return path;
  }
}
