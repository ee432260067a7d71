package cores.launcher;

import java.lang.management.ManagementFactory;
import java.util.Locale;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;
import org.xml.sax.SAXException;

/**
 * Initialises, on a background thread while the framework installs and resolves the bundles, JDK
 * facilities that bundles would otherwise initialise later on the start-level thread, which starts
 * the bundles one after the other: the list of available locales (Jetty's {@code MimeTypes}, about
 * 0.1 s), the platform MBean server (Jetty's {@code MemoryUtils}) and the XML parser (SCR's
 * component descriptors). Each happens once per JVM whoever asks first, so only the moment changes,
 * and it uses the second core while the start-level thread works.
 */
final class Preinitializer {

  private static final System.Logger LOG = System.getLogger(Preinitializer.class.getName());

  private Preinitializer() {}

  static void start() {
    Thread thread = new Thread(Preinitializer::run, "cores-preinit");
    thread.setDaemon(true);
    thread.start();
  }

  private static void run() {
    try {
      Locale.getAvailableLocales();
      ManagementFactory.getPlatformMBeanServer();
      SAXParserFactory factory = SAXParserFactory.newInstance();
      factory.setNamespaceAware(true);
      factory.newSAXParser();
    } catch (ParserConfigurationException | SAXException | RuntimeException e) {
      // only a head start is lost: whoever needs it next initialises it and sees the error
      LOG.log(System.Logger.Level.DEBUG, "pre-initialisation failed", e);
    }
  }
}
