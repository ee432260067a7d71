package cores.launcher.env;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The optional LDAP settings beyond the original's, shared by both LDAP modes: LDAP_STARTTLS,
 * LDAP_TIMEOUT_SECONDS, LDAP_CA_FILE, LDAP_GROUP_MAP, LDAP_STAFF_GROUP, LDAP_SUPERUSER_GROUP and
 * LDAP_REQUIRE_GROUP. Unset or default ones are left out of the configuration, so the providers'
 * defaults apply.
 */
public record LdapOptions(
    boolean startTls,
    int timeoutSeconds,
    Optional<Path> caFile,
    Optional<String> groupMap,
    Optional<String> staffGroup,
    Optional<String> superuserGroup,
    Optional<String> requireGroup) {

  /** Default connect and response timeout of LDAP_TIMEOUT_SECONDS. */
  public static final int DEFAULT_TIMEOUT_SECONDS = 10;

  /** Nothing beyond the original's settings. */
  public static LdapOptions none() {
    return new LdapOptions(
        false,
        DEFAULT_TIMEOUT_SECONDS,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }

  /**
   * Adds the properties that differ from the providers' defaults (names as the provider bundles'
   * configurations have them).
   */
  void putInto(Map<String, Object> properties) {
    if (startTls) {
      properties.put("startTls", true);
    }
    if (timeoutSeconds != DEFAULT_TIMEOUT_SECONDS) {
      properties.put("timeoutSeconds", timeoutSeconds);
    }
    caFile.ifPresent(v -> properties.put("caFile", v.toString()));
    groupMap.ifPresent(v -> properties.put("groupMap", v));
    staffGroup.ifPresent(v -> properties.put("staffGroup", v));
    superuserGroup.ifPresent(v -> properties.put("superuserGroup", v));
    requireGroup.ifPresent(v -> properties.put("requireGroup", v));
  }
}
