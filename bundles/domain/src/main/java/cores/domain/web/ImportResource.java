package cores.domain.web;

import cores.api.persistence.Transactions;
import cores.api.web.ApiDoc;
import cores.api.web.ApiSchemas;
import cores.api.web.FieldErrors;
import cores.domain.booking.Bookables;
import cores.domain.booking.BookingMail;
import cores.domain.inventory.Inventory;
import cores.domain.inventory.Models;
import cores.domain.inventory.Schemas;
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
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/**
 * The original's import helpers for admins: get-or-create a host type or hardware by name; the
 * answer is the row plus {@code created}.
 */
@JakartarsResource
@Component(service = ImportResource.class)
@Path("import")
@ApiDoc(permission = ApiDoc.STAFF)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class ImportResource implements ApiSchemas {
  private final Transactions tx;
  private final Inventory inventory;

  @Activate
  public ImportResource(
      @Reference(target = "(osgi.unit.name=cores.domain)") Transactions tx,
      @Reference BookingMail mail) {
    this.tx = tx;
    this.inventory = new Inventory(new Bookables(mail, Clock.systemUTC()), mail.zone());
  }

  /** The answers: the model's row and whether it was created ({@link #getOrCreate}). */
  @Override
  public Map<String, Map<String, Object>> schemas() {
    return Map.of(
        "import_hosttype", gotOrCreated(Models.HOSTTYPE),
        "import_hosthardware", gotOrCreated(Models.HOSTHARDWARE));
  }

  /** The model's row as {@link Schemas} describes it, and {@code created}. */
  private static Map<String, Object> gotOrCreated(cores.domain.inventory.Model model) {
    Map<String, Object> schema = new LinkedHashMap<>(Schemas.of(model).get(model.name()));
    @SuppressWarnings("unchecked")
    Map<String, Object> properties =
        new LinkedHashMap<>((Map<String, Object>) schema.get("properties"));
    properties.put(
        "created", Map.of("type", "boolean", "description", "false: it existed already"));
    schema.put("properties", properties);
    schema.put("required", List.copyOf(properties.keySet()));
    schema.put("description", "the " + model.name() + " of that name, found or created");
    schema.remove("examples");
    return schema;
  }

  @POST
  @Path("gethosttype")
  @ApiDoc(
      value =
          "Gets or creates the host type of this name; the answer says created (the other fields"
              + " count only when it is created)",
      request = "hosttype_input",
      response = "import_hosttype")
  public Map<String, Object> hostType(
      Map<String, Object> input, @Context SecurityContext security) {
    Admins.require(security, "import");
    return getOrCreate("inventory_hosttype", Models.HOSTTYPE, input);
  }

  @POST
  @Path("gethosthardware")
  @ApiDoc(
      value =
          "Gets or creates the host hardware of this name; the answer says created (the other"
              + " fields count only when it is created)",
      request = "hosthardware_input",
      response = "import_hosthardware")
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
          // the other fields are used only for a new row, but wrong ones are refused either way
          inventory.checkNew(sql, model, input);
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
