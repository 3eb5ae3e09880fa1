package io.trantor.compiler.placement;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Seldon's server filters (reference §1.3): at least one replica, sharing, and requirements. Each
 * rejection comes back as the sentence a user reads to understand it. Unlike Seldon, requirements
 * are checked on every replica, not one arbitrary replica, so a mixed server never takes a model
 * some of its replicas cannot run.
 */
final class ServerFilter {
  private ServerFilter() {}

  /** Why {@code server} cannot take the model at all; empty when it passes. */
  static Optional<String> rejection(ServerView server, ModelDemand demand, boolean pinned) {
    if (server.replicas().isEmpty()) {
      return Optional.of("server " + server.name() + " has no replicas");
    }
    if (!pinned && !server.shared()) {
      return Optional.of("server " + server.name() + " is not shared and the model is not pinned to it");
    }
    return missingRequirements(server, requirements(demand));
  }

  /** The demand's requirements, trimmed as Seldon trims them; blank entries mean nothing. */
  static Set<String> requirements(ModelDemand demand) {
    Set<String> required = new LinkedHashSet<>();
    for (String requirement : demand.requirements()) {
      if (requirement != null && !requirement.isBlank()) {
        required.add(requirement.strip());
      }
    }
    return required;
  }

  private static Optional<String> missingRequirements(ServerView server, Set<String> required) {
    Set<String> missing = new LinkedHashSet<>();
    List<Integer> lacking = new ArrayList<>();
    Set<String> offeredByLacking = new TreeSet<>();
    for (ReplicaView replica : server.replicas()) {
      Set<String> offered = capabilities(replica);
      List<String> absent = required.stream().filter(r -> !offered.contains(r)).toList();
      if (!absent.isEmpty()) {
        missing.addAll(absent);
        lacking.add(replica.index());
        offeredByLacking.addAll(offered);
      }
    }
    if (missing.isEmpty()) {
      return Optional.empty();
    }
    String where = lacking.size() == server.replicas().size()
        ? server.name()
        : (lacking.size() == 1 ? "replica " : "replicas ")
            + String.join(", ", lacking.stream().map(String::valueOf).toList()) + " of " + server.name();
    return Optional.of((missing.size() == 1 ? "requirement " : "requirements ")
        + String.join(", ", missing.stream().map(m -> "'" + m + "'").toList())
        + " not offered by " + where + " (it offers " + (offeredByLacking.isEmpty()
            ? "nothing" : String.join(", ", offeredByLacking)) + ")");
  }

  private static Set<String> capabilities(ReplicaView replica) {
    Set<String> offered = new LinkedHashSet<>();
    for (String capability : replica.capabilities()) {
      offered.add(capability.strip());
    }
    return offered;
  }
}
