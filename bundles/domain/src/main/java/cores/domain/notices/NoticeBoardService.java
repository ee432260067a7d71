package cores.domain.notices;

import cores.api.notices.Notice;
import cores.api.notices.NoticeBoard;
import cores.api.persistence.Transactions;
import cores.domain.sql.Sql;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The dashboard's notices: {@link Notices}' rule, with the author's and group's names. */
@Component(service = NoticeBoard.class)
public final class NoticeBoardService implements NoticeBoard {
  private final Transactions tx;
  private final Clock clock;

  @Activate
  public NoticeBoardService(@Reference(target = "(osgi.unit.name=cores.domain)") Transactions tx) {
    this(tx, Clock.systemUTC());
  }

  NoticeBoardService(Transactions tx, Clock clock) {
    this.tx = tx;
    this.clock = clock;
  }

  @Override
  public List<Notice> current(long userId, int limit) {
    Instant now = clock.instant();
    List<Map<String, Object>> rows =
        tx.readOnly(
            em ->
                Sql.of(em)
                    .rows(
                        "SELECT n.id, n.title, n.message, n.style, n.priority, n.created,"
                            + " n.expires, g.name AS group_name, coalesce(nullif(btrim("
                            + "concat_ws(' ', a.first_name, a.last_name)), ''), a.username,"
                            + " 'Cores') AS author FROM (SELECT * FROM notices_notice"
                            + Notices.SHOWN
                            + ") n LEFT JOIN accounts_user_v1 a ON a.id = n.author_id"
                            + " LEFT JOIN accounts_group_v1 g ON g.id = n.group_id"
                            + " ORDER BY n.priority, n.created DESC, n.id DESC LIMIT ?",
                        List.of(now, userId, limit)));
    List<Notice> notices = new ArrayList<>(rows.size());
    for (Map<String, Object> r : rows) {
      notices.add(
          new Notice(
              (Long) r.get("id"),
              (String) r.get("title"),
              (String) r.get("message"),
              (String) r.get("style"),
              ((Number) r.get("priority")).intValue(),
              (String) r.get("author"),
              (String) r.get("group_name"),
              (Instant) r.get("created"),
              (Instant) r.get("expires")));
    }
    return notices;
  }
}
