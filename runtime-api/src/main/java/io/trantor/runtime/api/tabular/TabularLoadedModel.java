package io.trantor.runtime.api.tabular;

import io.trantor.protocol.Datatype;
import io.trantor.protocol.InferenceFailedException;
import io.trantor.protocol.InferenceRequest;
import io.trantor.protocol.ModelNotReadyException;
import io.trantor.protocol.Tensor;
import io.trantor.protocol.TensorMetadata;
import io.trantor.runtime.api.LoadedModel;
import io.trantor.runtime.api.ModelSignature;
import io.trantor.runtime.api.NativeErrorMessage;
import java.util.List;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One loaded tree model (a native booster) that answers like MLServer's tree runtimes: the inputs
 * of its {@link InputLayout}, one output {@code predict} of shape {@code [rows, width]}.
 *
 * <p>Predictions share the read side of a read-write lock when the native model is safe to use
 * from several threads, and take the write side otherwise; closing takes the write side, so the
 * native model is never freed under a running prediction. An empty request never reaches it.
 */
public abstract class TabularLoadedModel implements LoadedModel {
  public static final String OUTPUT_NAME = "predict";
  private static final Logger log = LoggerFactory.getLogger(TabularLoadedModel.class);

  private final String name;
  private final String library;
  private final Datatype outputType;
  private final InputLayout layout;
  private final int outputWidth;
  private final ModelSignature signature;
  private final ReentrantReadWriteLock lifecycle = new ReentrantReadWriteLock();
  private final Lock predictionLock;
  private boolean closed; // guarded by the write lock

  /**
   * @param library the library as a caller reads it in errors, e.g. {@code XGBoost}
   * @param platform the platform the signature reports, e.g. {@code xgboost}
   * @param outputType FP32 or FP64: what {@link #predict} returns
   * @param outputWidth values per row that {@code predict} returns (1, or the class count)
   */
  protected TabularLoadedModel(
      String name, String library, String platform, Datatype outputType, InputLayout layout,
      int outputWidth, boolean concurrentPrediction) {
    this.name = name;
    this.library = library;
    this.outputType = outputType;
    this.layout = layout;
    this.outputWidth = outputWidth;
    this.signature =
        new ModelSignature(
            platform, layout.inputs(), List.of(TensorMetadata.of(OUTPUT_NAME, outputType, -1, outputWidth)));
    this.predictionLock = concurrentPrediction ? lifecycle.readLock() : lifecycle.writeLock();
  }

  @Override
  public final ModelSignature signature() {
    return signature;
  }

  @Override
  public final List<Tensor> infer(InferenceRequest request) {
    FeatureMatrix matrix = FeatureMatrix.of(request, layout);
    long[] shape = {matrix.rows(), outputWidth};
    if (matrix.rows() == 0) {
      return List.of(
          outputType == Datatype.FP32
              ? Tensor.ofFloats(OUTPUT_NAME, shape, new float[0])
              : Tensor.ofDoubles(OUTPUT_NAME, shape, new double[0]));
    }
    predictionLock.lock();
    try {
      if (closed) {
        throw new ModelNotReadyException("model '" + name + "' has been unloaded");
      }
      return List.of(predict(matrix, shape));
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new InferenceFailedException(
          "model '" + name + "': " + library + " prediction failed: " + NativeErrorMessage.of(e), e);
    } finally {
      predictionLock.unlock();
    }
  }

  /**
   * Predicts the rows of {@code matrix} (at least one) as the output tensor {@link #OUTPUT_NAME}
   * of {@code shape}; runs under the prediction lock, on a model that is not closed.
   */
  protected abstract Tensor predict(FeatureMatrix matrix, long[] shape) throws Exception;

  /** Frees the native model; called once, with no prediction running. */
  protected abstract void free() throws Exception;

  protected final int outputWidth() {
    return outputWidth;
  }

  @Override
  public final void close() {
    lifecycle.writeLock().lock();
    try {
      if (!closed) {
        closed = true;
        free();
      }
    } catch (Exception e) {
      // Nothing more can be freed; the model is gone either way.
      log.warn("model {}: freeing the {} booster failed: {}", name, library, NativeErrorMessage.of(e));
    } finally {
      lifecycle.writeLock().unlock();
    }
  }
}
