package io.trantor.dsl.internal;

import java.util.Optional;
import java.util.regex.Pattern;

/** The naming rules a resource name must follow, each with the reason it exists. */
public enum NameRule {
    /**
     * Models and pipelines: Seldon's scheduler rule ({@code scheduler/pkg/store/utils/validate.go}). Names
     * end up in Kafka topics and in {@code <model>_<version>} on inference servers, so no dots; at most 253
     * characters as any Kubernetes object name. An underscore is only a warning: Seldon's own samples
     * ({@code id1_node}, {@code triggers_join_inputs}…) use it and worked before the scheduler's check,
     * and Trantor outside Kubernetes has no object name to break.
     */
    SELDON("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", 253, "lower case letters, digits and '-'", true),
    /**
     * Servers: a server name becomes Kubernetes Service and pod host names, which are RFC 1035 labels
     * (SeldonIO/seldon-core#4818: a Server with a dot was accepted and then never scheduled).
     */
    DNS_1035_LABEL("^[a-z]([-a-z0-9]*[a-z0-9])?$", 63,
            "lower case letters, digits and '-', starting with a letter, at most 63 characters", false),
    /** Namespaces. */
    DNS_1123_LABEL("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", 63, "lower case letters, digits and '-', at most 63 characters", false),
    /** Experiments and ServerConfigs: any Kubernetes object name (Seldon checks nothing more). */
    DNS_1123_SUBDOMAIN("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$", 253,
            "lower case letters, digits, '-' and '.', at most 253 characters", false);

    private final Pattern pattern;
    private final int maxLength;
    private final String explanation;
    private final boolean underscoreWarns;

    NameRule(String regex, int maxLength, String explanation, boolean underscoreWarns) {
        this.pattern = Pattern.compile(regex);
        this.maxLength = maxLength;
        this.explanation = explanation;
        this.underscoreWarns = underscoreWarns;
    }

    /** Why {@code name} breaks the rule strictly (an underscore included), e.g. {@code "Iris_1" must match ^[a-z0-9]…$ (…)}; empty when it does not. */
    public Optional<String> check(String name) {
        if (!pattern.matcher(name).matches()) {
            return Optional.of("\"" + name + "\" must match " + pattern.pattern() + " (" + explanation + ")");
        }
        if (name.length() > maxLength) {
            return Optional.of("\"" + name + "\" is " + name.length() + " characters long; at most " + maxLength
                    + " are allowed");
        }
        return Optional.empty();
    }

    /** Reports a missing or malformed name at {@code path}. */
    void require(String name, FieldPath path, ProblemList problems) {
        if (name == null || name.isEmpty()) {
            problems.add(path, "required");
            return;
        }
        report(name, path, problems, "");
    }

    /**
     * Reports a malformed name at {@code path}, with {@code note} appended to the message: an error, or a
     * warning when underscores are the only fault and this rule tolerates them.
     */
    void report(String name, FieldPath path, ProblemList problems, String note) {
        Optional<String> error = check(name);
        if (error.isEmpty()) {
            return;
        }
        if (underscoreWarns && name.indexOf('_') >= 0 && check(name.replace('_', '-')).isEmpty()) {
            problems.warn(path, "\"" + name + "\" contains '_': Kubernetes object names and Seldon's newer scheduler ("
                    + pattern.pattern() + ") reject underscores, so the Kubernetes operator will refuse it;"
                    + " use '-' instead" + note);
            return;
        }
        problems.add(path, error.get() + note);
    }
}
