package cores.persistence;

import java.util.List;

/**
 * The class loader EclipseLink gets for a persistence unit: the owning bundle's loader first
 * (entities, persistence.xml), then EclipseLink's and this bundle's for the classes EclipseLink
 * loads by name that the owning bundle does not import (database platforms, the log adapter).
 */
final class UnitClassLoader extends ClassLoader {

  static {
    registerAsParallelCapable();
  }

  private final List<ClassLoader> fallbacks;

  UnitClassLoader(ClassLoader bundleLoader, List<ClassLoader> fallbacks) {
    super("persistence-unit", bundleLoader);
    this.fallbacks = List.copyOf(fallbacks);
  }

  @Override
  protected Class<?> findClass(String name) throws ClassNotFoundException {
    for (ClassLoader fallback : fallbacks) {
      try {
        return fallback.loadClass(name);
      } catch (ClassNotFoundException e) {
        // try the next one
      }
    }
    throw new ClassNotFoundException(name);
  }
}
