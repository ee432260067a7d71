package cores.accounts.entity;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import java.util.HashSet;
import java.util.Set;

/** A row of {@code auth_group} with its permission names. */
@Entity
@Table(name = "auth_group")
public class GroupEntity {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(nullable = false, unique = true)
  private String name;

  @ElementCollection(fetch = FetchType.EAGER)
  @CollectionTable(name = "auth_group_permissions", joinColumns = @JoinColumn(name = "group_id"))
  @Column(name = "permission", nullable = false)
  private Set<String> permissions = new HashSet<>();

  protected GroupEntity() {}

  public GroupEntity(String name) {
    this.name = name;
  }

  public long id() {
    return id;
  }

  public String name() {
    return name;
  }

  public void name(String value) {
    name = value;
  }

  /** The live, modifiable set of permission names. */
  public Set<String> permissions() {
    return permissions;
  }
}
