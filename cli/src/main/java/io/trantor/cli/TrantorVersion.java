package io.trantor.cli;

import picocli.CommandLine.IVersionProvider;

/** Version from the jar manifest, so {@code trantor --version} matches the build. */
public final class TrantorVersion implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String version = TrantorVersion.class.getPackage().getImplementationVersion();
    return new String[] {"trantor " + (version != null ? version : "development build")};
  }
}
