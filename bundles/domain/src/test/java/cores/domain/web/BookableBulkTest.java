package cores.domain.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import cores.api.accounts.User;
import cores.api.web.ProblemException;
import cores.domain.DomainDatabase;
import cores.domain.Fixture;
import cores.domain.booking.Bookables;
import cores.domain.booking.BookingMail;
import cores.domain.booking.SearchCache;
import cores.testing.TestDatabase;
import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The bulk creation of bookables, against a real database. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BookableBulkTest {
  private DomainDatabase db;
  private TestDatabase.Tx tx;
  private Fixture fixture;
  private BookableResource resource;
  private SecurityContext staff;

  @BeforeAll
  void setUp() throws Exception {
    db = new DomainDatabase();
    tx = db.transactions();
    fixture = new Fixture(db);
    BookingMail mail = DomainDatabase.mail(tx, ZoneOffset.UTC);
    resource = new BookableResource(tx, mail, new SearchCache(mail));
    Set<String> permissions =
        Set.of(Bookables.MODEL.permission("add"), Bookables.MODEL.permission("change"));
    User user = db.user("bulk-admin", true, permissions);
    staff = security(user, permissions);
  }

  @AfterAll
  void tearDown() throws Exception {
    tx.close();
    db.close();
  }

  /**
   * A request's security as the platform's authentication gives it: the user and its permissions.
   */
  static SecurityContext security(User user, Set<String> permissions) {
    return new SecurityContext() {
      @Override
      public Principal getUserPrincipal() {
        return user;
      }

      @Override
      public boolean isUserInRole(String role) {
        return permissions.contains(role);
      }

      @Override
      public boolean isSecure() {
        return false;
      }

      @Override
      public String getAuthenticationScheme() {
        return "Basic";
      }
    };
  }

  @Test
  void manyUnknownHostsAreAnsweredWithTheFirst20AndHowManyMore() throws Exception {
    long known = fixture.host("bulk-known", "active");
    List<Long> hosts = new ArrayList<>(List.of(known));
    LongStream.rangeClosed(1, 5000).map(i -> known + i).forEach(hosts::add);
    ProblemException refused =
        assertThrows(
            ProblemException.class,
            () -> resource.bulk(new BookableResource.BulkInput(hosts, "active"), staff));
    // it listed all 5,000 (a 10 MiB body of ids: 1.5 million of them, one query each)
    assertEquals(
        Map.of("hosts", List.of("no hosts with ids " + hosts.subList(1, 21) + " and 4980 more")),
        refused.errors());
    assertEquals(
        1,
        resource
            .bulk(new BookableResource.BulkInput(List.of(known, known), "active"), staff)
            .get("hosts"));
  }
}
