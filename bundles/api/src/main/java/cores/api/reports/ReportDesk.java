package cores.api.reports;

import java.time.LocalDate;
import java.time.ZoneId;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The reports with the same statements and parameter rules as the REST API. Reading a report is for
 * the caller to allow, with the report's permission. Bad parameters are {@link
 * cores.api.web.ProblemException}s: 400 with the problems per field.
 */
@ProviderType
public interface ReportDesk {
  /** The permission the asset summary needs. */
  String ASSETS_PERMISSION = "inventory.view_host";

  /** The permission the usage report needs. */
  String USAGE_PERMISSION = "booking.view_booking";

  /** The permission the long reservations report needs. */
  String LONG_RESERVATIONS_PERMISSION = "booking.view_reservation";

  /** The zone the reports' days are in ({@code CORES_TIME_ZONE}). */
  ZoneId zone();

  /** Hosts and cards with their asset and serial numbers. */
  Report assets();

  /**
   * Usage in a period: the last {@code days} days (1 to 3660; 90 when all are null), or {@code
   * from} to {@code to}, both days included. Field problems at {@code days}, {@code from}, {@code
   * to}.
   */
  Report usage(Integer days, LocalDate from, LocalDate to);

  /**
   * Reservations open for at least {@code days} days (0 to 36500; 180 when null). Field problems at
   * {@code days}.
   */
  Report longReservations(Integer days);

  /** One table of the report as CSV ({@code table} null: the main one); 400 at {@code table}. */
  CsvFile csv(Report report, String table);
}
