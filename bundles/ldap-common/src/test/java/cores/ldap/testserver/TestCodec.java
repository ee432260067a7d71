package cores.ldap.testserver;

import org.apache.directory.api.ldap.codec.api.LdapApiService;
import org.apache.directory.api.ldap.codec.osgi.DefaultLdapCodecService;
import org.apache.directory.api.ldap.codec.protocol.mina.LdapProtocolCodecFactory;
import org.apache.directory.api.ldap.extras.extended.ads_impl.startTls.StartTlsFactory;

/**
 * The Directory API codec as its OSGi bundles set it up (the codec bundle's service, with the wire
 * codec and StartTLS that the net-mina and extras bundles add), for tests that run outside OSGi.
 */
public final class TestCodec {
  private TestCodec() {}

  public static LdapApiService create() {
    DefaultLdapCodecService codec = new DefaultLdapCodecService();
    StartTlsFactory startTls = new StartTlsFactory(codec);
    codec.registerExtendedRequest(startTls);
    codec.registerExtendedResponse(startTls);
    codec.registerProtocolCodecFactory(new LdapProtocolCodecFactory(codec));
    return codec;
  }
}
