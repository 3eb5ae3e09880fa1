package io.trantor.protocol.control.watch;

/**
 * Where a watch stands in the control plane's stream: the publisher's epoch (one per incarnation of
 * its table) and the version of the last batch applied. A client sends it when it reconnects, so a
 * publisher of the same epoch may send only what came after instead of a full batch.
 *
 * @param epoch   empty when the publisher does not number its batches (or nothing came yet)
 * @param version the last applied version within {@code epoch}; 0 for none
 */
public record StreamPosition(String epoch, long version) {
  public static final StreamPosition NONE = new StreamPosition("", 0);

  public StreamPosition {
    epoch = epoch == null ? "" : epoch;
  }

  /** Where a batch with these fields leaves the client: unchanged when the batch is not numbered. */
  public StreamPosition after(String batchEpoch, long batchVersion) {
    return batchEpoch == null || batchEpoch.isEmpty() ? this : new StreamPosition(batchEpoch, batchVersion);
  }
}
