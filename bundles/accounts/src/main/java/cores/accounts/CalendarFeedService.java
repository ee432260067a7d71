package cores.accounts;

import cores.accounts.entity.UserEntity;
import cores.api.accounts.CalendarFeeds;
import cores.api.accounts.User;
import cores.api.persistence.Transactions;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Calendar feed keys in {@code cores_calendar_feed}: one per user, stored as its hash. */
@Component(service = CalendarFeeds.class)
public final class CalendarFeedService implements CalendarFeeds {
  private final Transactions tx;
  private final Clock clock;
  private final SecureRandom random;

  @Activate
  public CalendarFeedService(
      @Reference(target = "(osgi.unit.name=cores.accounts)") Transactions tx) {
    this(tx, DatabaseClock.create(), new SecureRandom());
  }

  CalendarFeedService(Transactions tx, Clock clock, SecureRandom random) {
    this.tx = tx;
    this.clock = clock;
    this.random = random;
  }

  @Override
  public String issue(long userId) {
    String key = Keys.urlSafeKey(random);
    Instant now = clock.instant();
    tx.required(
        em -> {
          if (em.find(UserEntity.class, userId) == null) {
            throw new IllegalArgumentException("user: no user " + userId);
          }
          return em.createNativeQuery(
                  "INSERT INTO cores_calendar_feed (user_id, key_hash, created) VALUES (?1, ?2, ?3)"
                      + " ON CONFLICT (user_id) DO UPDATE SET key_hash = excluded.key_hash,"
                      + " created = excluded.created, last_used = NULL")
              .setParameter(1, userId)
              .setParameter(2, Keys.hash(key))
              .setParameter(3, Timestamp.from(now))
              .executeUpdate();
        });
    return key;
  }

  @Override
  public Optional<Feed> feed(long userId) {
    return tx.readOnly(
        em -> {
          List<?> rows =
              em.createNativeQuery(
                      "SELECT created, last_used FROM cores_calendar_feed WHERE user_id = ?1")
                  .setParameter(1, userId)
                  .getResultList();
          if (rows.isEmpty()) {
            return Optional.empty();
          }
          Object[] row = (Object[]) rows.get(0);
          return Optional.of(new Feed(instant(row[0]), instant(row[1])));
        });
  }

  @Override
  public void revoke(long userId) {
    tx.required(
        em ->
            em.createNativeQuery("DELETE FROM cores_calendar_feed WHERE user_id = ?1")
                .setParameter(1, userId)
                .executeUpdate());
  }

  @Override
  public Optional<User> authenticate(String key) {
    if (!Keys.urlSafeShape(key)) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    return tx.required(
        em -> {
          List<?> rows =
              em.createNativeQuery(
                      "SELECT user_id, last_used FROM cores_calendar_feed WHERE key_hash = ?1")
                  .setParameter(1, Keys.hash(key))
                  .getResultList();
          if (rows.isEmpty()) {
            return Optional.empty();
          }
          Object[] row = (Object[]) rows.get(0);
          UserEntity user = em.find(UserEntity.class, ((Number) row[0]).longValue());
          if (user == null || !user.active()) {
            return Optional.empty();
          }
          Instant lastUsed = instant(row[1]);
          // calendar applications poll often: written at most once a minute, as for tokens
          if (lastUsed == null
              || lastUsed.isBefore(now.minus(TokenService.LAST_USED_GRANULARITY))) {
            em.createNativeQuery("UPDATE cores_calendar_feed SET last_used = ?1 WHERE user_id = ?2")
                .setParameter(1, Timestamp.from(now))
                .setParameter(2, user.id())
                .executeUpdate();
          }
          return Optional.of(UserMapping.toUser(user));
        });
  }

  private static Instant instant(Object value) {
    return value == null ? null : ((Timestamp) value).toInstant();
  }
}
