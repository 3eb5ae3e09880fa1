package io.trantor.runtime.tensorflow;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** With TensorFlow for this machine on the class path, servers offer Seldon's {@code tensorflow} tag. */
class CapabilitiesTest {
  @Test
  void advertisesTensorflowWhenItsNativeLibraryForThisMachineIsBundled() {
    assertThat(new TensorflowModelRuntime().capabilities()).containsExactly("tensorflow");
  }
}
