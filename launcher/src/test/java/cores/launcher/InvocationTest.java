package cores.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import cores.launcher.env.RunMode;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InvocationTest {

  @Test
  void noArgumentsRunsTheServer() throws Exception {
    Invocation i = Invocation.parse(new String[0]);
    assertEquals(Optional.empty(), i.command());
    assertEquals(RunMode.SERVER, i.mode());
  }

  @Test
  void createsuperuserOptionsInBothForms() throws Exception {
    Invocation i =
        Invocation.parse(
            new String[] {"createsuperuser", "--username", "admin", "--email=a@example.org"});
    assertEquals(Optional.of("createsuperuser"), i.command());
    assertEquals(RunMode.COMMAND, i.mode());
    assertEquals(Map.of("username", "admin", "email", "a@example.org"), i.options());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "migrate|unknown command \"migrate\"",
        "createsuperuser --password x|createsuperuser: unknown option --password",
        "createsuperuser --username|createsuperuser: --username needs a value",
        "createsuperuser admin|createsuperuser: unexpected argument \"admin\""
      })
  void badCommandLines(String args, String problem) {
    LaunchException e =
        assertThrows(LaunchException.class, () -> Invocation.parse(args.split(" ")));
    assertEquals(problem + "\n" + Invocation.USAGE, e.getMessage());
    assertEquals(2, e.exitCode());
  }
}
