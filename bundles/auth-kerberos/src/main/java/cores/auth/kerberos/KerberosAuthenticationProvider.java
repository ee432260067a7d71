package cores.auth.kerberos;

import cores.api.auth.AuthenticationProvider;
import cores.api.auth.AuthenticationUnavailableException;
import cores.api.auth.HttpAuthenticationScheme;
import cores.api.auth.Identity;
import java.io.File;
import java.io.IOException;
import java.util.Hashtable;
import java.util.Optional;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.ConfigurationException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Username and password checked against the KDC of KERBEROS_REALM (the original's behaviour); with
 * KERBEROS_KEYTAB the KDC's answer is verified with a ticket for KERBEROS_SERVICE, and SPNEGO
 * ({@code Authorization: Negotiate}) is offered to the HTTP server. Exists only while the launcher
 * has written its configuration (KERBEROS_AUTH=True). Ranked below local accounts (1000), so the
 * local superuser never waits for the KDC.
 */
@Component(
    service = AuthenticationProvider.class,
    configurationPid = KerberosConfig.PID,
    configurationPolicy = ConfigurationPolicy.REQUIRE,
    property = "service.ranking:Integer=" + KerberosAuthenticationProvider.RANKING)
@Designate(ocd = KerberosConfig.class)
public final class KerberosAuthenticationProvider implements AuthenticationProvider {
  static final int RANKING = 500;

  private final KdcLogin login;
  private final ServiceRegistration<HttpAuthenticationScheme> negotiate;

  @Activate
  public KerberosAuthenticationProvider(KerberosConfig config, BundleContext context)
      throws IOException, ConfigurationException {
    File privateKrb5Conf = context.getDataFile("krb5.conf");
    if (privateKrb5Conf == null) {
      throw new IOException("the framework gives this bundle no data area for its krb5.conf");
    }
    this.login = new KdcLogin(KerberosSettings.from(config), privateKrb5Conf.toPath());
    // registered by hand: it exists only with a keytab, which a DS component cannot express
    this.negotiate =
        login
            .negotiate()
            .map(
                scheme ->
                    context.registerService(
                        HttpAuthenticationScheme.class,
                        (HttpAuthenticationScheme) scheme,
                        new Hashtable<String, Object>()))
            .orElse(null);
  }

  @Deactivate
  void deactivate() {
    if (negotiate != null) {
      negotiate.unregister();
    }
    login.close();
  }

  @Override
  public String name() {
    return KdcLogin.PROVIDER;
  }

  @Override
  public Optional<Identity> authenticate(String username, char[] password)
      throws AuthenticationUnavailableException {
    return login.authenticate(username, password);
  }
}
