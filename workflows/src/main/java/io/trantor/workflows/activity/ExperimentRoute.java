package io.trantor.workflows.activity;

import java.util.List;

/**
 * What the data plane needs to route an experiment: requests for {@code <name>.experiment} (and for
 * {@code defaultModel}, when set) go to one of the candidates by weight; {@code mirror.percent}% of
 * them are also copied to the mirror.
 *
 * <p>The component names stay as they were when only models were routed: they are recorded in
 * workflow histories. With {@code pipelines} set, every name (default, candidates, mirror) is a
 * pipeline's.
 *
 * @param defaultModel the model (or pipeline) whose own name the experiment takes over, or {@code null}
 * @param mirror       {@code null} when there is none
 * @param pipelines    {@code resourceType: pipeline}: the experiment splits traffic between pipelines
 */
public record ExperimentRoute(String namespace, String name, String defaultModel, List<Candidate> candidates,
    Mirror mirror, boolean pipelines) {

  public ExperimentRoute {
    candidates = candidates == null ? List.of() : List.copyOf(candidates);
  }

  /** An experiment between models. */
  public ExperimentRoute(String namespace, String name, String defaultModel, List<Candidate> candidates, Mirror mirror) {
    this(namespace, name, defaultModel, candidates, mirror, false);
  }

  /** A candidate model and its weight (share = weight / sum of weights). */
  public record Candidate(String model, int weight) {}

  /** A model that receives a copy of {@code percent}% of requests; its responses are dropped. */
  public record Mirror(String model, int percent) {}

  /** Every model (or pipeline) the experiment routes to: candidates, then the mirror. */
  public List<String> models() {
    List<String> names = new java.util.ArrayList<>(candidates.stream().map(Candidate::model).toList());
    if (mirror != null) {
      names.add(mirror.model());
    }
    return names;
  }
}
