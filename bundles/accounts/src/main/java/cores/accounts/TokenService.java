package cores.accounts;

import cores.accounts.entity.TokenEntity;
import cores.accounts.entity.UserEntity;
import cores.api.accounts.Tokens;
import cores.api.accounts.User;
import cores.api.persistence.Signals;
import cores.api.persistence.Transactions;
import cores.api.web.Characters;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * API tokens: random keys of which only the SHA-256 hash is stored. What a key resolves to is kept
 * until the accounts' tables signal a change ({@link KeptKeys}).
 */
@Component(service = Tokens.class)
public final class TokenService implements Tokens {
  /** {@code last_used} is written at most this often, not on every request. */
  static final Duration LAST_USED_GRANULARITY = Duration.ofMinutes(1);

  static final int LABEL_MAX = 100;
  private static final Pattern KEY = Pattern.compile("[0-9a-f]{40}");

  /** The token and its active user in one read: {@code last_used} is written apart, rarely. */
  private static final String AUTHENTICATE =
      "SELECT t.id, t.last_used, "
          + UserRow.COLUMNS
          + " FROM cores_token t JOIN auth_user u ON u.id = t.user_id"
          + " WHERE t.key_hash = ? AND u.is_active";

  /** A token's row as {@link #AUTHENTICATE} reads it. */
  private record Resolved(Object id, Instant lastUsed, User user) {}

  private final Transactions tx;
  private final KeptKeys<Resolved> kept;
  private final Clock clock;
  private final SecureRandom random;

  @Activate
  public TokenService(
      @Reference(target = "(osgi.unit.name=cores.accounts)") Transactions tx,
      @Reference Signals signals) {
    this(tx, signals, DatabaseClock.create(), new SecureRandom());
  }

  TokenService(Transactions tx, Signals signals, Clock clock, SecureRandom random) {
    this.tx = tx;
    this.kept = new KeptKeys<>(signals);
    this.clock = clock;
    this.random = random;
  }

  /** What {@link #checkLabel} lets through, as a JSON Schema. */
  public static final Map<String, Object> LABEL_SCHEMA =
      Map.of("type", "string", "maxLength", LABEL_MAX, "pattern", "\\S");

  /** Why the label is unacceptable, or null. */
  public static String checkLabel(String label) {
    if (label == null || label.isBlank()) {
      return "required";
    }
    return Characters.atMost(label, LABEL_MAX);
  }

  @Override
  public String issue(long userId, String label) {
    Validation.require("label", checkLabel(label));
    String key = Keys.tokenKey(random);
    tx.required(
        em -> {
          if (em.find(UserEntity.class, userId) == null) {
            throw new IllegalArgumentException("user: no user " + userId);
          }
          em.persist(new TokenEntity(userId, label, Keys.hash(key), clock.instant()));
          return null;
        });
    return key;
  }

  @Override
  public Optional<User> authenticate(String key) {
    if (key == null || !KEY.matcher(key).matches()) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    String hash = Keys.hash(key);
    Resolved token = kept.get(hash, () -> read(hash));
    if (token == null) {
      return Optional.empty();
    }
    if (token.lastUsed() == null || token.lastUsed().isBefore(now.minus(LAST_USED_GRANULARITY))) {
      tx.required(
          em ->
              em.createNativeQuery("UPDATE cores_token SET last_used = ?1 WHERE id = ?2")
                  .setParameter(1, Timestamp.from(now))
                  .setParameter(2, token.id())
                  .executeUpdate());
      kept.forget(hash);
    }
    return Optional.of(token.user());
  }

  /** One autocommit statement (one round trip, no transaction); last_used is written apart. */
  private Resolved read(String hash) {
    Object[] row = tx.autocommit(c -> UserRow.first(c, AUTHENTICATE, hash, 2 + UserRow.WIDTH));
    return row == null ? null : new Resolved(row[0], UserRow.instant(row[1]), UserRow.user(row, 2));
  }

  @Override
  public List<Token> list(long userId) {
    return tx.readOnly(
        em ->
            em
                .createQuery(
                    "select t from TokenEntity t where t.userId = :user order by t.id",
                    TokenEntity.class)
                .setParameter("user", userId)
                .getResultList()
                .stream()
                .map(t -> new Token(t.id(), t.label(), t.created(), t.lastUsed()))
                .toList());
  }

  @Override
  public boolean revokeById(long userId, long tokenId) {
    return tx.required(
            em ->
                em.createQuery("delete from TokenEntity t where t.id = :id and t.userId = :user")
                    .setParameter("id", tokenId)
                    .setParameter("user", userId)
                    .executeUpdate())
        > 0;
  }

  @Override
  public void revoke(long userId, String label) {
    tx.required(
        em ->
            em.createQuery("delete from TokenEntity t where t.userId = :user and t.label = :label")
                .setParameter("user", userId)
                .setParameter("label", label)
                .executeUpdate());
  }
}
