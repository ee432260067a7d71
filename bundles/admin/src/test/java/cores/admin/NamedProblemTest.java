package cores.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cores.api.admin.AdminField;
import cores.api.admin.AdminModel;
import cores.api.admin.NamingProblem;
import cores.api.config.SiteZone;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A field's problem that names another object (a host's open loan, when a second loan is added) is
 * linked to that object's page, escaped, as a message naming what was added links it; for a visitor
 * who may not see it, named without a link.
 */
class NamedProblemTest {
  private static final AdminModel LOAN =
      new AdminModel(
          "loans",
          "loan",
          "Loans",
          List.of(new AdminField("host", "ref", true, true, List.of(), "host")),
          List.of("host"),
          List.of(),
          "host",
          Map.of(),
          List.of());

  private static final String LENT = "already on loan to <Acme> since 2026-12-01: return it first";

  private static NamingProblem twice() {
    return new NamingProblem(
        409,
        "Conflict",
        "Host web01 is " + LENT + ".",
        Map.of("host", List.of(LENT)),
        List.of(
            new NamingProblem.Named(
                "host", "loan to <Acme> since 2026-12-01", "loans", "loan", 4)));
  }

  private static String page(Form form) {
    return new Templates()
        .render(
            "form.jte",
            TestModels.formPage(
                new Views.Allowed(LOAN, true, true, true, true, Set.of()),
                0,
                "Add loan",
                form,
                Map.of(),
                List.of(),
                SiteZone.of(ZoneId.of("UTC"))));
  }

  @Test
  void theOpenLoanIsLinkedToItsPageAtTheField() {
    Form form =
        new Form(Map.of("host", "1"))
            .refused(twice(), List.of("host"), named -> "/admin/loans/loan/" + named.id());
    assertEquals(
        List.of(
            new Views.Message(
                "already on ",
                "loan to <Acme> since 2026-12-01",
                "/admin/loans/loan/4",
                ": return it first")),
        form.errors("host"));
    String html = page(form);
    String linked =
        "already on <a href=\"/admin/loans/loan/4\">loan to &lt;Acme&gt; since 2026-12-01</a>:"
            + " return it first";
    assertTrue(html.contains("<p class=\"cores-error\" id=\"f-host-error\">" + linked), html);
    assertTrue(html.contains("<a href=\"#f-host\">Host</a>: " + linked), "in the list above too");
  }

  @Test
  void whoMayNotSeeTheLoanReadsItNamedNotLinked() {
    String html = page(new Form(Map.of("host", "1")).refused(twice(), List.of("host")));
    assertTrue(
        html.contains("already on loan to &lt;Acme&gt; since 2026-12-01: return it first"), html);
    assertTrue(!html.contains("/admin/loans/loan/4"), html);
  }
}
