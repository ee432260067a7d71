package cores.web.reports;

import cores.api.accounts.Permissions;
import cores.api.reports.CsvFile;
import cores.api.reports.Report;
import cores.api.reports.ReportDesk;
import cores.api.web.ProblemException;
import cores.api.web.RefusedQuery;
import cores.api.web.Visitor;
import cores.api.web.Whiteboard;
import cores.web.Form;
import cores.web.Moved;
import cores.web.Site;
import cores.web.Times;
import cores.web.reports.Column.Kind;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsApplicationSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/**
 * The reports ({@code /reports/}, {@code /reports/assets}, {@code /reports/usage}, {@code
 * /reports/longreservations}), each a page of tables with their parameters in the query string, and
 * each table as a CSV download from the page's URL with {@code .csv} ({@code
 * /reports/usage.csv?days=30&table=labs}), through the session. Each needs its report's permission;
 * the original's URLs answer 301.
 */
@JakartarsResource
@JakartarsApplicationSelect(Whiteboard.PAGES)
@Component(
    service = ReportPages.class,
    property = {
      Whiteboard.NAV_LABEL + "=Reports",
      Whiteboard.NAV_PATH + "=/reports/",
      Whiteboard.NAV_PERMISSION
          + "="
          + ReportDesk.ASSETS_PERMISSION
          + ","
          + ReportDesk.USAGE_PERMISSION
          + ","
          + ReportDesk.LONG_RESERVATIONS_PERMISSION,
      Whiteboard.NAV_RANK + "=40"
    })
@Path("reports")
@Produces(MediaType.TEXT_HTML)
public final class ReportPages {
  private static final String[] ANY =
      new String[] {
        ReportDesk.ASSETS_PERMISSION,
        ReportDesk.USAGE_PERMISSION,
        ReportDesk.LONG_RESERVATIONS_PERMISSION
      };

  private final Site site;
  private final ReportDesk desk;
  private final Clock clock = Clock.systemUTC();

  @Activate
  public ReportPages(@Reference Site site, @Reference ReportDesk desk) {
    this.site = site;
    this.desk = desk;
  }

  @GET
  public Response index(@Context ContainerRequestContext request) {
    Optional<Response> refused = site.requirePermission(request, ANY);
    if (refused.isPresent()) {
      return refused.get();
    }
    Visitor visitor = Visitor.of(request);
    Map<String, Boolean> may = new LinkedHashMap<>();
    may.put("assets", visitor.may(ReportDesk.ASSETS_PERMISSION));
    may.put("usage", visitor.may(ReportDesk.USAGE_PERMISSION));
    may.put("longreservations", visitor.may(ReportDesk.LONG_RESERVATIONS_PERMISSION));
    may.put("live", visitor.may(Permissions.VIEW_SCANCONFLICT));
    return site.render(request, 200, "Reports", "reports/index.jte", may);
  }

  @GET
  @Path("assetsummary")
  public Response assetSummary() {
    return moved("/reports/assets");
  }

  @GET
  @Path("assets")
  public Response assets(@Context ContainerRequestContext request) {
    Optional<Response> refused = gate(request, ReportDesk.ASSETS_PERMISSION);
    if (refused.isPresent()) {
      return refused.get();
    }
    Form form = Form.of(Map.of());
    Report report = desk.assets();
    return page(request, 200, "Asset summary", "reports/assets.jte", report, form, "assets");
  }

  @GET
  @Path("assets.csv")
  public Response assetsCsv(@Context ContainerRequestContext request) {
    Optional<Response> refused = site.requirePermission(request, ReportDesk.ASSETS_PERMISSION);
    if (refused.isPresent()) {
      return refused.get();
    }
    return csv(desk.assets(), request);
  }

  @GET
  @Path("usage")
  public Response usage(@Context ContainerRequestContext request) {
    Optional<Response> refused = gate(request, ReportDesk.USAGE_PERMISSION);
    if (refused.isPresent()) {
      return refused.get();
    }
    Form form = query(request, "days", "from", "to");
    return attempt(request, "Usage", "reports/usage.jte", form, this::usage, "usage");
  }

  @GET
  @Path("usage.csv")
  public Response usageCsv(@Context ContainerRequestContext request) {
    Optional<Response> refused = site.requirePermission(request, ReportDesk.USAGE_PERMISSION);
    if (refused.isPresent()) {
      return refused.get();
    }
    return csv(checked(usage(query(request, "days", "from", "to"))), request);
  }

  @GET
  @Path("longreservations")
  public Response longReservations(@Context ContainerRequestContext request) {
    Optional<Response> refused = gate(request, ReportDesk.LONG_RESERVATIONS_PERMISSION);
    if (refused.isPresent()) {
      return refused.get();
    }
    Form form = query(request, "days");
    return attempt(
        request,
        "Long reservations",
        "reports/longreservations.jte",
        form,
        this::longReservations,
        "longreservations");
  }

  @GET
  @Path("longreservations.csv")
  public Response longReservationsCsv(@Context ContainerRequestContext request) {
    Optional<Response> refused =
        site.requirePermission(request, ReportDesk.LONG_RESERVATIONS_PERMISSION);
    if (refused.isPresent()) {
      return refused.get();
    }
    return csv(checked(longReservations(query(request, "days"))), request);
  }

  /** The usage report the form asks for; null when the form has problems (recorded in it). */
  private Report usage(Form form) {
    Optional<Long> days = form.number("days");
    Optional<LocalDate> from = form.date("from");
    Optional<LocalDate> to = form.date("to");
    return form.hasErrors()
        ? null
        : desk.usage(
            days.map(ReportPages::saturated).orElse(null), from.orElse(null), to.orElse(null));
  }

  private Report longReservations(Form form) {
    Optional<Long> days = form.number("days");
    return form.hasErrors()
        ? null
        : desk.longReservations(days.map(ReportPages::saturated).orElse(null));
  }

  /**
   * The report the form asks for, on its page; bad parameters answer the page again with their
   * problems at their fields (400) and no tables.
   */
  private Response attempt(
      ContainerRequestContext request,
      String title,
      String template,
      Form form,
      Function<Form, Report> asked,
      String name) {
    Report report;
    try {
      report = asked.apply(form);
    } catch (ProblemException e) {
      if (e.status() != 400) {
        throw e;
      }
      form.refused(e, Map.of());
      report = null;
    }
    return page(request, report == null ? 400 : 200, title, template, report, form, name);
  }

  private Response page(
      ContainerRequestContext request,
      int status,
      String title,
      String template,
      Report report,
      Form form,
      String name) {
    List<ShownTable> tables = new ArrayList<>();
    if (report != null) {
      String csv = "/reports/" + name + ".csv" + parameters(form);
      for (Report.Table table : report.tables()) {
        tables.add(shown(name, table, csv));
      }
    }
    return site.render(
        request,
        status,
        title,
        template,
        new ReportView(report, tables, form, new Times(desk.zone(), clock.instant())));
  }

  /** A table of a report with the columns pages show of it (the CSV has them all). */
  private static ShownTable shown(String report, Report.Table table, String csv) {
    String link = csv + (csv.contains("?") ? "&" : "?") + "table=" + encode(table.name());
    String id = report + "-" + table.name();
    return switch (report + "/" + table.name()) {
      case "assets/hosts" ->
          new ShownTable(
              id,
              "Hosts",
              List.of(
                  Column.host("hostname", "Host", "id"),
                  Column.text("hardware", "Hardware"),
                  Column.of("mac", "Primary NIC", Kind.CODE),
                  Column.of("lastseen", "Last seen", Kind.TIME),
                  Column.text("rack", "Rack"),
                  Column.of("serial_no", "Serial", Kind.CODE),
                  Column.of("asset_no", "Asset no.", Kind.CODE),
                  Column.of("status", "Status", Kind.CHOICE)),
              table.rows(),
              link);
      case "assets/cards" ->
          new ShownTable(
              id,
              "Cards",
              List.of(
                  Column.text("cardtype", "Card type"),
                  Column.text("details", "Details"),
                  Column.of("asset_no", "Asset no.", Kind.CODE),
                  Column.host("hostname", "In host", "host")),
              table.rows(),
              link);
      case "usage/hosts" ->
          new ShownTable(
              id,
              "Hosts",
              List.of(
                  Column.host("hostname", "Host", "host"),
                  Column.text("hardware", "Hardware"),
                  Column.text("location", "Lab"),
                  Column.text("group", "Group"),
                  Column.text("owner", "Owner"),
                  Column.text("biggest_user", "Biggest user"),
                  Column.of("bookings", "Bookings", Kind.NUMBER),
                  Column.of("booked_seconds", "Booked", Kind.DURATION),
                  Column.of("share", "Use", Kind.SHARE)),
              table.rows(),
              link);
      case "usage/hardware" ->
          new ShownTable(
              id,
              "By hardware",
              List.of(
                  Column.text("hardware", "Hardware"),
                  Column.of("hosts", "Hosts", Kind.NUMBER),
                  Column.of("bookings", "Bookings", Kind.NUMBER),
                  Column.of("booked_seconds", "Booked", Kind.DURATION),
                  Column.of("share", "Average use", Kind.SHARE)),
              table.rows(),
              link);
      case "usage/labs" ->
          new ShownTable(
              id,
              "By lab",
              List.of(
                  Column.text("location", "Lab"),
                  Column.of("hosts", "Hosts", Kind.NUMBER),
                  Column.of("bookings", "Bookings", Kind.NUMBER),
                  Column.of("booked_seconds", "Booked", Kind.DURATION),
                  Column.of("share", "Average use", Kind.SHARE)),
              table.rows(),
              link);
      case "usage/users" ->
          new ShownTable(
              id,
              "By user",
              List.of(
                  Column.text("username", "User"),
                  Column.of("bookings", "Bookings", Kind.NUMBER),
                  Column.of("booked_seconds", "Booked", Kind.DURATION)),
              table.rows(),
              link);
      default ->
          new ShownTable(
              id,
              "Reservations",
              List.of(
                  Column.host("hostname", "Host", "host"),
                  Column.text("username", "User"),
                  Column.text("hardware", "Hardware"),
                  Column.text("location", "Lab"),
                  Column.of("start", "Since", Kind.TIME),
                  Column.of("days_open", "Days open", Kind.NUMBER),
                  Column.of("others", "Other reservations", Kind.NUMBER)),
              table.rows(),
              link);
    };
  }

  /** One table as a CSV download ({@code table}: its name; the main one when absent). */
  private Response csv(Report report, ContainerRequestContext request) {
    String table = request.getUriInfo().getQueryParameters().getFirst("table");
    CsvFile file = desk.csv(report, table == null || table.isBlank() ? null : table);
    return Response.ok(file.text(), CsvFile.MEDIA_TYPE)
        .header("Content-Disposition", "attachment; filename=\"" + file.fileName() + "\"")
        .header(HttpHeaders.CACHE_CONTROL, "no-store")
        .build();
  }

  /** The report, or the form's problems as a 400 (a CSV link someone changed by hand). */
  private static Report checked(Report report) {
    if (report == null) {
      throw ProblemException.badRequest(
          "The report's parameters are not valid: open the report's page to see why.");
    }
    return report;
  }

  /** The page's own parameters, as given, for its CSV links ({@code ?days=30}). */
  private static String parameters(Form form) {
    StringBuilder query = new StringBuilder();
    for (String name : List.of("days", "from", "to")) {
      String value = form.value(name).strip();
      if (!value.isEmpty()) {
        query
            .append(query.length() == 0 ? '?' : '&')
            .append(name)
            .append('=')
            .append(encode(value));
      }
    }
    return query.toString();
  }

  /**
   * The named query parameters (their first values) as a form; one set aside ({@link RefusedQuery}:
   * a NUL in it) is empty, with its problem at its field.
   */
  private static Form query(ContainerRequestContext request, String... names) {
    MultivaluedMap<String, String> given = request.getUriInfo().getQueryParameters();
    Map<String, List<String>> refused = RefusedQuery.of(request);
    Map<String, String> values = new LinkedHashMap<>();
    for (String name : names) {
      String value = given.getFirst(name);
      if (value != null && !value.isBlank()) {
        values.put(name, value);
      }
    }
    Form form = Form.of(values);
    for (String name : names) {
      refused.getOrDefault(name, List.of()).forEach(problem -> form.error(name, problem));
    }
    return form;
  }

  /**
   * The original's URLs ended in a slash: {@code /reports/usage/} is {@code /reports/usage}, moved
   * (with its query); else the login redirect, or 403 without the permission.
   */
  private Optional<Response> gate(ContainerRequestContext request, String permission) {
    Optional<String> moved = Moved.slash(request.getUriInfo().getRequestUri());
    if (moved.isPresent()) {
      return Optional.of(moved(moved.get()));
    }
    return site.requirePermission(request, permission);
  }

  /** A number too large for an int stays too large (the desk says what is allowed). */
  private static Integer saturated(long value) {
    return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, value));
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static Response moved(String location) {
    return Response.status(301).location(URI.create(location)).build();
  }
}
