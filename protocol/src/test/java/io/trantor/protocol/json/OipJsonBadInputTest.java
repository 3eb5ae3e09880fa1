package io.trantor.protocol.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.trantor.protocol.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every malformed request is one InvalidInputException whose message says what to fix. */
class OipJsonBadInputTest {

  /**
   * @param body the HTTP body (JSON, then the binary part if any)
   * @param jsonLength the Inference-Header-Content-Length value, -1 when absent
   * @param expectedFragments what the message must contain, first the tensor or field it names
   */
  record BadInput(String problem, String body, int jsonLength, String... expectedFragments) {
    static BadInput json(String problem, String body, String... expectedFragments) {
      return new BadInput(problem, body, -1, expectedFragments);
    }

    static BadInput input(String problem, String tensorJson, String... expectedFragments) {
      return json(problem, "{\"inputs\":[" + tensorJson + "]}", expectedFragments);
    }

    @Override
    public String toString() {
      return problem;
    }
  }

  static Stream<BadInput> badInputs() {
    String ok = "\"name\":\"INPUT0\",\"shape\":[1],";
    return Stream.of(
        BadInput.input(
            "value out of UINT8 range",
            "{" + ok + "\"datatype\":\"UINT8\",\"data\":[300]}",
            "tensor 'INPUT0'", "300", "out of range for UINT8 (0 to 255)"),
        BadInput.input(
            "negative UINT64",
            "{" + ok + "\"datatype\":\"UINT64\",\"data\":[-1]}",
            "tensor 'INPUT0'", "-1", "UINT64 (0 to 18446744073709551615)"),
        BadInput.input(
            "INT64 beyond 2^63",
            "{" + ok + "\"datatype\":\"INT64\",\"data\":[9223372036854775808]}",
            "tensor 'INPUT0'", "9223372036854775808", "out of range for INT64"),
        BadInput.input(
            "fraction in an integer tensor",
            "{\"name\":\"INPUT0\",\"shape\":[2],\"datatype\":\"INT32\",\"data\":[1,1.5]}",
            "tensor 'INPUT0'", "INT32 data must be integers", "1.5", "element 1"),
        BadInput.input(
            "string in an FP32 tensor",
            "{" + ok + "\"datatype\":\"FP32\",\"data\":[\"1.0\"]}",
            "tensor 'INPUT0'", "FP32 data must be numbers", "a string"),
        BadInput.input(
            "number in a BYTES tensor",
            "{" + ok + "\"datatype\":\"BYTES\",\"data\":[1]}",
            "tensor 'INPUT0'", "BYTES data must be strings"),
        BadInput.input(
            "number in a BOOL tensor",
            "{" + ok + "\"datatype\":\"BOOL\",\"data\":[1]}",
            "tensor 'INPUT0'", "BOOL data must be true or false"),
        BadInput.input(
            "unknown datatype",
            "{" + ok + "\"datatype\":\"FLOAT32\",\"data\":[1]}",
            "tensor 'INPUT0'", "unknown datatype 'FLOAT32'"),
        BadInput.input(
            "missing datatype", "{" + ok + "\"data\":[1]}", "tensor 'INPUT0'", "datatype is missing"),
        BadInput.input(
            "missing data", "{" + ok + "\"datatype\":\"FP32\"}", "tensor 'INPUT0'", "data is missing"),
        BadInput.input(
            "missing shape",
            "{\"name\":\"INPUT0\",\"datatype\":\"FP32\",\"data\":[1]}",
            "tensor 'INPUT0'", "shape is missing"),
        BadInput.input(
            "missing name",
            "{\"shape\":[1],\"datatype\":\"FP32\",\"data\":[1]}",
            "inputs[0]", "name is missing"),
        BadInput.input(
            "shape that does not match the data",
            "{\"name\":\"INPUT0\",\"shape\":[1,16],\"datatype\":\"INT32\",\"data\":[1,2]}",
            "tensor 'INPUT0'", "shape [1, 16] has 16 elements but 2 were given"),
        BadInput.input(
            "negative dimension",
            "{\"name\":\"INPUT0\",\"shape\":[-1],\"datatype\":\"INT32\",\"data\":[1]}",
            "tensor 'INPUT0'", "negative dimension"),
        BadInput.input(
            "shape that is not an array",
            "{\"name\":\"INPUT0\",\"shape\":\"1\",\"datatype\":\"INT32\",\"data\":[1]}",
            "tensor 'INPUT0'", "shape must be an array of integers"),
        BadInput.input(
            "tensor parameters that are not an object",
            "{" + ok + "\"datatype\":\"INT32\",\"parameters\":[],\"data\":[1]}",
            "tensor 'INPUT0'", "parameters must be an object"),
        BadInput.input(
            "input that is not an object", "[1]", "inputs[0] must be an object"),
        BadInput.json(
            "outputs entry without name",
            "{\"inputs\":[],\"outputs\":[{\"parameters\":{}}]}",
            "outputs[0]", "name is missing"),
        BadInput.json("no inputs", "{\"id\":\"1\"}", "'inputs'"),
        BadInput.json("inputs not an array", "{\"inputs\":{}}", "'inputs' must be an array"),
        BadInput.json("id not a string", "{\"id\":5,\"inputs\":[]}", "'id' must be a string"),
        BadInput.json("body not an object", "[1,2]", "must be a JSON object"),
        BadInput.json("empty body", "", "body is empty"),
        BadInput.json(
            "truncated JSON",
            "{\"inputs\":[{\"name\":\"INPUT0\",",
            "malformed JSON at line 1, column"),
        BadInput.json(
            "broken JSON on a later line",
            "{\n  \"inputs\": [\n    {\"name\": \"INPUT0\",, }\n  ]\n}",
            "malformed JSON at line 3, column"),
        BadInput.json(
            "text after the object", "{\"inputs\":[]} {}", "after the JSON object"),
        new BadInput(
            "binary_data_size beyond the body",
            "{\"inputs\":[{" + ok + "\"datatype\":\"INT32\",\"parameters\":{\"binary_data_size\":4}}]}"
                + "\u0001\u0000",
            -2,
            "tensor 'INPUT0'", "binary_data_size is 4 but only 2 bytes"),
        BadInput.input(
            "binary_data_size without the header",
            "{" + ok + "\"datatype\":\"INT32\",\"parameters\":{\"binary_data_size\":4}}",
            "tensor 'INPUT0'", "Inference-Header-Content-Length header is missing"),
        new BadInput(
            "binary bytes no input claims",
            "{\"inputs\":[{" + ok + "\"datatype\":\"INT32\",\"data\":[1]}]}\u0001\u0002",
            -2,
            "2 bytes of binary tensor data that no input claims"),
        new BadInput(
            "both data and binary_data_size",
            "{\"inputs\":[{" + ok + "\"datatype\":\"INT8\",\"parameters\":{\"binary_data_size\":1},"
                + "\"data\":[1]}]}\u0001",
            -2,
            "tensor 'INPUT0'", "both data and parameters.binary_data_size"),
        new BadInput(
            "header longer than the body", "{\"inputs\":[]}", 99, "Inference-Header-Content-Length is 99"),
        new BadInput(
            "BYTES length prefix overrunning its binary data",
            "{\"inputs\":[{" + ok + "\"datatype\":\"BYTES\",\"parameters\":{\"binary_data_size\":5}}]}"
                + "\u0009\u0000\u0000\u0000x",
            -2,
            "tensor 'INPUT0'", "raw BYTES element length 9"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badInputs")
  void rejectsWithAMessageNamingWhatToFix(BadInput bad) {
    byte[] body = bad.body().getBytes(StandardCharsets.UTF_8);
    // -2 marks "the JSON is everything up to the last '}'", i.e. a binary part follows it.
    int jsonLength = bad.jsonLength() == -2 ? bad.body().lastIndexOf('}') + 1 : bad.jsonLength();

    Throwable thrown = catchThrowable(() -> OipJson.readInferenceRequest(body, jsonLength, "m", null));

    assertThat(thrown).isInstanceOf(InvalidInputException.class);
    assertThat(thrown.getMessage()).contains(Arrays.asList(bad.expectedFragments()));
    assertThat(thrown.getMessage()).doesNotContain("com.fasterxml", "Exception", "\tat ");
  }
}
