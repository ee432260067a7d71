package cores.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PersistenceXmlTest {

  @TempDir Path dir;

  @Test
  void listsEveryUnit() throws IOException {
    Path xml = dir.resolve("persistence.xml");
    Files.writeString(
        xml,
        "<persistence xmlns='https://jakarta.ee/xml/ns/persistence' version='3.0'>"
            + "<persistence-unit name='a'/><persistence-unit name='b'/></persistence>",
        StandardCharsets.UTF_8);
    assertEquals(List.of("a", "b"), PersistenceXml.unitNames(Files.newInputStream(xml), "test"));
  }

  @Test
  void refusesDocumentTypeDeclarations() throws IOException {
    Path xml = dir.resolve("persistence.xml");
    Files.writeString(
        xml,
        "<!DOCTYPE persistence [<!ENTITY x SYSTEM 'file:///etc/passwd'>]>"
            + "<persistence><persistence-unit name='&x;'/></persistence>",
        StandardCharsets.UTF_8);
    assertThrows(
        IOException.class, () -> PersistenceXml.unitNames(Files.newInputStream(xml), "test"));
  }
}
