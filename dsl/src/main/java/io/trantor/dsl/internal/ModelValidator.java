package io.trantor.dsl.internal;

import io.trantor.dsl.Model;
import io.trantor.dsl.ModelSpec;
import java.util.List;

/**
 * Validates a Model. Failures that only show at load time in Seldon stay accepted here, because they
 * depend on the world, not the manifest: a URI that does not exist ({@code error-uri-notexist.yaml}) and
 * requirements no Server offers ({@code error-bad-capabilities.yaml}, a scheduling failure).
 */
public final class ModelValidator {

    private static final FieldPath SPEC = FieldPath.ROOT.field("spec");

    private ModelValidator() {
    }

    public static void check(Model model, ProblemList problems) {
        MetadataRules.check(model.metadata(), NameRule.SELDON, problems);
        ModelSpec spec = model.spec();
        if (spec.storageUri() == null) {
            problems.add(SPEC.field("storageUri"), "required: the artifact's location, e.g. gs://bucket/iris");
        } else if (spec.storageUri().isBlank()) {
            // The CRD schema lets "" through (error-no-uri.yaml) and Seldon fails later at load; an empty
            // location can never work, so it is rejected now.
            problems.add(SPEC.field("storageUri"), "must not be empty: the artifact's location, e.g. gs://bucket/iris");
        }
        ScalingRules.nonNegative(spec.artifactVersion(), SPEC.field("artifactVersion"), problems);
        nonBlankEntries(spec.requirements(), SPEC.field("requirements"), problems);
        if (spec.memory() != null && spec.memory().bytes() < 0) {
            problems.add(SPEC.field("memory"), "must be >= 0, got " + spec.memory());
        }
        ScalingRules.check(spec.replicas(), spec.minReplicas(), spec.maxReplicas(), SPEC, problems);
        if (spec.logger() != null && spec.logger().percent() != null
                && (spec.logger().percent() < 0 || spec.logger().percent() > 100)) {
            problems.add(SPEC.field("logger").field("percent"), "must be between 0 and 100, got " + spec.logger().percent());
        }
        checkExplainer(spec, problems);
        for (int i = 0; i < spec.parameters().size(); i++) {
            ModelSpec.Parameter parameter = spec.parameters().get(i);
            FieldPath at = SPEC.field("parameters").index(i);
            if (parameter.name() == null || parameter.name().isBlank()) {
                problems.add(at.field("name"), "required");
            }
            if (parameter.value() == null) {
                problems.add(at.field("value"), "required");
            }
        }
    }

    private static void checkExplainer(ModelSpec spec, ProblemList problems) {
        if (spec.explainer() != null && spec.llm() != null) {
            problems.add(SPEC.field("llm"), "cannot be combined with spec.explainer: a model is either an explainer or an LLM");
        }
        if (spec.explainer() == null) {
            return;
        }
        boolean model = spec.explainer().modelRef() != null && !spec.explainer().modelRef().isBlank();
        boolean pipeline = spec.explainer().pipelineRef() != null && !spec.explainer().pipelineRef().isBlank();
        FieldPath at = SPEC.field("explainer");
        if (model == pipeline) {
            problems.add(at, model
                    ? "modelRef and pipelineRef are exclusive: an explainer explains one model or one pipeline"
                    : "needs modelRef or pipelineRef: the model or pipeline to explain");
        }
    }

    static void nonBlankEntries(List<String> values, FieldPath path, ProblemList problems) {
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i).isBlank()) {
                problems.add(path.index(i), "must not be empty");
            }
        }
    }
}
