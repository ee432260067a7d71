package cores.persistence;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/** Reads the unit names from a persistence.xml: the extender creates one unit for each. */
final class PersistenceXml {

  private PersistenceXml() {}

  /**
   * @param persistenceXml the file's content, closed here
   * @param source where it comes from, for messages
   */
  static List<String> unitNames(InputStream persistenceXml, String source) throws IOException {
    try (InputStream in = persistenceXml) {
      // persistence.xml is a bundle's own file, but nothing justifies letting it pull in more
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setXIncludeAware(false);
      factory.setExpandEntityReferences(false);
      NodeList units =
          factory.newDocumentBuilder().parse(in).getElementsByTagNameNS("*", "persistence-unit");
      List<String> names = new ArrayList<>();
      for (int i = 0; i < units.getLength(); i++) {
        names.add(((Element) units.item(i)).getAttribute("name"));
      }
      return names;
    } catch (SAXException | ParserConfigurationException e) {
      throw new IOException("Cannot read " + source + ": " + e.getMessage(), e);
    }
  }
}
