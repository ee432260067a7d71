package cores.web;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AssetsTest {
  @TempDir Path dir;

  @Test
  void assetsAreLinkedByAFingerprintThatChangesWithTheFile() throws IOException {
    Assets before = assets("body { color: red; }");
    Assets after = assets("body { color: blue; }");
    String url = before.url("css/site.css");
    assertTrue(url.matches("/static/css/site\\.[0-9a-f]{10}\\.css"), url);
    assertNotEquals(url, after.url("css/site.css"));
  }

  @Test
  void bothNamesFindTheFileAndOnlyTheFingerprintedOneIsKeptLong() throws IOException {
    Assets assets = assets("x");
    String versioned = assets.url("css/site.css").substring("/static/".length());
    Assets.Found found = assets.find(versioned).orElseThrow();
    assertTrue(found.fingerprinted());
    assertEquals("text/css; charset=utf-8", found.asset().mediaType());
    assertArrayEquals("x".getBytes(StandardCharsets.UTF_8), found.asset().bytes());
    assertFalse(assets.find("css/site.css").orElseThrow().fingerprinted());
    assertTrue(assets.find("css/other.css").isEmpty());
    assertTrue(assets.find("../css/site.css").isEmpty());
  }

  @Test
  void aNameWithoutExtensionGetsTheFingerprintAtTheEnd() {
    assertEquals("LICENSE.abc", Assets.versioned("LICENSE", "abc"));
    assertEquals("a.b/LICENSE.abc", Assets.versioned("a.b/LICENSE", "abc"));
    assertEquals("js/x.min.abc.js", Assets.versioned("js/x.min.js", "abc"));
  }

  private Assets assets(String css) throws IOException {
    Path file = dir.resolve("static/css/site.css");
    Files.createDirectories(file.getParent());
    Files.writeString(file, css);
    return new Assets(
        List.of("css/site.css"),
        path -> {
          try {
            Path p = dir.resolve(path);
            return Files.exists(p) ? p.toUri().toURL() : null;
          } catch (IOException e) {
            throw new IllegalStateException(e);
          }
        });
  }
}
