package io.trantor.dsl.internal;

import java.util.Optional;
import java.util.regex.Pattern;

/** The naming rules a resource name must follow, each with the reason it exists. */
public enum NameRule {
    /**
     * Models and pipelines: Seldon's scheduler rule ({@code scheduler/pkg/store/utils/validate.go}). Names
     * end up in Kafka topics and in {@code <model>_<version>} on inference servers, so no dots and no
     * underscores; at most 253 characters as any Kubernetes object name.
     */
    SELDON("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", 253, "lower case letters, digits and '-'"),
    /**
     * Servers: a server name becomes Kubernetes Service and pod host names, which are RFC 1035 labels
     * (SeldonIO/seldon-core#4818: a Server with a dot was accepted and then never scheduled).
     */
    DNS_1035_LABEL("^[a-z]([-a-z0-9]*[a-z0-9])?$", 63,
            "lower case letters, digits and '-', starting with a letter, at most 63 characters"),
    /** Namespaces. */
    DNS_1123_LABEL("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", 63, "lower case letters, digits and '-', at most 63 characters"),
    /** Experiments and ServerConfigs: any Kubernetes object name (Seldon checks nothing more). */
    DNS_1123_SUBDOMAIN("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$", 253,
            "lower case letters, digits, '-' and '.', at most 253 characters");

    private final Pattern pattern;
    private final int maxLength;
    private final String explanation;

    NameRule(String regex, int maxLength, String explanation) {
        this.pattern = Pattern.compile(regex);
        this.maxLength = maxLength;
        this.explanation = explanation;
    }

    /** Why {@code name} breaks the rule, e.g. {@code "Iris_1" must match ^[a-z0-9]…$ (…)}; empty when it does not. */
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
        check(name).ifPresent(message -> problems.add(path, message));
    }
}
