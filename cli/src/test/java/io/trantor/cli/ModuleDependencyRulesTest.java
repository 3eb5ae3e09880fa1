package io.trantor.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The one-way module graph of ARCHITECTURE.md, checked on the compiled classes of every module on
 * this (the CLI's) class path: an arrow that points the wrong way fails the build. Rules for
 * modules that do not exist yet (workflows, gateway) are already here so they hold from day one.
 */
class ModuleDependencyRulesTest {
  private static final String RUNTIME_API = "api";
  private static final String[] RUNTIMES = {
    "onnx", "xgboost", "lightgbm", "python", "tensorflow", "pytorch", "mlserver"
  };
  private static JavaClasses trantor;

  @BeforeAll
  static void importClasses() {
    trantor =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.trantor");
  }

  @Test
  void protocolImportsNothingOfOurs() {
    check(
        noClasses()
            .that()
            .resideInAPackage("io.trantor.protocol..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                "io.trantor.agent..",
                "io.trantor.runtime..",
                "io.trantor.cli..",
                "io.trantor.samples..",
                "io.trantor.dsl..",
                "io.trantor.compiler..",
                "io.trantor.workflows..",
                "io.trantor.gateway.."));
  }

  @Test
  void agentDependsOnlyOnProtocolAndTheRuntimeApi() {
    check(
        noClasses()
            .that()
            .resideInAPackage("io.trantor.agent..")
            .should()
            .dependOnClassesThat(anotherRuntime(RUNTIME_API))
            .orShould()
            .dependOnClassesThat()
            .resideInAnyPackage(
                "io.trantor.cli..",
                "io.trantor.samples..",
                "io.trantor.workflows..",
                "io.trantor.activities..",
                "io.trantor.gateway..",
                "io.trantor.control.."));
  }

  @Test
  void runtimeApiDependsOnlyOnProtocol() {
    check(
        noClasses()
            .that()
            .resideInAPackage("io.trantor.runtime.api..")
            .should()
            .dependOnClassesThat(anotherRuntime(RUNTIME_API))
            .orShould()
            .dependOnClassesThat()
            .resideInAnyPackage(
                "io.trantor.agent..",
                "io.trantor.cli..",
                "io.trantor.samples..",
                "io.trantor.dsl..",
                "io.trantor.compiler..",
                "io.trantor.workflows..",
                "io.trantor.activities..",
                "io.trantor.control..",
                "io.trantor.kafka..",
                "io.trantor.gateway..",
                "com.linecorp.armeria..",
                "io.grpc.."));
  }

  @Test
  void runtimesDependOnTheRuntimeApiNotOnTheAgentNorOnEachOther() {
    for (String runtime : RUNTIMES) {
      check(
          noClasses()
              .that()
              .resideInAPackage("io.trantor.runtime." + runtime + "..")
              .should()
              .dependOnClassesThat()
              .resideInAnyPackage(
                  "io.trantor.agent..", "io.trantor.cli..", "io.trantor.samples..", "com.linecorp.armeria..",
                  "io.grpc..")
              .orShould()
              .dependOnClassesThat(anotherRuntime(runtime)));
    }
  }

  /** A class of a runtime module other than {@code runtime} and other than the runtime API. */
  private static DescribedPredicate<JavaClass> anotherRuntime(String runtime) {
    return DescribedPredicate.describe(
        "another runtime",
        c ->
            c.getPackageName().startsWith("io.trantor.runtime.")
                && !c.getPackageName().startsWith("io.trantor.runtime." + runtime)
                && !c.getPackageName().startsWith("io.trantor.runtime." + RUNTIME_API));
  }

  @Test
  void compilerDependsOnlyOnDsl() {
    check(
        noClasses()
            .that()
            .resideInAPackage("io.trantor.compiler..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                "io.trantor.protocol..", "io.trantor.workflows..", "io.trantor.activities..", "io.trantor.control..",
                "io.trantor.gateway..", "io.trantor.agent..", "io.trantor.kafka..", "io.trantor.cli.."));
  }

  @Test
  void workflowsDoNoIoAndKnowNoImplementation() {
    check(
        noClasses()
            .that()
            .resideInAPackage("io.trantor.workflows..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                "io.trantor.activities..", "io.trantor.control..", "io.trantor.gateway..", "io.trantor.agent..",
                "io.trantor.kafka..", "io.trantor.cli..", "org.apache.kafka.."));
  }

  @Test
  void kafkaModulesStayBelowTheirUsers() {
    check(
        noClasses()
            .that()
            .resideInAPackage("io.trantor.kafka..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                "io.trantor.workflows..", "io.trantor.activities..", "io.trantor.control..", "io.trantor.gateway..",
                "io.trantor.agent..", "io.trantor.runtime..", "io.trantor.cli.."));
    // The embedded broker is a tool for `trantor up` and tests; nothing on the data path uses it.
    check(
        noClasses()
            .that()
            .resideOutsideOfPackages("io.trantor.kafka.broker..", "io.trantor.cli..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("io.trantor.kafka.broker.."));
  }

  @Test
  void gatewayNeverImportsTheControlPlaneOrTheAgent() {
    check(
        noClasses()
            .that()
            .resideInAPackage("io.trantor.gateway..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                "io.trantor.workflows..", "io.trantor.activities..", "io.trantor.control..", "io.trantor.agent..",
                "io.trantor.runtime..", "io.trantor.cli.."));
  }

  /** The control plane compiles; the gateway runs the typed plans it is sent and never reads specs. */
  @Test
  void gatewayRunsPlansAndNeverPlans() {
    forbid("io.trantor.gateway..", "io.trantor.dsl..", "io.trantor.compiler..");
  }

  /**
   * The gateway's packages by job: the root ({@code Gateway}, {@code GatewayConfig}) wires them and
   * nothing depends on it; {@code controlfeed} feeds {@code ingress} and {@code pipelinehost};
   * {@code ingress} fronts {@code pipelinehost}; {@code pipelinehost} runs plans and knows neither.
   */
  @Test
  void gatewayPackagesPointOneWay() {
    for (String job : new String[] {"ingress", "pipelinehost", "controlfeed"}) {
      forbid("io.trantor.gateway." + job + "..", "io.trantor.gateway");
    }
    forbid("io.trantor.gateway.pipelinehost..", "io.trantor.gateway.ingress..", "io.trantor.gateway.controlfeed..");
    forbid("io.trantor.gateway.ingress..", "io.trantor.gateway.controlfeed..");
  }

  @Test
  void noModuleImportsTheInternalsOfAnother() {
    check(
        noClasses()
            .that()
            .resideOutsideOfPackage("io.trantor.agent..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("io.trantor.agent.internal.."));
  }

  /** No class in {@code from} depends on a class in any of {@code to}. */
  private static void forbid(String from, String... to) {
    check(noClasses().that().resideInAPackage(from).should().dependOnClassesThat().resideInAnyPackage(to));
  }

  private static void check(ArchRule rule) {
    rule.allowEmptyShould(true).check(trantor);
  }
}
