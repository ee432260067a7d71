package cores.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * nginx/conf.d/cores-https.conf.example for a given nginx: as it is for nginx 1.25.1 and later (the
 * image's), and with the change its comment asks for on older nginx (Debian 12's 1.22, which the
 * tests run), where {@code http2 on;} is unknown.
 */
final class HttpsExample {
  private static final Pattern VERSION = Pattern.compile("nginx/(\\d+)\\.(\\d+)\\.(\\d+)");

  private HttpsExample() {}

  /** The example's text, switched to {@code listen ... http2} where nginx is older than 1.25.1. */
  static String forNginx(String text, int[] version) {
    if (atLeast(version, 1, 25, 1)) {
      return text;
    }
    String older = NativeStack.replaceOnce(text, "    http2 on;\n", "");
    return NativeStack.replaceOnce(older, "listen 443 ssl;", "listen 443 ssl http2;");
  }

  /** major, minor, patch of the nginx binary ({@code nginx -v}). */
  static int[] version(Path nginx) throws Exception {
    NativeStack.Result v = NativeStack.run(Path.of("."), Map.of(), nginx.toString(), "-v");
    Matcher m = VERSION.matcher(v.output());
    assertTrue(m.find(), "nginx -v: " + v.output());
    return new int[] {
      Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))
    };
  }

  static boolean atLeast(int[] version, int major, int minor, int patch) {
    int[] wanted = {major, minor, patch};
    for (int i = 0; i < 3; i++) {
      if (version[i] != wanted[i]) {
        return version[i] > wanted[i];
      }
    }
    return true;
  }

  /**
   * A throwaway self-signed certificate for localhost and 127.0.0.1, valid for a day, where the
   * example looks for it: {@code certs/cores.crt} and {@code certs/cores.key} in the nginx folder.
   */
  static void certificate(Path conf) throws IOException, InterruptedException {
    Path certs = Files.createDirectories(conf.resolve("certs"));
    NativeStack.Result cert =
        NativeStack.run(
            conf,
            Map.of(),
            NativeStack.tool("openssl").toString(),
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "1",
            "-subj",
            "/CN=localhost",
            "-addext",
            "subjectAltName=IP:127.0.0.1,DNS:localhost",
            "-keyout",
            certs.resolve("cores.key").toString(),
            "-out",
            certs.resolve("cores.crt").toString());
    assertEquals(0, cert.exit(), cert.output());
  }
}
