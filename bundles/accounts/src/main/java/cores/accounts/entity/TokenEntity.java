package cores.accounts.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A row of {@code cores_token}: an API token, known only by the hash of its key. */
@Entity
@Table(name = "cores_token")
public class TokenEntity {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "user_id", nullable = false)
  private long userId;

  @Column(nullable = false)
  private String label;

  @Column(name = "key_hash", nullable = false, unique = true)
  private String keyHash;

  @Column(nullable = false)
  private Instant created;

  @Column(name = "last_used")
  private Instant lastUsed;

  protected TokenEntity() {}

  public TokenEntity(long userId, String label, String keyHash, Instant created) {
    this.userId = userId;
    this.label = label;
    this.keyHash = keyHash;
    this.created = created;
  }

  public long id() {
    return id;
  }

  public long userId() {
    return userId;
  }

  public String label() {
    return label;
  }

  public Instant created() {
    return created;
  }

  public Instant lastUsed() {
    return lastUsed;
  }

  public void lastUsed(Instant value) {
    lastUsed = value;
  }
}
