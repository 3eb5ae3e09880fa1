package io.trantor.workflows.activity;

import java.util.List;

/**
 * Whether a pipeline version serves: its topology runs on at least one gateway and every step's
 * model is available.
 *
 * @param problems why not, one reason each (e.g. {@code step tfsimple2: model not available},
 *                 {@code no gateway running the topology}); empty when ready
 * @param failed   a gateway could not start the topology at all (the spec will not run as it is)
 */
public record PipelineCheck(List<String> problems, boolean failed) {
  public PipelineCheck {
    problems = List.copyOf(problems);
  }

  public boolean ready() {
    return problems.isEmpty();
  }
}
