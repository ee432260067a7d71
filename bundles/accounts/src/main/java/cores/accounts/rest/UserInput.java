package cores.accounts.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A user as the API accepts it; passwords are set through their own endpoint. A class, not a
 * record: a patch must tell a field sent as null from one left out (unchanged), and a record's
 * component reads both as null. POST and PUT read a null as absent: the field's default. The fields
 * a user's row shows that no write sets (its id, its times) are taken so that a row read may be
 * sent back ({@link SentBack}); any other name is unknown, a 400.
 */
public final class UserInput {
  private final Set<String> sent = new HashSet<>();
  private String username;
  private String firstName;
  private String lastName;
  private String email;
  private Boolean active;
  private Boolean staff;
  private Boolean superuser;
  private List<Long> groups;
  private List<String> permissions;
  private final Map<String, Object> readOnly = new LinkedHashMap<>();

  /** Nothing sent yet: Jackson sets what the body holds. */
  public UserInput() {}

  /** Every field sent, as a replace sends them (the admin's form). */
  public UserInput(
      String username,
      String firstName,
      String lastName,
      String email,
      boolean active,
      boolean staff,
      boolean superuser,
      List<Long> groups,
      List<String> permissions) {
    setUsername(username);
    setFirstName(firstName);
    setLastName(lastName);
    setEmail(email);
    setActive(active);
    setStaff(staff);
    setSuperuser(superuser);
    setGroups(groups);
    setPermissions(permissions);
  }

  @JsonProperty("username")
  public void setUsername(String username) {
    this.username = username;
    sent.add("username");
  }

  @JsonProperty("first_name")
  public void setFirstName(String firstName) {
    this.firstName = firstName;
    sent.add("first_name");
  }

  @JsonProperty("last_name")
  public void setLastName(String lastName) {
    this.lastName = lastName;
    sent.add("last_name");
  }

  @JsonProperty("email")
  public void setEmail(String email) {
    this.email = email;
    sent.add("email");
  }

  @JsonProperty("is_active")
  public void setActive(Boolean active) {
    this.active = active;
    sent.add("is_active");
  }

  @JsonProperty("is_staff")
  public void setStaff(Boolean staff) {
    this.staff = staff;
    sent.add("is_staff");
  }

  @JsonProperty("is_superuser")
  public void setSuperuser(Boolean superuser) {
    this.superuser = superuser;
    sent.add("is_superuser");
  }

  @JsonProperty("groups")
  public void setGroups(List<Long> groups) {
    this.groups = groups == null ? null : new ArrayList<>(groups);
    sent.add("groups");
  }

  @JsonProperty("user_permissions")
  public void setPermissions(List<String> permissions) {
    this.permissions = permissions == null ? null : new ArrayList<>(permissions);
    sent.add("user_permissions");
  }

  @JsonProperty("id")
  public void setId(Object id) {
    readOnly.put("id", id);
  }

  @JsonProperty("date_joined")
  public void setDateJoined(Object dateJoined) {
    readOnly.put("date_joined", dateJoined);
  }

  @JsonProperty("last_login")
  public void setLastLogin(Object lastLogin) {
    readOnly.put("last_login", lastLogin);
  }

  /** The read-only fields sent, by JSON name, as sent. */
  Map<String, Object> readOnly() {
    return readOnly;
  }

  /** Whether the body holds the field (under its JSON name), null or not. */
  boolean sent(String field) {
    return sent.contains(field);
  }

  String username() {
    return username;
  }

  String firstName() {
    return firstName;
  }

  String lastName() {
    return lastName;
  }

  String email() {
    return email;
  }

  Boolean active() {
    return active;
  }

  Boolean staff() {
    return staff;
  }

  Boolean superuser() {
    return superuser;
  }

  List<Long> groups() {
    return groups;
  }

  List<String> permissions() {
    return permissions;
  }
}
