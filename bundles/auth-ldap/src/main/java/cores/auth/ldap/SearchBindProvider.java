package cores.auth.ldap;

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
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import org.apache.directory.api.ldap.codec.api.LdapApiService;
import org.apache.directory.api.ldap.model.cursor.CursorException;
import org.apache.directory.api.ldap.model.cursor.SearchCursor;
import org.apache.directory.api.ldap.model.entry.Entry;
import org.apache.directory.api.ldap.model.exception.LdapException;
import org.apache.directory.api.ldap.model.message.AliasDerefMode;
import org.apache.directory.api.ldap.model.message.ResultCodeEnum;
import org.apache.directory.api.ldap.model.message.SearchRequest;
import org.apache.directory.api.ldap.model.message.SearchRequestImpl;
import org.apache.directory.api.ldap.model.message.SearchScope;
import org.apache.directory.api.ldap.model.name.Dn;
import org.apache.directory.ldap.client.api.DefaultLdapConnectionFactory;
import org.apache.directory.ldap.client.api.LdapConnection;
import org.apache.directory.ldap.client.api.LdapConnectionPool;
import org.apache.directory.ldap.client.api.ValidatingPoolableLdapConnectionFactory;
import org.osgi.service.cm.ConfigurationException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * LDAP search then bind: the search account (pooled connections, bound once) finds the user's entry
 * by {@code (CN=<user>)} below the search path; a bind as that entry on a connection of its own
 * checks the password. Tried after local accounts (lower {@code service.ranking}).
 */
@Component(
    service = AuthenticationProvider.class,
    configurationPid = LdapConfig.PID,
    configurationPolicy = ConfigurationPolicy.REQUIRE,
    property = "service.ranking:Integer=" + SearchBindProvider.RANKING)
@Designate(ocd = LdapConfig.class)
public final class SearchBindProvider implements AuthenticationProvider {
  static final String NAME = "ldap";
  static final int RANKING = 500;

  /** Search connections kept: enough for bursts of parallel logins, few for the directory. */
  static final int POOL_SIZE = 8;

  private static final Logger LOG = LoggerFactory.getLogger(SearchBindProvider.class);

  private final Directory directory;
  private final Dn searchPath;
  private final GroupRules groups;
  private final Trace trace;
  private final LdapConnectionPool pool;

  @Activate
  public SearchBindProvider(LdapConfig config, @Reference LdapApiService codec)
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
      this.searchPath = new Dn(Settings.required("searchPath", config.searchPath()));
    } catch (LdapException e) {
      throw new ConfigurationException(
          "searchPath", Settings.quote(config.searchPath().strip()) + " is not a DN", e);
    }
    this.groups =
        GroupRules.parse(
            config.groupMap(), config.staffGroup(), config.superuserGroup(), config.requireGroup());
    this.pool =
        pool(
            directory,
            Settings.required("bindDn", config.bindDn()),
            Settings.required("bindPassword", config.bindPassword()));
    LOG.info(
        "LDAP search-then-bind on {} below '{}' as '{}' (StartTLS {}, {})",
        directory.settings().uri(),
        searchPath,
        config.bindDn(),
        settings.startTls(),
        groups);
  }

  /**
   * Connections bound as the search account, checked on borrow so that a directory restart costs no
   * failed login; the wait for a free one is bounded by the timeout.
   */
  private static LdapConnectionPool pool(Directory directory, String bindDn, String bindPassword) {
    DefaultLdapConnectionFactory factory =
        new DefaultLdapConnectionFactory(directory.config(bindDn, bindPassword));
    factory.setLdapApiService(directory.codec());
    factory.setTimeOut(directory.settings().timeout().toMillis());
    GenericObjectPoolConfig<LdapConnection> config = new GenericObjectPoolConfig<>();
    config.setMaxTotal(POOL_SIZE);
    config.setMaxIdle(POOL_SIZE);
    config.setTestOnBorrow(true);
    config.setMaxWait(directory.settings().timeout());
    config.setJmxEnabled(false);
    return new LdapConnectionPool(new ValidatingPoolableLdapConnectionFactory(factory), config);
  }

  @Deactivate
  void close() {
    pool.close();
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
    Optional<UserEntry> found = find(username);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    UserEntry entry = found.get();
    if (!directory.verify(entry.dn(), password)) {
      return Optional.empty();
    }
    if (!groups.admits(entry.memberOf())) {
      trace.log("LDAP: '{}' is not in the required group", entry.dn());
      return Optional.empty();
    }
    return Optional.of(entry.identity(NAME, username, groups));
  }

  /** The one entry whose CN is the username; empty when there is none or more than one. */
  private Optional<UserEntry> find(String username) throws AuthenticationUnavailableException {
    String filter = "(CN=" + LdapEscaping.filterValue(username) + ")";
    SearchRequest request = new SearchRequestImpl();
    try {
      request.setBase(searchPath);
      request.setFilter(filter);
    } catch (LdapException e) {
      trace.log("LDAP: unusable filter {}: {}", filter, e.getMessage());
      return Optional.empty();
    }
    request.setScope(SearchScope.SUBTREE);
    request.setDerefAliases(AliasDerefMode.NEVER_DEREF_ALIASES);
    request.addAttributes(UserEntry.attributes());
    // two are enough to know the name is ambiguous
    request.setSizeLimit(2);
    request.setTimeLimit((int) directory.settings().timeout().toSeconds());

    LdapConnection connection;
    try {
      connection = pool.getConnection();
    } catch (LdapException | RuntimeException e) {
      throw directory.unavailable("no search connection", e);
    }
    boolean healthy = false;
    try {
      List<Entry> entries = new ArrayList<>();
      ResultCodeEnum code;
      try (SearchCursor cursor = connection.search(request)) {
        while (cursor.next()) {
          if (cursor.isEntry()) {
            entries.add(cursor.getEntry());
          }
        }
        code = cursor.getSearchResultDone().getLdapResult().getResultCode();
      }
      healthy = true;
      trace.log(
          "LDAP: search {} below '{}': {} entries, {}", filter, searchPath, entries.size(), code);
      if (code == ResultCodeEnum.SIZE_LIMIT_EXCEEDED || entries.size() > 1) {
        LOG.warn("LDAP: more than one entry matches {} below '{}': no login", filter, searchPath);
        return Optional.empty();
      }
      if (code != ResultCodeEnum.SUCCESS) {
        throw new AuthenticationUnavailableException("LDAP search failed: " + code);
      }
      return entries.stream().findFirst().map(Directory::entry);
    } catch (LdapException | CursorException | IOException | RuntimeException e) {
      throw directory.unavailable("search failed", e);
    } finally {
      release(connection, healthy);
    }
  }

  /** Returns a connection to the pool, or drops it when it failed mid-operation. */
  private void release(LdapConnection connection, boolean healthy) {
    try {
      if (healthy) {
        pool.releaseConnection(connection);
      } else {
        pool.invalidateObject(connection);
      }
    } catch (Exception e) {
      trace.log("LDAP: returning a search connection failed: {}", e.getMessage());
    }
  }
}
