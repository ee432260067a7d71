package cores.accounts.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A group as the API accepts it. A class, not a record: a patch must tell a field sent as null from
 * one left out (unchanged), and a record's component reads both as null. Its id is taken so that a
 * row read may be sent back ({@link SentBack}); any other name is unknown, a 400.
 */
public final class GroupInput {
  private String name;
  private boolean nameSent;
  private List<String> permissions;
  private boolean permissionsSent;
  private final Map<String, Object> readOnly = new HashMap<>();

  /** Nothing sent yet: Jackson sets what the body holds. */
  public GroupInput() {}

  /** Both fields sent, as a replace sends them (the admin's form). */
  public GroupInput(String name, List<String> permissions) {
    setName(name);
    setPermissions(permissions);
  }

  @JsonProperty("name")
  public void setName(String name) {
    this.name = name;
    this.nameSent = true;
  }

  @JsonProperty("permissions")
  public void setPermissions(List<String> permissions) {
    this.permissions = permissions == null ? null : new ArrayList<>(permissions);
    this.permissionsSent = true;
  }

  @JsonProperty("id")
  public void setId(Object id) {
    readOnly.put("id", id);
  }

  /** The read-only fields sent, by JSON name, as sent. */
  Map<String, Object> readOnly() {
    return readOnly;
  }

  String name() {
    return name;
  }

  boolean nameSent() {
    return nameSent;
  }

  List<String> permissions() {
    return permissions;
  }

  boolean permissionsSent() {
    return permissionsSent;
  }
}
