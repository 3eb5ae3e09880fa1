package io.trantor.agent.replica;

import java.util.List;

/**
 * Rewrites the start of a storage URI, so manifests that name a remote bucket run unchanged against
 * a local mirror (air-gapped sites, tests): {@code gs://seldon-models/=samples/seldon-mirror/}.
 */
public record StorageRewrite(String prefix, String replacement) {

  /** Parses {@code PREFIX=REPLACEMENT}. */
  public static StorageRewrite parse(String rule) {
    int eq = rule.indexOf('=');
    if (eq <= 0) {
      throw new IllegalArgumentException(
          "storage rewrite '" + rule + "' must look like PREFIX=REPLACEMENT, e.g. gs://seldon-models/=samples/seldon-mirror/");
    }
    return new StorageRewrite(rule.substring(0, eq), rule.substring(eq + 1));
  }

  /** The rewritten URI, or the URI unchanged when it does not start with the prefix. */
  public String apply(String uri) {
    return uri.startsWith(prefix) ? replacement + uri.substring(prefix.length()) : uri;
  }

  /** Applies every rule in order, each to the result of the previous one. */
  public static String applyAll(List<StorageRewrite> rules, String uri) {
    String result = uri;
    for (StorageRewrite rule : rules) {
      result = rule.apply(result);
    }
    return result;
  }
}
