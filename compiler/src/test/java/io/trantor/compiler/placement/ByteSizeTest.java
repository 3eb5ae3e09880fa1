package io.trantor.compiler.placement;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ByteSizeTest {

  @Test
  void writesExactBinaryUnitsAsManifestsDo() {
    assertThat(ByteSize.format(64L << 20)).isEqualTo("64Mi");
    assertThat(ByteSize.format(1L << 30)).isEqualTo("1Gi");
    assertThat(ByteSize.format(1024)).isEqualTo("1Ki");
  }

  @Test
  void writesOtherSizesWithOneDecimalRoundedDown() {
    assertThat(ByteSize.format((3L << 29) + 1)).isEqualTo("1.5Gi");
    assertThat(ByteSize.format((100L << 20) - 1)).isEqualTo("99.9Mi");
  }

  @Test
  void writesSmallSizesInBytes() {
    assertThat(ByteSize.format(0)).isEqualTo("0B");
    assertThat(ByteSize.format(1023)).isEqualTo("1023B");
  }
}
