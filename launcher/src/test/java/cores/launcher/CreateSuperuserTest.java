package cores.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CreateSuperuserTest {

  private static final Map<String, String> OPTIONS =
      Map.of("username", "admin", "email", "admin@example.org");

  private static ByteArrayInputStream stdin(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void passwordFromTheEnvironmentOrStdin() throws Exception {
    CreateSuperuser.prepare(OPTIONS, Map.of("CORES_SUPERUSER_PASSWORD", "pw"), stdin(""), null);
    CreateSuperuser.prepare(OPTIONS, Map.of(), stdin("pw\nignored\n"), null);
  }

  @Test
  void noPassword() {
    LaunchException e =
        assertThrows(
            LaunchException.class,
            () -> CreateSuperuser.prepare(OPTIONS, Map.of(), stdin(""), null));
    assertEquals("no password: set CORES_SUPERUSER_PASSWORD or give it on stdin", e.getMessage());
    assertEquals(2, e.exitCode());
  }

  @Test
  void usernameAndEmailAreRequiredWithoutATerminal() {
    LaunchException e =
        assertThrows(
            LaunchException.class,
            () ->
                CreateSuperuser.prepare(
                    Map.of("email", "a@example.org"), Map.of(), stdin("pw\n"), null));
    assertTrue(
        e.getMessage().startsWith("createsuperuser: --username is required"), e.getMessage());
    e =
        assertThrows(
            LaunchException.class,
            () ->
                CreateSuperuser.prepare(
                    Map.of("username", "admin"), Map.of(), stdin("pw\n"), null));
    assertTrue(e.getMessage().startsWith("createsuperuser: --email is required"), e.getMessage());
  }
}
