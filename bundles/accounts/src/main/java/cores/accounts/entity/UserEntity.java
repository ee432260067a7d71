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
import jakarta.persistence.JoinTable;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

/** A row of {@code auth_user} with its groups and own permissions. */
@Entity
@Table(name = "auth_user")
public class UserEntity {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(nullable = false)
  private String username;

  @Column(name = "first_name", nullable = false)
  private String firstName = "";

  @Column(name = "last_name", nullable = false)
  private String lastName = "";

  @Column(nullable = false)
  private String email = "";

  @Column(nullable = false)
  private String password;

  @Column(name = "is_active", nullable = false)
  private boolean active = true;

  @Column(name = "is_staff", nullable = false)
  private boolean staff;

  @Column(name = "is_superuser", nullable = false)
  private boolean superuser;

  @Column(name = "date_joined", nullable = false)
  private Instant dateJoined;

  @Column(name = "last_login")
  private Instant lastLogin;

  @Column(name = "receive_reminders", nullable = false)
  private boolean receiveReminders = true;

  @ManyToMany(fetch = FetchType.EAGER)
  @JoinTable(
      name = "auth_user_groups",
      joinColumns = @JoinColumn(name = "user_id"),
      inverseJoinColumns = @JoinColumn(name = "group_id"))
  private Set<GroupEntity> groups = new HashSet<>();

  @ElementCollection(fetch = FetchType.EAGER)
  @CollectionTable(name = "auth_user_permissions", joinColumns = @JoinColumn(name = "user_id"))
  @Column(name = "permission", nullable = false)
  private Set<String> permissions = new HashSet<>();

  protected UserEntity() {}

  public UserEntity(String username, String password, Instant dateJoined) {
    this.username = username;
    this.password = password;
    this.dateJoined = dateJoined;
  }

  public long id() {
    return id;
  }

  public String username() {
    return username;
  }

  public void username(String value) {
    username = value;
  }

  public String firstName() {
    return firstName;
  }

  public void firstName(String value) {
    firstName = value;
  }

  public String lastName() {
    return lastName;
  }

  public void lastName(String value) {
    lastName = value;
  }

  public String email() {
    return email;
  }

  public void email(String value) {
    email = value;
  }

  public String password() {
    return password;
  }

  public void password(String value) {
    password = value;
  }

  public boolean active() {
    return active;
  }

  public void active(boolean value) {
    active = value;
  }

  public boolean staff() {
    return staff;
  }

  public void staff(boolean value) {
    staff = value;
  }

  public boolean superuser() {
    return superuser;
  }

  public void superuser(boolean value) {
    superuser = value;
  }

  public Instant dateJoined() {
    return dateJoined;
  }

  public Instant lastLogin() {
    return lastLogin;
  }

  public void lastLogin(Instant value) {
    lastLogin = value;
  }

  /** Whether the user wants reminder emails (confirmations are always sent). */
  public boolean receiveReminders() {
    return receiveReminders;
  }

  public void receiveReminders(boolean value) {
    receiveReminders = value;
  }

  /** The live, modifiable set of groups. */
  public Set<GroupEntity> groups() {
    return groups;
  }

  /** The live, modifiable set of the user's own permission names (without the groups'). */
  public Set<String> permissions() {
    return permissions;
  }
}
