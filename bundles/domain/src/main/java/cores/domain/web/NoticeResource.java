package cores.domain.web;

import cores.api.persistence.Transactions;
import cores.api.web.ApiDoc;
import cores.domain.booking.BookingMail;
import cores.domain.notices.Notices;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/**
 * {@code /api/notices/notice}; {@code ?current=1} is the dashboard's list for any logged-in user.
 */
@JakartarsResource
@Component(service = NoticeResource.class)
@Path("notices/{model}")
@ApiDoc(
    permission = "notices.{action}_{model}",
    values = @ApiDoc.Values(param = "model", value = "notice"))
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class NoticeResource extends ModelResource {

  @Activate
  public NoticeResource(
      @Reference(target = "(osgi.unit.name=cores.domain)") Transactions tx,
      @Reference BookingMail mail) {
    super(tx, mail, Map.of("notice", new Served(Notices.MODEL, new Notices())));
  }
}
