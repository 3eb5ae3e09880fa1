package io.trantor.runtime.xgboost;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * Whether one booster may predict on several threads at once.
 *
 * <p>xgboost4j's {@code Booster.predict} takes no Java lock and calls the C API directly. XGBoost
 * documents prediction as thread-safe since 1.4 only for tree boosters ({@code gbtree},
 * {@code dart}; "Thread Safety" in its prediction guide), so other boosters ({@code gblinear}) get
 * one prediction at a time. The booster's name is read from the model's JSON form.
 */
final class BoosterConcurrency {
  private static final Set<String> THREAD_SAFE_BOOSTERS = Set.of("gbtree", "dart");
  private static final List<String> BOOSTER_NAME_PATH = List.of("learner", "gradient_booster", "name");
  private static final JsonFactory JSON = new JsonFactory();

  private BoosterConcurrency() {}

  static boolean allowsConcurrentPrediction(String gradientBooster) {
    return THREAD_SAFE_BOOSTERS.contains(gradientBooster);
  }

  /** {@code gbtree}, {@code dart} or {@code gblinear}; {@code "unknown"} if the JSON lacks it. */
  static String gradientBooster(Booster booster) throws XGBoostError {
    try (JsonParser parser = JSON.createParser(booster.toByteArray("json"))) {
      return find(parser, BOOSTER_NAME_PATH);
    } catch (IOException e) {
      return "unknown";
    }
  }

  /** Streams to the value at {@code path} (object keys), skipping everything else unread. */
  private static String find(JsonParser parser, List<String> path) throws IOException {
    if (parser.nextToken() != JsonToken.START_OBJECT) {
      return "unknown";
    }
    int depth = 0;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String key = parser.currentName();
      JsonToken value = parser.nextToken();
      if (!key.equals(path.get(depth))) {
        parser.skipChildren();
      } else if (depth == path.size() - 1) {
        return value == JsonToken.VALUE_STRING ? parser.getText() : "unknown";
      } else if (value == JsonToken.START_OBJECT) {
        depth++;
      } else {
        return "unknown";
      }
    }
    return "unknown";
  }
}
