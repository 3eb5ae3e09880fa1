package io.trantor.agent.runtime.custom;

import io.trantor.agent.sdk.Model;
import io.trantor.runtime.api.ArtifactMatch;
import io.trantor.runtime.api.LoadedModel;
import io.trantor.runtime.api.ModelArtifact;
import io.trantor.runtime.api.ModelLoadException;
import io.trantor.runtime.api.ModelRuntime;
import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Runs custom models written against {@link Model}: jars in the model folder (or the jar or folder
 * {@code parameters.uri} names), with the class named by {@code implementation} or registered in
 * a jar's {@code META-INF/services/io.trantor.agent.sdk.Model}. Each loaded version gets its own
 * class loader whose parent is the agent's, so the SDK and protocol types are the agent's own and
 * two versions of a model never see each other's classes.
 */
public final class JavaModelRuntime implements ModelRuntime {
  static final String SERVICE_ENTRY = "META-INF/services/" + Model.class.getName();

  @Override
  public String name() {
    return "java";
  }

  @Override
  public Set<String> capabilities() {
    return Set.of("java");
  }

  @Override
  public ArtifactMatch match(ModelArtifact artifact) {
    for (Path jar : jars(artifact)) {
      try (ZipFile zip = new ZipFile(jar.toFile())) {
        if (artifact.implementation() != null
            ? zip.getEntry(classEntry(artifact.implementation())) != null
            : zip.getEntry(SERVICE_ENTRY) != null) {
          return ArtifactMatch.DECLARED;
        }
      } catch (IOException e) {
        // Not a readable jar: it cannot hold the model, and load would report it if chosen.
      }
    }
    return ArtifactMatch.NONE;
  }

  @Override
  public LoadedModel load(ModelArtifact artifact) throws ModelLoadException {
    List<Path> jars = jars(artifact);
    if (jars.isEmpty()) {
      throw new ModelLoadException("model '" + artifact.name() + "': no .jar file in " + artifact.directory());
    }
    URLClassLoader loader = new URLClassLoader(
        "model-" + artifact.versionedName(), urls(jars), JavaModelRuntime.class.getClassLoader());
    try {
      Model model = instantiate(artifact, jars, loader);
      JavaLoadedModel loaded = new JavaLoadedModel(artifact, model, loader);
      loaded.start();
      return loaded;
    } catch (ModelLoadException | RuntimeException | LinkageError e) {
      closeQuietly(loader, e);
      throw e;
    }
  }

  private static Model instantiate(ModelArtifact artifact, List<Path> jars, ClassLoader loader)
      throws ModelLoadException {
    String model = "model '" + artifact.name() + "'";
    String className = artifact.implementation() != null
        ? artifact.implementation()
        : registeredModel(artifact, jars);
    Class<?> type;
    try {
      type = Class.forName(className, false, loader);
    } catch (ClassNotFoundException e) {
      throw new ModelLoadException(
          model + ": class '" + className + "' named by "
              + (artifact.implementation() != null ? "'implementation'" : SERVICE_ENTRY)
              + " is not in the jars of " + artifact.directory());
    }
    if (!Model.class.isAssignableFrom(type)) {
      throw new ModelLoadException(model + ": class '" + type.getName() + "' does not implement " + Model.class.getName());
    }
    try {
      return (Model) type.getConstructor().newInstance();
    } catch (NoSuchMethodException e) {
      throw new ModelLoadException(model + ": class '" + type.getName() + "' needs a public no-argument constructor");
    } catch (ReflectiveOperationException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new ModelLoadException(model + ": creating '" + type.getName() + "' failed: " + cause, cause);
    }
  }

  /**
   * The one class the jars register as a {@link Model}. The service files are read from the jars
   * themselves, not through {@link java.util.ServiceLoader}, which would also find models
   * registered on the agent's own classpath.
   */
  private static String registeredModel(ModelArtifact artifact, List<Path> jars) throws ModelLoadException {
    Set<String> classes = new LinkedHashSet<>();
    for (Path jar : jars) {
      try (ZipFile zip = new ZipFile(jar.toFile())) {
        ZipEntry entry = zip.getEntry(SERVICE_ENTRY);
        if (entry == null) {
          continue;
        }
        try (InputStream in = zip.getInputStream(entry)) {
          new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
              .map(line -> line.replaceFirst("#.*", "").strip())
              .filter(line -> !line.isEmpty())
              .forEach(classes::add);
        }
      } catch (IOException e) {
        throw new ModelLoadException("model '" + artifact.name() + "': cannot read the jar " + jar + ": " + e.getMessage(), e);
      }
    }
    if (classes.size() != 1) {
      throw new ModelLoadException(
          "model '" + artifact.name() + "': expected one class in " + SERVICE_ENTRY + " of the jars in "
              + artifact.directory() + ", found " + classes + "; name the class in model-settings.json 'implementation'");
    }
    return classes.iterator().next();
  }

  /** The jars: {@code uri} itself when it is a jar, else every *.jar in {@code uri} or the folder. */
  private static List<Path> jars(ModelArtifact artifact) {
    Path uri = artifact.uri();
    if (uri != null && Files.isRegularFile(uri) && isJar(uri)) {
      return List.of(uri);
    }
    Path folder = uri != null && Files.isDirectory(uri) ? uri : artifact.directory();
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(p -> Files.isRegularFile(p) && isJar(p)).sorted().toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  private static boolean isJar(Path file) {
    return file.getFileName().toString().endsWith(".jar");
  }

  private static URL[] urls(List<Path> jars) throws ModelLoadException {
    List<URL> urls = new ArrayList<>();
    for (Path jar : jars) {
      try {
        urls.add(jar.toUri().toURL());
      } catch (MalformedURLException e) {
        throw new ModelLoadException("cannot use the jar " + jar + ": " + e.getMessage(), e);
      }
    }
    return urls.toArray(URL[]::new);
  }

  private static String classEntry(String className) {
    return className.replace('.', '/') + ".class";
  }

  private static void closeQuietly(URLClassLoader loader, Throwable failure) {
    try {
      loader.close();
    } catch (IOException e) {
      failure.addSuppressed(e);
    }
  }
}
