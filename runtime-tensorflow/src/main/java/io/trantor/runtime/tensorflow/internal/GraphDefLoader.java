package io.trantor.runtime.tensorflow.internal;

import com.google.protobuf.InvalidProtocolBufferException;
import io.trantor.protocol.TensorMetadata;
import io.trantor.runtime.api.ModelArtifact;
import io.trantor.runtime.api.ModelLoadException;
import io.trantor.runtime.api.ModelSignature;
import io.trantor.runtime.api.NativeErrorMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.Output;
import org.tensorflow.Session;
import org.tensorflow.exceptions.TensorFlowException;
import org.tensorflow.proto.GraphDef;

/**
 * Loads a frozen {@code GraphDef} (Triton's {@code tensorflow_graphdef}). A GraphDef names nodes,
 * not inputs and outputs, so config.pbtxt's declarations say which nodes those are: input
 * {@code INPUT0} feeds tensor {@code INPUT0:0}, output {@code OUTPUT0} fetches {@code OUTPUT0:0}
 * (a name may carry its own {@code :index}).
 */
public final class GraphDefLoader {
  public static final String PLATFORM = "tensorflow_graphdef";
  /** A tensor name with its output index, {@code op:0}. */
  private static final Pattern INDEXED = Pattern.compile("^.+:\\d{1,9}$");

  private GraphDefLoader() {}

  public static TensorflowLoadedModel load(ModelArtifact artifact, Path file) throws ModelLoadException {
    DeclaredTensors declared = new DeclaredTensors(artifact);
    declared.requireDeclared("input", artifact.declaredInputs());
    declared.requireDeclared("output", artifact.declaredOutputs());
    GraphDef graphDef = read(artifact, file);
    Graph graph = new Graph();
    try {
      graph.importGraphDef(graphDef);
      Map<String, String> feeds = bind(declared, graph, "input", artifact.declaredInputs());
      Map<String, String> fetches = bind(declared, graph, "output", artifact.declaredOutputs());
      Session session = new Session(graph, SessionConfig.serving());
      AutoCloseable owner =
          () -> {
            try (graph) {
              session.close();
            }
          };
      ModelSignature signature =
          new ModelSignature(PLATFORM, artifact.declaredInputs(), artifact.declaredOutputs());
      return new TensorflowLoadedModel(artifact.name(), session, owner, signature, feeds, fetches);
    } catch (IllegalArgumentException | TensorFlowException e) {
      graph.close();
      throw new ModelLoadException(
          "model '" + artifact.name() + "': TensorFlow cannot import " + file + ": " + NativeErrorMessage.of(e), e);
    } catch (ModelLoadException | RuntimeException e) {
      graph.close();
      throw e;
    }
  }

  private static GraphDef read(ModelArtifact artifact, Path file) throws ModelLoadException {
    try {
      return GraphDef.parseFrom(Files.readAllBytes(file));
    } catch (InvalidProtocolBufferException e) {
      throw new ModelLoadException(
          "model '" + artifact.name() + "': " + file + " is not a TensorFlow GraphDef: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new ModelLoadException("model '" + artifact.name() + "': cannot read " + file + ": " + e, e);
    }
  }

  /** Declared name to tensor name, after checking the node exists with the declared type and shape. */
  private static Map<String, String> bind(
      DeclaredTensors declared, Graph graph, String kind, List<TensorMetadata> tensors)
      throws ModelLoadException {
    Map<String, String> names = new LinkedHashMap<>();
    for (TensorMetadata tensor : tensors) {
      String tensorName = INDEXED.matcher(tensor.name()).matches() ? tensor.name() : tensor.name() + ":0";
      int colon = tensorName.lastIndexOf(':');
      String opName = tensorName.substring(0, colon);
      int index = Integer.parseInt(tensorName.substring(colon + 1));
      GraphOperation op = graph.operation(opName);
      if (op == null || index >= op.numOutputs()) {
        throw declared.problem(
            declared.source() + " declares " + kind + " '" + tensor.name() + "' but the graph has no tensor "
                + tensorName);
      }
      Output<?> output = op.output(index);
      TfElementType type =
          TfElementType.of(output.dataType())
              .orElseThrow(
                  () ->
                      declared.problem(
                          kind + " '" + tensor.name() + "' has TensorFlow type "
                              + TfElementType.tfName(output.dataType())
                              + ", which the TensorFlow runtime cannot pass"));
      if (type.datatype() != tensor.datatype()) {
        throw declared.problem(
            declared.source() + " declares " + kind + " '" + tensor.name() + "' as " + tensor.datatype()
                + " but the graph has " + type.datatype());
      }
      org.tensorflow.ndarray.Shape shape = output.shape();
      declared.checkShape(kind, tensor, shape.isUnknown() ? null : shape.asArray());
      names.put(tensor.name(), tensorName);
    }
    return names;
  }
}
