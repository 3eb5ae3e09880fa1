package io.trantor.samples.tritonnative;

import io.trantor.samples.folder.SampleFolder;
import io.trantor.samples.onnx.OnnxAttribute;
import io.trantor.samples.onnx.OnnxElementType;
import io.trantor.samples.onnx.OnnxModelBuilder;
import io.trantor.samples.triton.TritonConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A stand-in for Seldon's {@code triton/onnx_gpt2/gpt2} (an ONNX export of GPT-2 that Seldon's
 * load tests call with {@code input_ids} and {@code attention_mask}, INT32 {@code [N,10]}): the
 * same inputs and GPT-2's output {@code logits} FP32 {@code [N, tokens, 50257]}, without weights.
 * Each position's logits peak at the next token id: {@code logits[n,t,v] = -(v - (id[n,t] + 1))²},
 * times the position's mask (masked positions score 0 everywhere), so greedy decoding of
 * {@code 1, 2, 3} continues with {@code 4}. The file is a few hundred bytes: no vocabulary-sized
 * tensor is stored, the vocabulary is a {@code Range}.
 */
public final class Gpt2OnnxSample {
  static final long VOCABULARY = 50257;
  static final String IDS = "input_ids";
  static final String MASK = "attention_mask";
  static final String LOGITS = "logits";

  private Gpt2OnnxSample() {}

  public static void write(Path modelDir) throws IOException {
    TritonConfig config = new TritonConfig("gpt2", "onnxruntime_onnx", 0,
        List.of(TritonConfig.Tensor.of(IDS, "TYPE_INT32", -1, -1), TritonConfig.Tensor.of(MASK, "TYPE_INT32", -1, -1)),
        List.of(TritonConfig.Tensor.of(LOGITS, "TYPE_FP32", -1, -1, VOCABULARY)));
    SampleFolder folder = new SampleFolder(modelDir);
    folder.writeText("config.pbtxt", config.render());
    folder.write("1/model.onnx", model());
  }

  static byte[] model() {
    long float32 = OnnxElementType.FLOAT.code();
    return OnnxModelBuilder.graph("gpt2")
        .input(IDS, OnnxElementType.INT32, -1, -1)
        .input(MASK, OnnxElementType.INT32, -1, -1)
        .output(LOGITS, OnnxElementType.FLOAT, -1, -1, VOCABULARY)
        .floatInitializer("zero", new long[] {}, 0f)
        .floatInitializer("one", new long[] {}, 1f)
        .floatInitializer("vocabulary_size", new long[] {}, (float) VOCABULARY)
        .longInitializer("last_axis", new long[] {1}, 2)
        .node("Range", List.of("zero", "vocabulary_size", "one"), List.of("vocabulary"))
        .node("Cast", List.of(IDS), List.of("ids"), OnnxAttribute.of("to", float32))
        .node("Add", List.of("ids", "one"), List.of("next"))
        .node("Unsqueeze", List.of("next", "last_axis"), List.of("next_column"))
        .node("Sub", List.of("vocabulary", "next_column"), List.of("distance"))
        .node("Mul", List.of("distance", "distance"), List.of("squared"))
        .node("Neg", List.of("squared"), List.of("closeness"))
        .node("Cast", List.of(MASK), List.of("mask"), OnnxAttribute.of("to", float32))
        .node("Unsqueeze", List.of("mask", "last_axis"), List.of("mask_column"))
        .node("Mul", List.of("closeness", "mask_column"), List.of(LOGITS))
        .build();
  }
}
