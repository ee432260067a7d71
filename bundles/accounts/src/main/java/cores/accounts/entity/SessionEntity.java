package cores.accounts.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A row of {@code cores_session}: a browser session, known only by the hash of its key. */
@Entity
@Table(name = "cores_session")
public class SessionEntity {
  @Id
  @Column(name = "key_hash")
  private String keyHash;

  @Column(name = "user_id", nullable = false)
  private long userId;

  @Column(nullable = false)
  private Instant created;

  @Column(nullable = false)
  private Instant expires;

  /** The user the session acts as while its user impersonates them; {@code null} otherwise. */
  @Column(name = "impersonated_user_id")
  private Long impersonatedUserId;

  protected SessionEntity() {}

  public SessionEntity(String keyHash, long userId, Instant created, Instant expires) {
    this.keyHash = keyHash;
    this.userId = userId;
    this.created = created;
    this.expires = expires;
  }

  public long userId() {
    return userId;
  }

  public Instant expires() {
    return expires;
  }

  public void expires(Instant value) {
    expires = value;
  }

  public Long impersonatedUserId() {
    return impersonatedUserId;
  }

  public void impersonatedUserId(Long value) {
    impersonatedUserId = value;
  }
}
