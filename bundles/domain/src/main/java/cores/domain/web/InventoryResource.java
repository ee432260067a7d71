package cores.domain.web;

import cores.api.persistence.Transactions;
import cores.api.web.ApiDoc;
import cores.domain.booking.BookingMail;
import cores.domain.inventory.Models;
import cores.domain.inventory.Rules;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.HashMap;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/**
 * {@code /api/inventory/{model}} for building, lab, rack, hosttype, hosthardware, hdvendor,
 * cardtype, card, host, nic and the original's hostbyid/nicbyid aliases.
 */
@JakartarsResource
@Component(service = InventoryResource.class)
@Path("inventory/{model}")
@ApiDoc(
    permission = "inventory.{action}_{model}",
    values =
        @ApiDoc.Values(
            param = "model",
            value = {
              "building",
              "lab",
              "rack",
              "hosttype",
              "hosthardware",
              "hdvendor",
              "cardtype",
              "card",
              "host",
              "hostbyid=host",
              "nic",
              "nicbyid=nic"
            }))
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class InventoryResource extends ModelResource {

  @Activate
  public InventoryResource(
      @Reference(target = "(osgi.unit.name=cores.domain)") Transactions tx,
      @Reference BookingMail mail) {
    super(tx, mail, models());
  }

  private static Map<String, Served> models() {
    Map<String, Served> models = new HashMap<>();
    Models.BY_PATH.forEach((path, model) -> models.put(path, new Served(model, Rules.NONE)));
    return models;
  }
}
