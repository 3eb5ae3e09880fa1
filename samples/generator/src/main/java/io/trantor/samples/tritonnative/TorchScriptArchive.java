package io.trantor.samples.tritonnative;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes a TorchScript archive ({@code torch.jit.save}'s format) for a module with float tensor
 * attributes and TorchScript source, without PyTorch: a zip whose entries sit under
 * {@code archive/}: the class source in {@code code/__torch__/<module>.py}, the object state in
 * {@code data.pkl} (pickle protocol 2), each tensor's storage in {@code data/<n>}, an empty
 * {@code constants.pkl}, and the format {@code version}. LibTorch's {@code torch::jit::load}
 * compiles the source and unpickles the state (torch/csrc/jit/docs/serialization.md describes the
 * layout). Entries are stored uncompressed with a fixed time, so the bytes are reproducible.
 *
 * @param module the Python module under {@code __torch__} (the file name of the source)
 * @param className the module class, defined in {@code source}
 * @param source TorchScript source of the class, as PythonPrint writes it
 * @param tensors the class's tensor attributes in declaration order (all float32, contiguous)
 */
public record TorchScriptArchive(String module, String className, String source, List<FloatTensor> tensors) {
  private static final String ROOT = "archive/";
  /** The format version torch.jit.save writes when no operator needs a newer one. */
  private static final String FORMAT_VERSION = "3\n";
  private static final LocalDateTime ENTRY_TIME = LocalDateTime.of(1980, 1, 1, 0, 0);

  public TorchScriptArchive {
    tensors = List.copyOf(tensors);
  }

  /** A float32 tensor attribute; {@code values} row-major. */
  public record FloatTensor(String name, long[] shape, float[] values) {}

  public byte[] toBytes() {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    entries.put("data.pkl", statePickle());
    entries.put("code/__torch__/" + module + ".py", source.getBytes(StandardCharsets.UTF_8));
    entries.put("constants.pkl", new PickleWriter().emptyTuple().finish());
    for (int i = 0; i < tensors.size(); i++) {
      entries.put("data/" + i, littleEndian(tensors.get(i).values()));
    }
    entries.put("version", FORMAT_VERSION.getBytes(StandardCharsets.US_ASCII));
    entries.put("byteorder", "little".getBytes(StandardCharsets.US_ASCII));
    return zip(entries);
  }

  /** {@code __torch__.<module>.<Class>} with {@code training=False} and every tensor attribute. */
  private byte[] statePickle() {
    PickleWriter pickle = new PickleWriter();
    pickle.global("__torch__." + module, className).emptyTuple().newObj();
    pickle.emptyDict().mark();
    pickle.string("training").bool(false);
    for (int i = 0; i < tensors.size(); i++) {
      FloatTensor tensor = tensors.get(i);
      pickle.string(tensor.name());
      tensor(pickle, Integer.toString(i), tensor);
    }
    pickle.setItems().build();
    return pickle.finish();
  }

  /** torch._utils._rebuild_tensor_v2(storage, offset, size, stride, requires_grad, hooks). */
  private static void tensor(PickleWriter pickle, String storageKey, FloatTensor tensor) {
    long numel = 1;
    for (long d : tensor.shape()) {
      numel *= d;
    }
    pickle.global("torch._utils", "_rebuild_tensor_v2").mark();
    pickle.mark().string("storage").global("torch", "FloatStorage").string(storageKey).string("cpu")
        .integer(numel).tuple().persistentId();
    pickle.integer(0);
    pickle.mark();
    for (long d : tensor.shape()) {
      pickle.integer(d);
    }
    pickle.tuple();
    pickle.mark();
    long stride = numel;
    for (long d : tensor.shape()) {
      stride /= d;
      pickle.integer(stride);
    }
    pickle.tuple();
    pickle.bool(false);
    pickle.global("collections", "OrderedDict").emptyTuple().reduce();
    pickle.tuple().reduce();
  }

  private static byte[] littleEndian(float[] values) {
    ByteBuffer buffer = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    for (float v : values) {
      buffer.putFloat(v);
    }
    return buffer.array();
  }

  private static byte[] zip(Map<String, byte[]> entries) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      for (Map.Entry<String, byte[]> e : entries.entrySet()) {
        ZipEntry entry = new ZipEntry(ROOT + e.getKey());
        CRC32 crc = new CRC32();
        crc.update(e.getValue());
        entry.setMethod(ZipEntry.STORED);
        entry.setSize(e.getValue().length);
        entry.setCompressedSize(e.getValue().length);
        entry.setCrc(crc.getValue());
        entry.setTimeLocal(ENTRY_TIME);
        zip.putNextEntry(entry);
        zip.write(e.getValue());
        zip.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("writing to memory cannot fail", e);
    }
    return bytes.toByteArray();
  }
}
