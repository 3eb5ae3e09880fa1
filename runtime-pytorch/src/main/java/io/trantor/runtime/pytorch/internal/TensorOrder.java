package io.trantor.runtime.pytorch.internal;

import io.trantor.protocol.TensorMetadata;
import io.trantor.runtime.api.ModelArtifact;
import io.trantor.runtime.api.ModelLoadException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The position of each declared tensor in the TorchScript {@code forward} call, by Triton's
 * PyTorch-backend naming rule: names of the form {@code <anything>__<index>} ({@code x__0},
 * {@code y__1}) give the argument or result index; otherwise the order of config.pbtxt.
 */
final class TensorOrder {
  private static final Pattern INDEXED = Pattern.compile("^.*__(\\d+)$");

  private TensorOrder() {}

  static List<TensorMetadata> of(ModelArtifact artifact, String kind, List<TensorMetadata> declared)
      throws ModelLoadException {
    List<Integer> indexes = new ArrayList<>();
    for (TensorMetadata tensor : declared) {
      Matcher m = INDEXED.matcher(tensor.name());
      if (!m.matches()) {
        return declared;
      }
      indexes.add(Integer.parseInt(m.group(1)));
    }
    List<Integer> sorted = indexes.stream().sorted().toList();
    for (int i = 0; i < sorted.size(); i++) {
      if (sorted.get(i) != i) {
        throw new ModelLoadException(
            "model '" + artifact.name() + "': config.pbtxt " + kind + "s " + declared.stream().map(TensorMetadata::name).toList()
                + " must be numbered __0 to __" + (declared.size() - 1) + " without gaps or repeats");
      }
    }
    List<TensorMetadata> ordered = new ArrayList<>(declared);
    ordered.sort(Comparator.comparingInt(t -> indexes.get(declared.indexOf(t))));
    return ordered;
  }
}
