package io.trantor.operator.internal;

import io.trantor.operator.crd.Condition;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Knative's {@code LivingConditionSet}, as Seldon's operator uses it (seldon-operator.md §1): a top-level
 * {@code Ready} over a fixed set of dependent conditions. The list is kept sorted by type; a condition's
 * {@code lastTransitionTime} changes only when its status, reason, message or severity change. Dependents
 * and {@code Ready} have severity "" (written as absent), any other type {@code Info}.
 */
public final class ConditionSet {
    public static final String READY = "Ready";
    public static final String TRUE = "True";
    public static final String FALSE = "False";
    public static final String UNKNOWN = "Unknown";
    static final String INFO = "Info";

    /** Model's set: {@code ModelReady} under {@code Ready}. */
    public static final ConditionSet MODEL = new ConditionSet(List.of("ModelReady"));
    /** Pipeline's set: the models, the pipeline gateway and the dataflow under {@code Ready}. */
    public static final ConditionSet PIPELINE = new ConditionSet(List.of("ModelsReady", "PipelineGwReady", "PipelineReady"));
    /** Experiment's set: the experiment, its candidates and its mirror under {@code Ready}. */
    public static final ConditionSet EXPERIMENT = new ConditionSet(List.of("CandidatesReady", "ExperimentReady", "MirrorReady"));

    private final List<String> dependents;

    public ConditionSet(List<String> dependents) {
        this.dependents = List.copyOf(dependents);
    }

    /** A mutable copy of {@code current} (null = none) whose changes are stamped with {@code now}. */
    public Conditions manage(List<Condition> current, Instant now) {
        return new Conditions(current == null ? List.of() : current, now);
    }

    /** The conditions of one status being written. */
    public final class Conditions {
        private final List<Condition> conditions;
        private final String now;

        private Conditions(List<Condition> current, Instant now) {
            this.conditions = new ArrayList<>(current);
            this.now = now.truncatedTo(ChronoUnit.SECONDS).toString();
        }

        public List<Condition> list() {
            return List.copyOf(conditions);
        }

        public Condition get(String type) {
            return conditions.stream().filter(c -> c.type().equals(type)).findFirst().orElse(null);
        }

        /** True with a reason and message (Knative {@code MarkTrueWithReason}); {@code Ready} follows. */
        public Conditions markTrue(String type, String reason, String message) {
            set(type, TRUE, reason, message);
            if (isTerminal(type)) {
                Condition unhappy = findUnhappyDependent();
                if (unhappy != null) {
                    set(READY, unhappy.status(), unhappy.reason(), unhappy.message());
                    return this;
                }
            }
            set(READY, TRUE, "", "");
            return this;
        }

        /** False; when {@code type} is a dependent, {@code Ready} too, with the same reason and message. */
        public Conditions markFalse(String type, String reason, String message) {
            set(type, FALSE, reason, message);
            if (isTerminal(type) && !type.equals(READY)) {
                set(READY, FALSE, reason, message);
            }
            return this;
        }

        /** Unknown; a False dependent keeps {@code Ready} False, else a dependent makes it Unknown too. */
        public Conditions markUnknown(String type, String reason, String message) {
            set(type, UNKNOWN, reason, message);
            for (String dependent : dependents) {
                Condition c = get(dependent);
                if (c != null && FALSE.equals(c.status())) {
                    Condition ready = get(READY);
                    if (ready == null || !FALSE.equals(ready.status())) {
                        set(READY, FALSE, reason, message);
                    }
                    return this;
                }
            }
            if (dependents.contains(type)) {
                set(READY, UNKNOWN, reason, message);
            }
            return this;
        }

        private boolean isTerminal(String type) {
            return type.equals(READY) || dependents.contains(type);
        }

        private String severity(String type) {
            return isTerminal(type) ? null : INFO;
        }

        /** The most recently changed False dependent, else Unknown one, else Unknown if one is missing. */
        private Condition findUnhappyDependent() {
            if (dependents.isEmpty()) {
                return null;
            }
            List<Condition> terminal = conditions.stream()
                    .filter(c -> isBlank(c.severity()) && !c.type().equals(READY))
                    .sorted(Comparator.comparing((Condition c) -> time(c.lastTransitionTime())).reversed())
                    .toList();
            for (String status : List.of(FALSE, UNKNOWN)) {
                for (Condition c : terminal) {
                    if (status.equals(c.status())) {
                        return c;
                    }
                }
            }
            if (dependents.size() > terminal.size()) {
                return new Condition("", UNKNOWN, null, null, "", "");
            }
            return null;
        }

        private void set(String type, String status, String reason, String message) {
            Condition next = new Condition(type, status, severity(type), null, emptyToNull(reason), emptyToNull(message));
            for (int i = 0; i < conditions.size(); i++) {
                Condition old = conditions.get(i);
                if (old.type().equals(type)) {
                    if (sameExceptTime(old, next)) {
                        return;
                    }
                    conditions.remove(i);
                    break;
                }
            }
            conditions.add(new Condition(type, status, next.severity(), now, next.reason(), next.message()));
            conditions.sort(Comparator.comparing(Condition::type));
        }
    }

    private static boolean sameExceptTime(Condition a, Condition b) {
        return a.status().equals(b.status())
                && Objects.equals(emptyToNull(a.severity()), emptyToNull(b.severity()))
                && Objects.equals(emptyToNull(a.reason()), emptyToNull(b.reason()))
                && Objects.equals(emptyToNull(a.message()), emptyToNull(b.message()));
    }

    private static Instant time(String rfc3339) {
        try {
            return rfc3339 == null ? Instant.EPOCH : Instant.parse(rfc3339);
        } catch (RuntimeException e) {
            return Instant.EPOCH;
        }
    }

    private static boolean isBlank(String s) {
        return s == null || s.isEmpty();
    }

    private static String emptyToNull(String s) {
        return isBlank(s) ? null : s;
    }
}
