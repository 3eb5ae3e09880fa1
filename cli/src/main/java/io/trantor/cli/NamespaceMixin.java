package io.trantor.cli;

import picocli.CommandLine.Option;

/** {@code -n NAMESPACE} (default {@code default}). */
public final class NamespaceMixin {
  @Option(names = {"-n", "--namespace"}, paramLabel = "NS", defaultValue = "default", description = "Namespace. Default: ${DEFAULT-VALUE}.")
  String namespace;
}
