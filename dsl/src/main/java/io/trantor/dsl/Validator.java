package io.trantor.dsl;

import io.trantor.dsl.internal.ExperimentValidator;
import io.trantor.dsl.internal.ModelValidator;
import io.trantor.dsl.internal.PipelineValidator;
import io.trantor.dsl.internal.ProblemList;
import io.trantor.dsl.internal.ServerConfigValidator;
import io.trantor.dsl.internal.ServerValidator;
import java.util.List;

/**
 * Checks a resource against Seldon's rules (and a few it leaves to run time), returning every problem
 * found with its path. {@link Manifests#read} calls this for each document; other modules call it for
 * resources they build. Nothing here looks outside the resource: whether a referenced model exists, or a
 * URI can be fetched, is decided later.
 */
public final class Validator {

    private Validator() {
    }

    public static List<Problem> validate(Resource resource) {
        ProblemList problems = new ProblemList();
        switch (resource) {
            case Model model -> ModelValidator.check(model, problems);
            case Server server -> ServerValidator.check(server, problems);
            case ServerConfig config -> ServerConfigValidator.check(config, problems);
            case Pipeline pipeline -> PipelineValidator.check(pipeline, problems);
            case Experiment experiment -> ExperimentValidator.check(experiment, problems);
        }
        return problems.toList();
    }
}
