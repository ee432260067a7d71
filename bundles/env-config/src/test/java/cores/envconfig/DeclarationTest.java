package cores.envconfig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DeclarationTest {

  private static Declaration login(String name, String variable, int rank) {
    return new Declaration(
        name,
        Optional.of(new Switch(variable, Switch.When.TRUE, Optional.of("login"), rank)),
        Map.of());
  }

  @Test
  void aPlaceholderTakesTheVariableElseItsDefaultAndABlankVariableIsUnset() {
    assertEquals(
        Optional.of("ldap://x"), Placeholders.resolve("$[env:URI]", Map.of("URI", " ldap://x ")));
    assertEquals(Optional.of("10"), Placeholders.resolve("$[env:T;default=10]", Map.of("T", "  ")));
    assertEquals(Optional.empty(), Placeholders.resolve("$[env:T]", Map.of()));
    assertEquals(
        Optional.of("a-b-"), Placeholders.resolve("a-$[env:X]-$[env:Y]", Map.of("X", "b")));
    assertEquals(Optional.of(7), Placeholders.resolve(7, Map.of()));
  }

  @Test
  void onlyAWholePlaceholderNamesTheSourceOfAProperty() {
    assertEquals(Optional.of("URI"), Placeholders.source("$[env:URI;default=x]"));
    assertEquals(Optional.empty(), Placeholders.source("ldap://$[env:HOST]"));
    assertEquals(
        java.util.Set.of("HOST", "PORT"), Placeholders.variables("$[env:HOST]:$[env:PORT]"));
  }

  @Test
  void aTrueSwitchReadsBooleansAndRefusesAnythingElse() throws SwitchException {
    Switch s = new Switch("LDAP_AUTH", Switch.When.TRUE, Optional.empty(), 0);
    assertTrue(s.isOn(Map.of("LDAP_AUTH", "True")));
    assertTrue(s.isOn(Map.of("LDAP_AUTH", "yes")));
    assertFalse(s.isOn(Map.of("LDAP_AUTH", "0")));
    assertFalse(s.isOn(Map.of()));
    SwitchException e =
        assertThrows(SwitchException.class, () -> s.isOn(Map.of("LDAP_AUTH", "maybe")));
    assertEquals("LDAP_AUTH: \"maybe\" is not a boolean (use True or False)", e.getMessage());
  }

  @Test
  void aSetSwitchIsOnForAnyValueButAFalseWord() throws SwitchException {
    Switch s = Switch.of(Map.of("variable", "SMTP_SERVER", "when", "set"));
    assertTrue(s.isOn(Map.of("SMTP_SERVER", "mail.example")));
    assertFalse(s.isOn(Map.of("SMTP_SERVER", "False")));
    assertEquals("SMTP_SERVER is set", s.condition());
  }

  @Test
  void aSetSwitchRefusesATrueWordAsItsValueAndStaysOffForAFalseOne() throws SwitchException {
    Switch s = Switch.of(Map.of("variable", "SMTP_SERVER", "when", "set"));
    for (String yes : List.of("True", "yes", "1")) {
      SwitchException e =
          assertThrows(SwitchException.class, () -> s.isOn(Map.of("SMTP_SERVER", yes)));
      assertEquals("SMTP_SERVER", e.variable());
      assertEquals(
          "\""
              + yes
              + "\" is a boolean, not a value: give the value it takes (e.g. a host name),"
              + " or False to switch it off",
          e.problem());
    }
    for (String no : List.of("False", "no", "0", "")) {
      assertFalse(s.isOn(Map.of("SMTP_SERVER", no)));
    }
  }

  @Test
  void ofTheSwitchesOnInOneSlotTheHighestRankWinsAndTheOthersAreReported() throws SwitchException {
    Declaration ldap = login("auth-ldap", "LDAP_AUTH", 300);
    Declaration direct = login("auth-ldap-direct", "LDAP_AUTH_DIRECT", 200);
    Declaration kerberos = login("auth-kerberos", "KERBEROS_AUTH", 100);
    Declaration core = new Declaration("core", Optional.empty(), Map.of());
    Selection s =
        Selection.of(
            List.of(core, kerberos, direct, ldap),
            Map.of("LDAP_AUTH_DIRECT", "True", "KERBEROS_AUTH", "True"));
    assertEquals(List.of(core, direct), s.chosen());
    assertEquals(
        List.of("KERBEROS_AUTH is ignored because LDAP_AUTH_DIRECT is True"), s.warnings());
  }

  @Test
  void aMalformedSwitchIsReportedEvenWhenAnotherWinsItsSlot() {
    Declaration ldap = login("auth-ldap", "LDAP_AUTH", 300);
    Declaration kerberos = login("auth-kerberos", "KERBEROS_AUTH", 100);
    SwitchException e =
        assertThrows(
            SwitchException.class,
            () ->
                Selection.of(
                    List.of(ldap, kerberos), Map.of("LDAP_AUTH", "True", "KERBEROS_AUTH", "on")));
    assertEquals("KERBEROS_AUTH", e.variable());
  }

  @Test
  void aRefusalIsExplainedByTheVariablesOfTheProperties() {
    Declaration smtp =
        new Declaration(
            "notify-smtp",
            Optional.of(Switch.of(Map.of("variable", "SMTP_SERVER", "when", "set"))),
            Map.of(
                "cores.notify.smtp",
                Map.of(
                    "user", "$[env:SMTP_USER]", "password", "$[env:SMTP_PASSWORD]", "from", "x")));
    Resolved r = smtp.resolve(Map.of("SMTP_PASSWORD", "s3cret")).get(0);
    assertEquals(Map.of("password", "s3cret", "from", "x"), r.properties());
    assertEquals(
        Optional.of("SMTP_USER: required when SMTP_PASSWORD is set"),
        r.explain("user", "required when {password} is set"));
    assertEquals(
        Optional.of("SMTP_USER: required when SMTP_SERVER is set"), r.explain("user", "required"));
    assertEquals(Optional.empty(), r.explain("from", "required"));
    assertFalse(r.toString().contains("s3cret"), "logged without values");
  }
}
