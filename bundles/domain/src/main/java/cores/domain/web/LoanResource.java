package cores.domain.web;

import cores.api.persistence.Transactions;
import cores.api.web.ApiDoc;
import cores.domain.booking.BookingMail;
import cores.domain.inventory.Rules;
import cores.domain.loans.Loans;
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
 * {@code /api/loans/customer} and {@code /api/loans/loan}: a loan puts its host on loan (which
 * suspends its bookable, whose holders are mailed); {@code PATCH {"returned": true}} returns it.
 */
@JakartarsResource
@Component(service = LoanResource.class)
@Path("loans/{model}")
@ApiDoc(
    permission = "loans.{action}_{model}",
    values =
        @ApiDoc.Values(
            param = "model",
            value = {"customer", "loan"}))
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class LoanResource extends ModelResource {

  @Activate
  public LoanResource(
      @Reference(target = "(osgi.unit.name=cores.domain)") Transactions tx,
      @Reference BookingMail mail) {
    super(
        tx,
        mail,
        Map.of(
            "customer", new Served(Loans.CUSTOMER, Rules.NONE),
            "loan", new Served(Loans.LOAN, new Loans(mail.zone()))));
  }
}
