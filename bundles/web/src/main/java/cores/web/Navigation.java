package cores.web;

import cores.api.web.Visitor;
import cores.api.web.Whiteboard;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.util.tracker.ServiceTracker;
import org.osgi.util.tracker.ServiceTrackerCustomizer;

/**
 * The site's navigation: every service that carries {@link Whiteboard#NAV_LABEL} (pages of this
 * bundle and of plugins) is an entry while it is registered, shown to the visitors it names.
 */
@Component(service = Navigation.class)
public final class Navigation {
  /** An entry as registered. */
  record Entry(String label, String path, String permission, int rank) {
    /** Whether the visitor may see it. */
    boolean visibleTo(Visitor visitor) {
      if (permission == null || permission.isBlank()) {
        return true;
      }
      if (permission.equals("authenticated")) {
        return visitor.user().isPresent();
      }
      if (permission.equals("staff")) {
        return visitor.staff();
      }
      for (String one : permission.split(",")) {
        if (visitor.may(one.trim())) {
          return true;
        }
      }
      return false;
    }
  }

  private final Map<ServiceReference<?>, Entry> entries = new ConcurrentHashMap<>();
  private final ServiceTracker<Object, ServiceReference<Object>> tracker;

  /** The entries the visitor may see, in rank order, the one of the path marked current. */
  List<NavLink> links(Visitor visitor, String path) {
    List<Entry> visible = new ArrayList<>();
    for (Entry entry : entries.values()) {
      if (entry.visibleTo(visitor)) {
        visible.add(entry);
      }
    }
    visible.sort(Comparator.comparingInt(Entry::rank).thenComparing(Entry::label));
    List<NavLink> links = new ArrayList<>(visible.size());
    for (Entry entry : visible) {
      links.add(new NavLink(entry.label(), entry.path(), current(entry.path(), path)));
    }
    return links;
  }

  @Activate
  public Navigation(BundleContext context) throws InvalidSyntaxException {
    // any service of any bundle, whatever its interface: DS references need one
    tracker =
        new ServiceTracker<>(
            context,
            context.createFilter("(" + Whiteboard.NAV_LABEL + "=*)"),
            new ServiceTrackerCustomizer<Object, ServiceReference<Object>>() {
              @Override
              public ServiceReference<Object> addingService(ServiceReference<Object> reference) {
                entry(reference);
                return reference;
              }

              @Override
              public void modifiedService(
                  ServiceReference<Object> reference, ServiceReference<Object> tracked) {
                entry(reference);
              }

              @Override
              public void removedService(
                  ServiceReference<Object> reference, ServiceReference<Object> tracked) {
                entries.remove(reference);
              }
            });
    tracker.open(true);
  }

  @Deactivate
  void close() {
    tracker.close();
  }

  private void entry(ServiceReference<?> reference) {
    Object path = reference.getProperty(Whiteboard.NAV_PATH);
    if (path == null) {
      entries.remove(reference);
      return;
    }
    Object permission = reference.getProperty(Whiteboard.NAV_PERMISSION);
    entries.put(
        reference,
        new Entry(
            String.valueOf(reference.getProperty(Whiteboard.NAV_LABEL)),
            path.toString(),
            permission == null ? null : permission.toString(),
            rank(reference.getProperty(Whiteboard.NAV_RANK))));
  }

  private static int rank(Object value) {
    if (value instanceof Number number) {
      return number.intValue();
    }
    try {
      return value == null ? 100 : Integer.parseInt(value.toString().trim());
    } catch (NumberFormatException e) {
      return 100;
    }
  }

  /**
   * Whether the path is the entry's page or one below it; an entry written with its trailing slash
   * ("/reports/") is current at the same page reached without it ("/reports").
   */
  static boolean current(String entry, String path) {
    if (entry.equals("/")) {
      return path.equals("/");
    }
    String page = entry.endsWith("/") ? entry.substring(0, entry.length() - 1) : entry;
    return path.equals(page) || path.startsWith(page + "/");
  }
}
