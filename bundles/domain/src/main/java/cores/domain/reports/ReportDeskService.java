package cores.domain.reports;

import cores.api.config.SiteZone;
import cores.api.persistence.Transactions;
import cores.api.reports.CsvFile;
import cores.api.reports.ReportDesk;
import cores.domain.sql.Sql;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The {@link ReportDesk} of the site's pages: the REST API's statements ({@link Reports}),
 * parameter rules ({@link ReportParameters}) and CSV ({@link Csv}), each report read in a
 * transaction of its own.
 */
@Component(service = ReportDesk.class)
public final class ReportDeskService implements ReportDesk {
  private final Transactions tx;
  private final ZoneId zone;
  private final Clock clock;
  private final Reports reports = new Reports();

  /**
   * @param site the reports' days are in its zone
   */
  @Activate
  public ReportDeskService(
      @Reference(target = "(osgi.unit.name=cores.domain)") Transactions tx,
      @Reference SiteZone site) {
    this(tx, site.zone(), Clock.systemUTC());
  }

  ReportDeskService(Transactions tx, ZoneId zone, Clock clock) {
    this.tx = tx;
    this.zone = zone;
    this.clock = clock;
  }

  @Override
  public ZoneId zone() {
    return zone;
  }

  @Override
  public cores.api.reports.Report assets() {
    return shown(tx.readOnly(em -> reports.assets(Sql.of(em))));
  }

  @Override
  public cores.api.reports.Report usage(Integer days, LocalDate from, LocalDate to) {
    ReportParameters.Period period = ReportParameters.usage(days, from, to, clock.instant(), zone);
    return shown(tx.readOnly(em -> reports.usage(Sql.of(em), period.from(), period.to())));
  }

  @Override
  public cores.api.reports.Report longReservations(Integer days) {
    int least = ReportParameters.reservationDays(days);
    Instant now = clock.instant();
    return shown(tx.readOnly(em -> reports.longReservations(Sql.of(em), now, least)));
  }

  @Override
  public CsvFile csv(cores.api.reports.Report shown, String table) {
    Report report =
        new Report(
            shown.name(),
            shown.parameters(),
            shown.tables().stream()
                .map(t -> new Report.Table(t.name(), t.columns(), t.rows()))
                .toList());
    Report.Table chosen = report.csvTable(table);
    return new CsvFile(
        report.fileName(chosen, LocalDate.ofInstant(clock.instant(), zone)), Csv.of(chosen));
  }

  private static cores.api.reports.Report shown(Report report) {
    return new cores.api.reports.Report(
        report.name(),
        report.parameters(),
        report.tables().stream()
            .map(t -> new cores.api.reports.Report.Table(t.name(), t.columns(), t.rows()))
            .toList());
  }
}
