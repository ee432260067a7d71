package cores.http.system;

import java.util.List;

/** What the whiteboard holds right now, for {@code /api/system}: every service and its fate. */
public interface WhiteboardReport {

  /**
   * A whiteboard service.
   *
   * @param name its {@code osgi.jakartars.name}, or null
   * @param kind {@code resource} or {@code extension}
   * @param applications the applications it selected ({@code .default} is the API at /api, {@code
   *     cores.pages} the pages at /)
   * @param className its class
   * @param bundle the bundle that registered it, with its version
   * @param served whether requests reach it now
   * @param problem why it is not served, or null
   */
  record Entry(
      String name,
      String kind,
      List<String> applications,
      String className,
      String bundle,
      boolean served,
      String problem) {
    public Entry {
      applications = List.copyOf(applications);
    }
  }

  /** Every whiteboard service, by class name. */
  List<Entry> whiteboard();
}
