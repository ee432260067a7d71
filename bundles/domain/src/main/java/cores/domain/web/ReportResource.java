package cores.domain.web;

import cores.api.accounts.Permissions;
import cores.api.persistence.Transactions;
import cores.api.web.Access;
import cores.api.web.ApiDoc;
import cores.api.web.FieldErrors;
import cores.domain.jobs.JobsConfig;
import cores.domain.reports.Csv;
import cores.domain.reports.Report;
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
import java.util.LinkedHashMap;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code /api/reports/{assets,usage,longreservations}}: JSON ({@code {"count", "results"}}), or a
 * CSV download with {@code ?format=csv} or {@code Accept: text/csv}. Assets need
 * inventory.view_host, usage booking.view_booking, long reservations booking.view_reservation.
 */
@Component(
    service = ReportResource.class,
    property = "osgi.jaxrs.resource=true",
    configurationPid = "cores.domain.jobs")
@Path("reports")
@Produces({MediaType.APPLICATION_JSON, ReportResource.CSV})
@ApiDoc(area = "reports", query = "format: csv for a CSV download (or Accept: text/csv)")
public final class ReportResource {
  static final String CSV = "text/csv";

  private final Transactions tx;
  private final Clock clock;
  private final ZoneId zone;
  private final Reports reports = new Reports();

  /**
   * @param jobs only its time zone: a CSV file is named after the day in it
   */
  @Activate
  public ReportResource(
      @Reference(target = "(osgi.unit.name=cores.domain)") Transactions tx, JobsConfig jobs) {
    this.tx = tx;
    this.clock = Clock.systemUTC();
    this.zone = ZoneId.of(jobs.timeZone());
  }

  @GET
  @Path("assets")
  @ApiDoc(
      value = "Every host and card with asset and serial numbers",
      permission = "inventory.view_host")
  public Response assets(
      @QueryParam("format") String format,
      @Context HttpHeaders headers,
      @Context SecurityContext security) {
    Access.require(security, "inventory.view_host");
    boolean csv = csv(format, headers);
    Instant now = clock.instant();
    return answer(tx.readOnly(em -> reports.assets(Sql.of(em))), csv, now);
  }

  @GET
  @Path("usage")
  @ApiDoc(
      value = "Bookables by share of the last 90 days booked",
      permission = "booking.view_booking")
  public Response usage(
      @QueryParam("format") String format,
      @Context HttpHeaders headers,
      @Context SecurityContext security) {
    Access.require(security, Permissions.of("booking", "view", "booking"));
    boolean csv = csv(format, headers);
    Instant now = clock.instant();
    return answer(tx.readOnly(em -> reports.usage(Sql.of(em), now)), csv, now);
  }

  @GET
  @Path("longreservations")
  @ApiDoc(value = "Reservations open longest", permission = "booking.view_reservation")
  public Response longReservations(
      @QueryParam("format") String format,
      @Context HttpHeaders headers,
      @Context SecurityContext security) {
    Access.require(security, Permissions.of("booking", "view", "reservation"));
    boolean csv = csv(format, headers);
    Instant now = clock.instant();
    return answer(tx.readOnly(em -> reports.longReservations(Sql.of(em), now)), csv, now);
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

  private Response answer(Report report, boolean csv, Instant now) {
    if (csv) {
      String file = "cores-" + report.name() + "-" + LocalDate.ofInstant(now, zone);
      return Response.ok(Csv.of(report), CSV + "; charset=utf-8")
          .header("Content-Disposition", "attachment; filename=\"" + file + ".csv\"")
          .build();
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("count", report.rows().size());
    body.put("results", report.rows());
    return Response.ok(body, MediaType.APPLICATION_JSON_TYPE).build();
  }
}
