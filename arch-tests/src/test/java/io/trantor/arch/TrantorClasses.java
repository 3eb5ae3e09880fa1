package io.trantor.arch;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The production classes of every Trantor module on this module's test class path (the modules are
 * its test-scope dependencies), imported once for all the rules. Test classes are left out, so test
 * helpers may cross the arrows the rules forbid to production code.
 */
final class TrantorClasses {
  private static JavaClasses classes;

  private TrantorClasses() {}

  static synchronized JavaClasses get() {
    if (classes == null) {
      classes =
          new ClassFileImporter()
              .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
              .importPackages("io.trantor");
    }
    return classes;
  }
}
