package io.trantor.compiler.testing;

import io.trantor.compiler.placement.ClusterView;
import io.trantor.compiler.placement.ModelDemand;
import io.trantor.compiler.placement.ReplicaView;
import io.trantor.compiler.placement.ServerView;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Random placement scenarios for property tests: a cluster and the models placed on it in turn.
 * Plain {@link Random}, so a property is a loop over {@link #forAll} with a fixed seed; every
 * scenario has its own seed, which a failure reports with the scenario, so
 * {@code RandomScenarios.scenario(new Random(seed))} rebuilds exactly the failing case.
 */
public final class RandomScenarios {
  private static final long MI = 1L << 20;
  private static final List<String> SERVER_NAMES = List.of("s0", "s1", "s2", "s3");
  private static final List<String> CAPABILITIES = List.of("a", "b", "c");
  private static final long[] REPLICA_MEMORY_MI = {0, 50, 100, 200, 500};
  private static final int[] OVERCOMMIT_PERCENTS = {0, 0, 10, 50};

  private RandomScenarios() {}

  /** A cluster and the demands placed on it one after the other, each on the view the previous left. */
  public record Scenario(ClusterView cluster, List<ModelDemand> demands) {
    public Scenario {
      demands = List.copyOf(demands);
    }

    /** One line per replica and per demand, for failure messages. */
    public String describe() {
      StringBuilder text = new StringBuilder("cluster:");
      if (cluster.servers().isEmpty()) {
        text.append(" no servers");
      }
      for (ServerView server : cluster.servers()) {
        text.append("\n  ").append(server.name()).append(server.shared() ? " shared" : " not shared")
            .append(server.replicas().isEmpty() ? ", no replicas" : "");
        for (ReplicaView replica : server.replicas()) {
          text.append("\n    replica ").append(replica.index())
              .append(" caps=").append(new TreeSet<>(replica.capabilities()))
              .append(" memory=").append(replica.memoryBytes() / MI).append("Mi")
              .append(" overcommit=").append(replica.overcommitPercent()).append('%')
              .append(replica.draining() ? " draining" : "")
              .append(replica.modelMemoryBytes().isEmpty() ? "" : " holds=" + replica.modelMemoryBytes());
        }
      }
      text.append("\ndemands, placed in turn:");
      for (ModelDemand demand : demands) {
        text.append("\n  ").append(demand);
      }
      return text.toString();
    }
  }

  /**
   * Checks {@code property} on {@code tries} scenarios drawn from {@code seed}. A failure is
   * rethrown with the seeds and the scenario, the original failure as its cause.
   */
  public static void forAll(long seed, int tries, Consumer<Scenario> property) {
    Random seeds = new Random(seed);
    for (int attempt = 1; attempt <= tries; attempt++) {
      long scenarioSeed = seeds.nextLong();
      Scenario scenario = scenario(new Random(scenarioSeed));
      try {
        property.accept(scenario);
      } catch (AssertionError | RuntimeException failure) {
        throw new AssertionError("Property failed on try " + attempt + " of " + tries + " (property seed " + seed
            + ", scenario seed " + scenarioSeed + "L; rebuild with RandomScenarios.scenario(new Random("
            + scenarioSeed + "L)))\n" + scenario.describe() + "\n" + failure.getMessage(), failure);
      }
    }
  }

  public static Scenario scenario(Random random) {
    return new Scenario(cluster(random), demands(random));
  }

  /**
   * Up to four servers of up to four replicas; mostly identical replicas, sometimes one lacking a
   * capability, as a misconfigured server would. One server in five is not shared, one replica in
   * five is draining.
   */
  public static ClusterView cluster(Random random) {
    int count = random.nextInt(SERVER_NAMES.size() + 1);
    List<ServerView> servers = new ArrayList<>();
    for (int s = 0; s < count; s++) {
      boolean shared = random.nextInt(5) != 0;
      Set<String> serverCapabilities = capabilities(random);
      int replicaCount = random.nextInt(5);
      List<ReplicaView> replicas = new ArrayList<>();
      for (int i = 0; i < replicaCount; i++) {
        Set<String> own = capabilities(random);
        long memory = REPLICA_MEMORY_MI[random.nextInt(REPLICA_MEMORY_MI.length)] * MI;
        int overcommit = OVERCOMMIT_PERCENTS[random.nextInt(OVERCOMMIT_PERCENTS.length)];
        boolean draining = random.nextInt(5) == 0;
        // Replica capabilities differ from the server's only one time in five.
        Set<String> caps = random.nextInt(5) == 0 ? own : serverCapabilities;
        replicas.add(new ReplicaView(i, caps, memory, overcommit, Map.of(), draining));
      }
      servers.add(new ServerView(SERVER_NAMES.get(s), shared, replicas));
    }
    return new ClusterView(servers);
  }

  /**
   * One to eight demands m0, m1, ...: requirements sometimes padded with spaces, memory uniform in
   * 0..300Mi (so memory pressure is common), 0..4 replicas, minReplicas up to replicas, pinned 40%
   * of the time (sometimes to a missing server), on a current server half the time.
   */
  public static List<ModelDemand> demands(Random random) {
    int count = 1 + random.nextInt(8);
    List<ModelDemand> demands = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String pad = random.nextBoolean() ? "" : " ";
      String[] requirements = capabilities(random).stream().map(r -> pad + r + pad).toArray(String[]::new);
      long memory = random.nextLong(300 * MI + 1);
      int replicas = random.nextInt(5);
      int minReplicas = Math.min(random.nextInt(5), replicas);
      String pin = random.nextDouble() < 0.6 ? null : pick(random, "s0", "s1", "s2", "s3", "missing");
      String current = random.nextBoolean() ? null : pick(random, "s0", "s1", "s2", "s3");
      demands.add(Demands.model("m" + i).requirements(requirements).memoryBytes(memory)
          .replicas(replicas).minReplicas(minReplicas).pinnedTo(pin).currentlyOn(current).build());
    }
    return demands;
  }

  /** A random subset of the capabilities a, b, c, in that order. */
  private static Set<String> capabilities(Random random) {
    Set<String> subset = new LinkedHashSet<>();
    for (String capability : CAPABILITIES) {
      if (random.nextBoolean()) {
        subset.add(capability);
      }
    }
    return subset;
  }

  private static String pick(Random random, String... values) {
    return values[random.nextInt(values.length)];
  }
}
