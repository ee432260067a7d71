package cores.domain.web;

import cores.api.config.SiteZone;
import cores.api.persistence.Transactions;
import cores.api.reports.ReportDesk;
import cores.api.web.Access;
import cores.api.web.ApiDoc;
import cores.api.web.ApiSchemas;
import cores.api.web.FieldErrors;
import cores.domain.reports.Csv;
import cores.domain.reports.Report;
import cores.domain.reports.ReportParameters;
import cores.domain.reports.Reports;
import cores.domain.sql.Sql;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/**
 * {@code /api/reports/{assets,usage,longreservations}}: JSON (the report's parameters, {@code
 * {"count", "results"}} of its main table, its other tables by name), or a CSV download of one
 * table with {@code ?format=csv} or {@code Accept: text/csv}. Assets need inventory.view_host,
 * usage booking.view_booking, long reservations booking.view_reservation.
 */
@JakartarsResource
@Component(service = ReportResource.class)
@Path("reports")
@Produces({MediaType.APPLICATION_JSON, ReportResource.CSV})
@ApiDoc(area = "reports", query = "format: csv for a CSV download (or Accept: text/csv)")
public final class ReportResource implements ApiSchemas {
  static final String CSV = "text/csv";

  private final Transactions tx;
  private final Clock clock;
  private final ZoneId zone;
  private final Reports reports = new Reports();

  /**
   * @param site a CSV file is named after the day in its zone
   */
  @Activate
  public ReportResource(
      @Reference(target = "(osgi.unit.name=cores.domain)") Transactions tx,
      @Reference SiteZone site) {
    this.tx = tx;
    this.clock = Clock.systemUTC();
    this.zone = site.zone();
  }

  @GET
  @Path("assets")
  @ApiDoc(
      response = "report_assets",
      value =
          "The asset summary: hosts (hardware, primary NIC's MAC, last seen, rack, serial and asset"
              + " numbers, status) as results, and cards (type, details, asset number, host)",
      permission = ReportDesk.ASSETS_PERMISSION,
      query =
          "table: results (the hosts) or cards, the table a CSV download holds (default results)")
  public Response assets(
      @QueryParam("format") String format,
      @QueryParam("table") String table,
      @Context HttpHeaders headers,
      @Context SecurityContext security) {
    Access.require(security, ReportDesk.ASSETS_PERMISSION);
    boolean csv = csv(format, headers);
    Instant now = clock.instant();
    return answer(tx.readOnly(em -> reports.assets(Sql.of(em))), csv, table, now);
  }

  @GET
  @Path("usage")
  @ApiDoc(
      response = "report_usage",
      value =
          "Usage in a period, reserved bookables left out: per host (hardware, location, group,"
              + " owner, biggest user, bookings, time booked and its share) as results, the"
              + " average share per hardware and per lab, the time booked per user",
      permission = ReportDesk.USAGE_PERMISSION,
      query = {
        "days: the period is the last N days (1 to 3660, default 90)",
        "from, to: the period is these days instead (yyyy-mm-dd in CORES_TIME_ZONE, both"
            + " included)",
        "table: results (the hosts), hardware, labs or users, the table a CSV download holds"
            + " (default results)"
      })
  public Response usage(
      @QueryParam("format") String format,
      @QueryParam("table") String table,
      @QueryParam("days") String days,
      @QueryParam("from") String from,
      @QueryParam("to") String to,
      @Context HttpHeaders headers,
      @Context SecurityContext security) {
    Access.require(security, ReportDesk.USAGE_PERMISSION);
    boolean csv = csv(format, headers);
    Instant now = clock.instant();
    ReportParameters.Period period =
        ReportParameters.usage(Query.blank(days), Query.blank(from), Query.blank(to), now, zone);
    return answer(
        tx.readOnly(em -> reports.usage(Sql.of(em), period.from(), period.to())), csv, table, now);
  }

  @GET
  @Path("longreservations")
  @ApiDoc(
      response = "report_longreservations",
      value =
          "Reservations open for at least a number of days, open longest first, with host, user,"
              + " hardware, location, start, days open and the user's other reservations",
      permission = ReportDesk.LONG_RESERVATIONS_PERMISSION,
      query = {
        "days: the least number of days open (0 to 36500, default 180)",
        "table: results, the one table (as the other reports name their main one)"
      })
  public Response longReservations(
      @QueryParam("format") String format,
      @QueryParam("table") String table,
      @QueryParam("days") String days,
      @Context HttpHeaders headers,
      @Context SecurityContext security) {
    Access.require(security, ReportDesk.LONG_RESERVATIONS_PERMISSION);
    boolean csv = csv(format, headers);
    Instant now = clock.instant();
    int least = ReportParameters.reservationDays(Query.blank(days));
    return answer(
        tx.readOnly(em -> reports.longReservations(Sql.of(em), now, least)), csv, table, now);
  }

  /** The reports' JSON answers, from the shapes their statements take their columns from. */
  @Override
  public Map<String, Map<String, Object>> schemas() {
    return Reports.schemas();
  }

  /** CSV when ?format=csv, or when the client prefers text/csv to JSON; JSON otherwise. */
  private static boolean csv(String format, HttpHeaders headers) {
    if (format != null) {
      if (!"csv".equals(format) && !"json".equals(format)) {
        throw FieldErrors.single("format", "must be csv or json");
      }
      return "csv".equals(format);
    }
    for (MediaType type : headers.getAcceptableMediaTypes()) {
      if ("text".equals(type.getType()) && "csv".equals(type.getSubtype())) {
        return true;
      }
      if (type.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
        return false;
      }
    }
    return false;
  }

  /**
   * JSON: the report's parameters, then {@code count} and {@code results} (its main table), then
   * its other tables by name. CSV: one table ({@code table}, default the main one).
   */
  private Response answer(Report report, boolean csv, String table, Instant now) {
    if (csv) {
      Report.Table chosen = report.csvTable(table);
      String file = report.fileName(chosen, LocalDate.ofInstant(now, zone));
      return Response.ok(Csv.of(chosen), CSV + "; charset=utf-8")
          .header("Content-Disposition", "attachment; filename=\"" + file + "\"")
          .build();
    }
    return Response.ok(report.answer(), MediaType.APPLICATION_JSON_TYPE).build();
  }
}
