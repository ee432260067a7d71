package cores.http;

import cores.api.web.Whiteboard;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.osgi.framework.Filter;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;

/**
 * What a whiteboard service asks for, read from its service properties by the OSGi Jakarta RESTful
 * Web Services Whiteboard's rules: a resource or an extension, of the applications its {@value
 * Whiteboard#APPLICATION_SELECT} filter matches (without one: the default application, the API).
 * The names of earlier Cores releases are understood and listed in {@link #legacyNames}.
 *
 * @param name its {@value Whiteboard#NAME}, or null
 * @param refusal why it cannot be served (no application matches its selection, the selection is
 *     not a filter, it claims to be both a resource and an extension); null when it can
 */
record WhiteboardRegistration(
    Kind kind,
    Set<Application> applications,
    String name,
    List<String> legacyNames,
    String refusal) {

  enum Kind {
    RESOURCE,
    EXTENSION;

    @Override
    public String toString() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** The applications Cores serves, with the properties a selection filter is matched against. */
  enum Application {
    API(Whiteboard.API_APPLICATION, "/api"),
    PAGES(Whiteboard.PAGES_APPLICATION, "/");

    final String applicationName;
    final String base;

    Application(String applicationName, String base) {
      this.applicationName = applicationName;
      this.base = base;
    }

    Map<String, Object> properties() {
      return Map.of(Whiteboard.NAME, applicationName, Whiteboard.APPLICATION_BASE, base);
    }
  }

  static final String LEGACY_RESOURCE = "osgi.jaxrs.resource";
  static final String LEGACY_EXTENSION = "osgi.jaxrs.extension";

  @SuppressWarnings("deprecation") // read so that earlier releases' plugins keep working
  static final String LEGACY_PAGE = Whiteboard.PAGE;

  /** The service filter of every property that makes a service a whiteboard service. */
  static final String FILTER =
      "(|"
          + List.of(
                  Whiteboard.RESOURCE,
                  Whiteboard.EXTENSION,
                  LEGACY_RESOURCE,
                  LEGACY_EXTENSION,
                  LEGACY_PAGE)
              .stream()
              .map(property -> "(" + property + "=true)")
              .reduce("", String::concat)
          + ")";

  public WhiteboardRegistration {
    applications = applications.isEmpty() ? Set.of() : EnumSet.copyOf(applications);
    legacyNames = List.copyOf(legacyNames);
  }

  /** From a service's properties (a service reference's, by key). */
  static WhiteboardRegistration of(Map<String, ?> properties) {
    List<String> legacy = new ArrayList<>();
    for (String old : List.of(LEGACY_RESOURCE, LEGACY_EXTENSION, LEGACY_PAGE)) {
      if (isTrue(properties.get(old))) {
        legacy.add(old);
      }
    }
    boolean page = isTrue(properties.get(LEGACY_PAGE));
    boolean resource =
        page
            || isTrue(properties.get(Whiteboard.RESOURCE))
            || isTrue(properties.get(LEGACY_RESOURCE));
    boolean extension =
        isTrue(properties.get(Whiteboard.EXTENSION)) || isTrue(properties.get(LEGACY_EXTENSION));
    Kind kind = resource ? Kind.RESOURCE : Kind.EXTENSION;
    Object nameValue = properties.get(Whiteboard.NAME);
    String name = nameValue == null ? null : nameValue.toString();
    if (resource && extension) {
      return new WhiteboardRegistration(
          kind, Set.of(), name, legacy, "it is marked both a resource and an extension");
    }
    String select = filterText(properties.get(Whiteboard.APPLICATION_SELECT));
    if (select == null) {
      return new WhiteboardRegistration(
          kind, EnumSet.of(page ? Application.PAGES : Application.API), name, legacy, null);
    }
    Filter filter;
    try {
      filter = FrameworkUtil.createFilter(select);
    } catch (InvalidSyntaxException e) {
      return new WhiteboardRegistration(
          kind,
          Set.of(),
          name,
          legacy,
          Whiteboard.APPLICATION_SELECT + "=" + select + " is not a filter: " + e.getMessage());
    }
    Set<Application> selected = EnumSet.noneOf(Application.class);
    for (Application application : Application.values()) {
      if (filter.matches(application.properties())) {
        selected.add(application);
      }
    }
    return new WhiteboardRegistration(
        kind,
        selected,
        name,
        legacy,
        selected.isEmpty()
            ? Whiteboard.APPLICATION_SELECT
                + "="
                + select
                + " matches no application (there are "
                + Whiteboard.API_APPLICATION
                + " at /api and "
                + Whiteboard.PAGES_APPLICATION
                + " at /)"
            : null);
  }

  /**
   * A selection's filter: DS writes a property type's value as a one-element array; several filters
   * must all match.
   */
  private static String filterText(Object value) {
    List<String> filters = new ArrayList<>();
    if (value instanceof String[] array) {
      filters.addAll(List.of(array));
    } else if (value instanceof Collection<?> collection) {
      collection.forEach(f -> filters.add(String.valueOf(f)));
    } else if (value != null) {
      filters.add(value.toString());
    }
    return switch (filters.size()) {
      case 0 -> null;
      case 1 -> filters.get(0);
      default -> "(&" + String.join("", filters) + ")";
    };
  }

  private static boolean isTrue(Object value) {
    return value != null && Boolean.parseBoolean(value.toString());
  }
}
