package cores.auth.ldapdirect;

import cores.api.auth.AuthenticationProvider;
import cores.api.auth.AuthenticationUnavailableException;
import cores.api.auth.Identity;
import cores.api.config.Settings;
import cores.ldap.common.Directory;
import cores.ldap.common.GroupRules;
import cores.ldap.common.LdapEscaping;
import cores.ldap.common.LdapSettings;
import cores.ldap.common.Trace;
import cores.ldap.common.UserEntry;
import java.util.Optional;
import org.apache.directory.api.ldap.codec.api.LdapApiService;
import org.apache.directory.api.ldap.model.exception.LdapInvalidDnException;
import org.apache.directory.api.ldap.model.name.Dn;
import org.osgi.service.cm.ConfigurationException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * LDAP direct bind: binds as {@code CN=<user>,<searchPath>} with the user's password, then reads
 * the user's own entry for the profile and groups. No service account. Tried after local accounts.
 */
@Component(
    service = AuthenticationProvider.class,
    configurationPid = LdapDirectConfig.PID,
    configurationPolicy = ConfigurationPolicy.REQUIRE,
    property = "service.ranking:Integer=" + DirectBindProvider.RANKING)
@Designate(ocd = LdapDirectConfig.class)
public final class DirectBindProvider implements AuthenticationProvider {
  static final String NAME = "ldap-direct";
  static final int RANKING = 500;

  private static final Logger LOG = LoggerFactory.getLogger(DirectBindProvider.class);

  private final Directory directory;
  private final String searchPath;
  private final GroupRules groups;
  private final Trace trace;

  @Activate
  public DirectBindProvider(LdapDirectConfig config, @Reference LdapApiService codec)
      throws ConfigurationException {
    LdapSettings settings =
        LdapSettings.configured(
            config.uri(),
            config.startTls(),
            config.timeoutSeconds(),
            config.caFile(),
            config.logging());
    this.trace = new Trace(LOG, settings.logging());
    this.directory = new Directory(settings, codec, trace);
    try {
      this.searchPath = new Dn(Settings.required("searchPath", config.searchPath())).getName();
    } catch (LdapInvalidDnException e) {
      throw new ConfigurationException(
          "searchPath", Settings.quote(config.searchPath().strip()) + " is not a DN", e);
    }
    this.groups =
        GroupRules.parse(
            config.groupMap(), config.staffGroup(), config.superuserGroup(), config.requireGroup());
    LOG.info(
        "LDAP direct bind on {} as CN=<user>,{} (StartTLS {}, {})",
        directory.settings().uri(),
        searchPath,
        settings.startTls(),
        groups);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Optional<Identity> authenticate(String username, char[] password)
      throws AuthenticationUnavailableException {
    if (username == null || username.isBlank() || password == null || password.length == 0) {
      return Optional.empty();
    }
    // escaped, the username stays the value of the one leading RDN whatever it contains
    String dn = "CN=" + LdapEscaping.dnValue(username) + "," + searchPath;
    Optional<UserEntry> entry = directory.bindAndRead(dn, password);
    if (entry.isEmpty()) {
      return Optional.empty();
    }
    if (!groups.admits(entry.get().memberOf())) {
      trace.log("LDAP: '{}' is not in the required group", dn);
      return Optional.empty();
    }
    return Optional.of(entry.get().identity(NAME, username, groups));
  }
}
