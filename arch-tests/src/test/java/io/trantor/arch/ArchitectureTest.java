package io.trantor.arch;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.lang.conditions.ArchConditions.be;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static java.util.stream.Collectors.joining;
import static java.util.stream.Collectors.toCollection;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The module graph of ARCHITECTURE.md ("Modules (Maven) and the way dependencies point") checked on
 * the compiled classes of every module: the allowed arrows, private {@code internal} packages, an
 * I/O-free {@code workflows}, no package cycles. See {@code arch-tests/README.md} to add a module.
 */
class ArchitectureTest {
  private static final String DSL = "io.trantor.dsl";
  private static final String PROTOCOL = "io.trantor.protocol";
  private static final String COMPILER = "io.trantor.compiler";
  private static final String WORKFLOWS = "io.trantor.workflows";
  private static final String ACTIVITIES = "io.trantor.activities";
  private static final String CONTROL = "io.trantor.control";
  private static final String KAFKA = "io.trantor.kafka";
  private static final String KAFKA_BROKER = "io.trantor.kafka.broker";
  private static final String GATEWAY = "io.trantor.gateway";
  private static final String SECURITY = "io.trantor.security";
  private static final String RUNTIME_API = "io.trantor.runtime.api";
  private static final String ONNX = "io.trantor.runtime.onnx";
  private static final String XGBOOST = "io.trantor.runtime.xgboost";
  private static final String LIGHTGBM = "io.trantor.runtime.lightgbm";
  private static final String PYTHON = "io.trantor.runtime.python";
  private static final String TENSORFLOW = "io.trantor.runtime.tensorflow";
  private static final String PYTORCH = "io.trantor.runtime.pytorch";
  private static final String MLSERVER = "io.trantor.runtime.mlserver";
  private static final String AGENT = "io.trantor.agent";
  private static final String SAMPLES = "io.trantor.samples";
  private static final String CLI = "io.trantor.cli";
  private static final String BENCH = "io.trantor.bench";
  private static final String OPERATOR = "io.trantor.operator";

  /**
   * THE table: each module's root package and the root packages of the other modules its classes
   * may use. A class belongs to the module with the longest root its package starts with, so
   * {@code io.trantor.kafka.broker} is not part of {@code io.trantor.kafka}. Where ARCHITECTURE.md
   * lists a module's dependencies, the row is that list; anything beyond it is marked BEYOND.
   */
  private static final Map<String, Set<String>> ALLOWED =
      table(
          row(DSL),
          row(PROTOCOL),
          row(COMPILER, DSL),
          // ARCHITECTURE.md: (compiler, dsl); today's code imports neither.
          row(WORKFLOWS, COMPILER, DSL),
          // BEYOND ARCHITECTURE.md's (workflows, protocol, dsl): placement and pipeline-plan
          // activities call the pure compiler (Placer, PipelinePlanner, TopicNames).
          row(ACTIVITIES, WORKFLOWS, PROTOCOL, DSL, COMPILER),
          row(CONTROL, ACTIVITIES, WORKFLOWS, COMPILER, DSL, PROTOCOL, KAFKA, SECURITY),
          // BEYOND ARCHITECTURE.md's (protocol): KafkaSettings validates the topic prefix with and
          // hands out compiler.pipeline.TopicNames. The code uses no protocol class today.
          row(KAFKA, PROTOCOL, COMPILER),
          // The embedded broker is a tool for `trantor up` and tests: only the CLI uses it.
          row(KAFKA_BROKER),
          // TLS files, bearer tokens and JWT for every listener and client: uses no other module.
          row(SECURITY),
          // Receives typed plans and route tables; never dsl, compiler, workflows.
          row(GATEWAY, PROTOCOL, KAFKA, SECURITY),
          row(RUNTIME_API, PROTOCOL),
          // Runtimes implement the SPI, whose signatures carry protocol types; never the agent.
          row(ONNX, RUNTIME_API, PROTOCOL),
          row(XGBOOST, RUNTIME_API, PROTOCOL),
          row(LIGHTGBM, RUNTIME_API, PROTOCOL),
          row(PYTHON, RUNTIME_API, PROTOCOL),
          row(TENSORFLOW, RUNTIME_API, PROTOCOL),
          row(PYTORCH, RUNTIME_API, PROTOCOL),
          row(MLSERVER, RUNTIME_API, PROTOCOL),
          // Never workflows; runtimes only through the SPI.
          row(AGENT, PROTOCOL, RUNTIME_API, SECURITY),
          // The custom-model samples are written against the agent's SDK.
          row(SAMPLES, AGENT, PROTOCOL),
          // Everything it wires (the runtimes it does not name are found through the SPI), and
          // `trantor operator` runs the operator.
          row(CLI, AGENT, CONTROL, GATEWAY, KAFKA, KAFKA_BROKER, COMPILER, DSL, PROTOCOL,
              RUNTIME_API, MLSERVER, OPERATOR, SECURITY),
          row(BENCH, PROTOCOL, AGENT, RUNTIME_API, ONNX, PYTHON),
          // ARCHITECTURE.md: (protocol, dsl); today's code (the CRD types) imports neither.
          row(OPERATOR, PROTOCOL, DSL));

  private final JavaClasses trantor = TrantorClasses.get();

  @Test
  void modulesUseOnlyTheModulesTheTableAllows() {
    List<String> empty = ALLOWED.keySet().stream().filter(root -> count(root) == 0).toList();
    assertThat(empty)
        .as("module root packages without classes: add the module to arch-tests/pom.xml, or fix the table")
        .isEmpty();

    List<ArchRule> rules = new ArrayList<>();
    rules.add(
        classes()
            .that()
            .resideInAPackage("io.trantor..")
            .should(be(inAnyModule()))
            .as("every io.trantor class belongs to a module of the table"));
    ALLOWED.forEach(
        (root, allowed) ->
            rules.add(
                noClasses()
                    .that(inModule(root))
                    .should()
                    .dependOnClassesThat(ourClassOutsideOf(root, allowed))
                    .as("module " + root + (allowed.isEmpty() ? " uses no other module" : " uses only " + allowed))));
    checkAll(rules);
  }

  /** A class in {@code io.trantor.X..internal..} is used only by classes of module X. */
  @Test
  void internalPackagesAreUsedOnlyByTheirOwnModule() {
    List<ArchRule> rules = new ArrayList<>();
    for (String root : ALLOWED.keySet()) {
      rules.add(
          noClasses()
              .that(not(inModule(root)))
              .should()
              .dependOnClassesThat(internalOf(root))
              .as("no class outside module " + root + " uses its internal packages"));
    }
    checkAll(rules);
  }

  /** Workflow code is replayed by Temporal: its side effects belong to activities. */
  @Test
  void workflowsDoNoIo() {
    noClasses()
        .that()
        .resideInAPackage("io.trantor.workflows..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.apache.kafka..",
            "java.net..",
            "java.nio.file..",
            "java.nio.channels..",
            "io.grpc..",
            "com.linecorp.armeria..")
        .orShould()
        .dependOnClassesThat()
        .haveNameMatching("java\\.io\\.(File.*|RandomAccessFile)|java\\.lang\\.Process(Builder)?(\\$.*)?")
        .because("workflows are deterministic and replayed; I/O is what activities are for")
        .check(trantor);
  }

  /**
   * No cycle between packages. A package and its {@code internal} sub-packages are one slice: the
   * public package is the facade its implementation in {@code internal} serves, and the
   * implementation works on the public types (e.g. {@code dsl.Manifests} calls {@code
   * dsl.internal.DocumentReader}, which returns {@code dsl.Resource}).
   */
  @Test
  void packagesAreFreeOfCycles() {
    slices()
        .assignedFrom(packageWithItsInternals())
        .should()
        .beFreeOfCycles()
        .check(trantor);
  }

  /**
   * Evaluates every rule (each fails when its {@code that()} selects no class) and reports all the
   * violated ones together, each under its own description.
   */
  private void checkAll(List<ArchRule> rules) {
    String failures =
        rules.stream()
            .map(rule -> rule.evaluate(trantor))
            .filter(EvaluationResult::hasViolation)
            .map(result -> result.getFailureReport().toString())
            .collect(joining("\n\n"));
    if (!failures.isEmpty()) {
      throw new AssertionError(failures);
    }
  }

  /** The module (the longest root of the table) a package belongs to. */
  static Optional<String> moduleOf(String packageName) {
    return ALLOWED.keySet().stream()
        .filter(root -> packageName.equals(root) || packageName.startsWith(root + "."))
        .max((a, b) -> Integer.compare(a.length(), b.length()));
  }

  private static DescribedPredicate<JavaClass> inModule(String root) {
    return DescribedPredicate.describe(
        "belong to module " + root, c -> moduleOf(packageOf(c)).filter(root::equals).isPresent());
  }

  private static DescribedPredicate<JavaClass> inAnyModule() {
    return DescribedPredicate.describe(
        "in a module of the table " + ALLOWED.keySet(), c -> moduleOf(packageOf(c)).isPresent());
  }

  /** A class of ours (io.trantor..) in neither {@code root} nor one of {@code allowed}. */
  private static DescribedPredicate<JavaClass> ourClassOutsideOf(String root, Set<String> allowed) {
    return DescribedPredicate.describe(
        "belong to a module other than " + root + (allowed.isEmpty() ? "" : " and " + allowed),
        c -> {
          String pkg = packageOf(c);
          if (!pkg.equals("io.trantor") && !pkg.startsWith("io.trantor.")) {
            return false;
          }
          Optional<String> module = moduleOf(pkg);
          return module.isEmpty() || !(module.get().equals(root) || allowed.contains(module.get()));
        });
  }

  private static DescribedPredicate<JavaClass> internalOf(String root) {
    return DescribedPredicate.describe(
        "reside in an internal package of module " + root,
        c -> moduleOf(packageOf(c)).filter(root::equals).isPresent() && isInternal(packageOf(c)));
  }

  private static boolean isInternal(String packageName) {
    return Arrays.asList(packageName.split("\\.")).contains("internal");
  }

  private static SliceAssignment packageWithItsInternals() {
    return new SliceAssignment() {
      @Override
      public SliceIdentifier getIdentifierOf(JavaClass c) {
        String pkg = c.getPackageName();
        if (!pkg.startsWith("io.trantor.")) {
          return SliceIdentifier.ignore();
        }
        int internal = (pkg + ".").indexOf(".internal.");
        return SliceIdentifier.of(internal < 0 ? pkg : pkg.substring(0, internal));
      }

      @Override
      public String getDescription() {
        return "io.trantor packages, each with its internal sub-packages";
      }
    };
  }

  private static String packageOf(JavaClass c) {
    return (c.isArray() ? c.getBaseComponentType() : c).getPackageName();
  }

  private long count(String root) {
    return trantor.stream().filter(inModule(root)).count();
  }

  private static Map.Entry<String, Set<String>> row(String root, String... allowed) {
    return Map.entry(root, Set.of(allowed));
  }

  @SafeVarargs
  private static Map<String, Set<String>> table(Map.Entry<String, Set<String>>... rows) {
    Map<String, Set<String>> table = new LinkedHashMap<>();
    for (Map.Entry<String, Set<String>> row : rows) {
      if (table.put(row.getKey(), new TreeSet<>(row.getValue())) != null) {
        throw new IllegalStateException("two rows for " + row.getKey());
      }
      Set<String> unknown =
          row.getValue().stream().filter(m -> Arrays.stream(rows).noneMatch(r -> r.getKey().equals(m)))
              .collect(toCollection(TreeSet::new));
      if (!unknown.isEmpty() || row.getValue().contains(row.getKey())) {
        throw new IllegalStateException(row.getKey() + " allows unknown modules or itself: " + unknown);
      }
    }
    return table;
  }
}
