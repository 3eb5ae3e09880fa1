package io.trantor.dsl.internal;

import io.trantor.dsl.Experiment;
import io.trantor.dsl.Model;
import io.trantor.dsl.Pipeline;
import io.trantor.dsl.Resource;
import io.trantor.dsl.Server;
import io.trantor.dsl.ServerConfig;

/** Dispatches a resource to its kind's validator; problems and warnings come back in one pass. */
public final class ResourceValidator {

    private ResourceValidator() {
    }

    public static ProblemList check(Resource resource) {
        ProblemList problems = new ProblemList();
        switch (resource) {
            case Model model -> ModelValidator.check(model, problems);
            case Server server -> ServerValidator.check(server, problems);
            case ServerConfig config -> ServerConfigValidator.check(config, problems);
            case Pipeline pipeline -> PipelineValidator.check(pipeline, problems);
            case Experiment experiment -> ExperimentValidator.check(experiment, problems);
        }
        return problems;
    }
}
