package io.trantor.protocol.testing;

import io.trantor.protocol.Datatype;
import io.trantor.protocol.Tensor;
import java.util.List;

/**
 * One {@code [2,2]} tensor named {@code t} per OIP datatype, with extreme values, and its REST JSON
 * data nested and flat. The flat form is exactly what the codec prints (UINT64 unsigned, FP32 and
 * FP16 with float precision), so it doubles as a golden.
 */
public final class EveryDatatype {
  private static final long[] SHAPE = {2, 2};

  /**
   * @param flatJson the data array as the codec writes it
   * @param nestedJson the same data nested by the shape
   */
  public record Sample(Datatype datatype, String flatJson, String nestedJson, Tensor tensor) {
    @Override
    public String toString() {
      return datatype.name();
    }
  }

  private EveryDatatype() {}

  public static List<Sample> samples() {
    return List.of(
        sample(Datatype.BOOL, "true,false,false,true", Tensors.of("t", Datatype.BOOL, SHAPE, 1, 0, 0, 1)),
        sample(Datatype.UINT8, "0,255,7,128", Tensors.of("t", Datatype.UINT8, SHAPE, 0, 255, 7, 128)),
        sample(Datatype.INT8, "-128,127,0,-1", Tensors.of("t", Datatype.INT8, SHAPE, -128, 127, 0, -1)),
        sample(
            Datatype.UINT16, "0,65535,1,256", Tensors.of("t", Datatype.UINT16, SHAPE, 0, 65535, 1, 256)),
        sample(
            Datatype.INT16,
            "-32768,32767,0,-1",
            Tensors.of("t", Datatype.INT16, SHAPE, -32768, 32767, 0, -1)),
        sample(
            Datatype.UINT32,
            "0,4294967295,1,2147483648",
            Tensors.of("t", Datatype.UINT32, SHAPE, 0, 0xFFFF_FFFF, 1, 0x8000_0000)),
        sample(
            Datatype.INT32,
            "-2147483648,2147483647,0,-1",
            Tensors.of("t", Datatype.INT32, SHAPE, Integer.MIN_VALUE, Integer.MAX_VALUE, 0, -1)),
        sample(
            Datatype.UINT64,
            "0,18446744073709551615,1,9223372036854775808",
            Tensors.of("t", Datatype.UINT64, SHAPE, 0L, -1L, 1L, Long.MIN_VALUE)),
        sample(
            Datatype.INT64,
            "-9223372036854775808,9223372036854775807,0,-1",
            Tensors.of("t", Datatype.INT64, SHAPE, Long.MIN_VALUE, Long.MAX_VALUE, 0L, -1L)),
        sample(
            Datatype.FP16,
            "1.5,-2.0,0.099975586,65504.0",
            Tensors.of("t", Datatype.FP16, SHAPE, 1.5f, -2f, 0.1f, 65504f)),
        sample(
            Datatype.FP32,
            "0.1,-2.5,3.4028235E38,1.4E-45",
            Tensors.of("t", Datatype.FP32, SHAPE, 0.1f, -2.5f, Float.MAX_VALUE, Float.MIN_VALUE)),
        sample(
            Datatype.FP64,
            "0.1,-2.5,1.7976931348623157E308,4.9E-324",
            Tensors.of("t", Datatype.FP64, SHAPE, 0.1, -2.5, Double.MAX_VALUE, Double.MIN_VALUE)),
        sample(
            Datatype.BYTES,
            "\"a\",\"é\",\"\",\"日本\"",
            Tensors.strings("t", SHAPE, "a", "é", "", "日本")));
  }

  private static Sample sample(Datatype datatype, String flatElements, Tensor tensor) {
    String[] e = flatElements.split(",");
    String nested = "[[" + e[0] + "," + e[1] + "],[" + e[2] + "," + e[3] + "]]";
    return new Sample(datatype, "[" + flatElements + "]", nested, tensor);
  }
}
