package io.trantor.runtime.pytorch;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** With LibTorch for this machine on the class path, servers offer Seldon's {@code pytorch} tag. */
class CapabilitiesTest {
  @Test
  void advertisesPytorchWhenLibtorchForThisMachineIsBundled() {
    assertThat(new PytorchModelRuntime().capabilities()).containsExactly("pytorch");
  }
}
