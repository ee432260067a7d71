package cores.web;

import cores.api.web.Page;
import cores.api.web.RefusedQuery;
import jakarta.ws.rs.container.ContainerRequestContext;

/** The {@code offset} parameter of the paged pages: the place of a page's first row, from 0. */
public final class Offsets {
  static final String OFFSET = "offset";

  private Offsets() {}

  /**
   * The request's offset (0 when not given); 400 naming it when it is no whole number from 0 to the
   * largest int (as the API answers, {@link Page.Window#offset}) or was set aside ({@link
   * RefusedQuery}: a NUL in it), rather than the first page as if none was given.
   */
  public static int of(ContainerRequestContext request) {
    SetAside.refuse(request, OFFSET);
    return of(request.getUriInfo().getQueryParameters().getFirst(OFFSET));
  }

  /** The offset (0 when not given); 400 when it is no whole number from 0 to the largest int. */
  public static int of(String value) {
    return Page.Window.offset(value == null ? null : value.strip());
  }
}
