package cores.domain.web;

import cores.api.persistence.Transactions;
import cores.api.web.ApiDoc;
import cores.api.web.FieldErrors;
import cores.domain.booking.Bookables;
import cores.domain.booking.BookingMail;
import cores.domain.inventory.Inventory;
import cores.domain.inventory.Models;
import cores.domain.sql.Sql;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The original's import helpers for admins: get-or-create a host type or hardware by name; the
 * answer is the row plus {@code created}.
 */
@Component(service = ImportResource.class, property = "osgi.jaxrs.resource=true")
@Path("import")
@ApiDoc(permission = ApiDoc.STAFF)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class ImportResource {
  private final Transactions tx;
  private final Inventory inventory;

  @Activate
  public ImportResource(
      @Reference(target = "(osgi.unit.name=cores.domain)") Transactions tx,
      @Reference BookingMail mail) {
    this.tx = tx;
    this.inventory = new Inventory(new Bookables(mail, Clock.systemUTC()));
  }

  @POST
  @Path("gethosttype")
  @ApiDoc("Gets or creates the host type of this name; the answer says created")
  public Map<String, Object> hostType(
      Map<String, Object> input, @Context SecurityContext security) {
    Admins.require(security, "import");
    return getOrCreate("inventory_hosttype", Models.HOSTTYPE, input);
  }

  @POST
  @Path("gethosthardware")
  @ApiDoc("Gets or creates the host hardware of this name; the answer says created")
  public Map<String, Object> hostHardware(
      Map<String, Object> input, @Context SecurityContext security) {
    Admins.require(security, "import");
    return getOrCreate("inventory_hosthardware", Models.HOSTHARDWARE, input);
  }

  private Map<String, Object> getOrCreate(
      String table, cores.domain.inventory.Model model, Map<String, Object> input) {
    if (input == null || !(input.get("name") instanceof String name) || name.isBlank()) {
      throw FieldErrors.single("name", "required");
    }
    return tx.required(
        em -> {
          Sql sql = Sql.of(em);
          // serialises concurrent imports of the same name without a failed insert
          sql.row("SELECT pg_advisory_xact_lock(hashtext(?))", List.of(table + ":" + name));
          Map<String, Object> existing =
              sql.row("SELECT id FROM " + table + " WHERE name = ?", List.of(name));
          Map<String, Object> answer =
              new LinkedHashMap<>(
                  existing == null
                      ? inventory.create(sql, model, input)
                      : inventory.get(sql, model, (Long) existing.get("id")));
          answer.put("created", existing == null);
          return answer;
        });
  }
}
