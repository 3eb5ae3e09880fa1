package io.trantor.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import org.junit.jupiter.api.Test;

/**
 * Rules about one module's own packages or its third-party libraries, which the module table of
 * {@link ArchitectureTest} does not express. (Moved here from {@code cli}'s
 * ModuleDependencyRulesTest and {@code dsl}'s ArchitectureTest.)
 */
class ModuleRulesTest {
  private static final String[] RUNTIMES = {
    "onnx", "xgboost", "lightgbm", "python", "tensorflow", "pytorch", "mlserver"
  };

  private final JavaClasses trantor = TrantorClasses.get();

  @Test
  void dslDependsOnNothingButTheJdkAndJackson() {
    classes()
        .that()
        .resideInAPackage("io.trantor.dsl..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage("io.trantor.dsl..", "java..", "com.fasterxml.jackson..", "org.yaml.snakeyaml..")
        .because("dsl sits at the bottom of the module graph and does no I/O beyond reading its input")
        .check(trantor);
  }

  @Test
  void specRecordsDoNotDependOnTheImplementation() {
    classes()
        .that()
        .resideInAPackage("io.trantor.dsl")
        .and()
        .areRecords()
        .should()
        .onlyDependOnClassesThat()
        .resideOutsideOfPackage("io.trantor.dsl.internal..")
        .check(trantor);
  }

  /** The runtime SPI exists so that runtimes do not pull the agent's server stack. */
  @Test
  void theRuntimeApiAndTheRuntimesUseNeitherArmeriaNorGrpc() {
    noClasses()
        .that()
        .resideInAPackage("io.trantor.runtime.api..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("com.linecorp.armeria..", "io.grpc..")
        .check(trantor);
    for (String runtime : RUNTIMES) {
      noClasses()
          .that()
          .resideInAPackage("io.trantor.runtime." + runtime + "..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("com.linecorp.armeria..", "io.grpc..")
          .check(trantor);
    }
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

  /** No class in {@code from} depends on a class in any of {@code to}. */
  private void forbid(String from, String... to) {
    noClasses().that().resideInAPackage(from).should().dependOnClassesThat().resideInAnyPackage(to).check(trantor);
  }
}
