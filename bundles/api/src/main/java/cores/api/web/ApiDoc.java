package cores.api.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * What the API description at {@code /api/docs} (and the index at {@code /api/}) says about a REST
 * resource or one of its methods, beyond what its JAX-RS annotations already tell: paths, HTTP
 * methods, {@code @PathParam}/{@code @QueryParam} parameters and media types are read from those.
 * Everything here is optional; a resource without it is still described.
 *
 * <p>On the class it applies to every method; a method's own non-empty values win, except {@link
 * #query} and {@link #values}, which add up. Example:
 *
 * <pre>{@code
 * @Path("inventory/{model}")
 * @ApiDoc(
 *     area = "inventory",
 *     permission = "inventory.{action}_{model}",
 *     values = @ApiDoc.Values(param = "model", value = {"host", "hostbyid=host", "nic"}))
 * public final class InventoryResource {
 *   @GET
 *   @ApiDoc(value = "Lists the model's rows", query = {"hostname: case-insensitive match"})
 *   public Page<Map<String, Object>> list(...)
 * }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface ApiDoc {
  /** {@link #permission} of an operation anyone may call, without logging in. */
  String ANONYMOUS = "anonymous";

  /** {@link #permission} of an operation any logged-in user may call. */
  String AUTHENTICATED = "authenticated";

  /** {@link #permission} of an operation for superusers only. */
  String SUPERUSER = "superuser";

  /** {@link #permission} of an operation for staff (and superusers) only. */
  String STAFF = "staff";

  /**
   * {@link #permission} term that a browser session acting as another user holds, whatever the
   * rights of the user it acts as (stopping the impersonation).
   */
  String IMPERSONATING = "impersonating";

  /**
   * Added to a {@link #permission} after {@code "; "}: the operation is refused (403) while
   * impersonating, because what it makes or changes would outlive the impersonation (tokens,
   * passwords, rights).
   */
  String NOT_WHILE_IMPERSONATING = "not while impersonating";

  /** One line saying what the operation (or, on the class, the resource) does. */
  String value() default "";

  /** The heading the endpoint is listed under; by default the first segment of its path. */
  String area() default "";

  /**
   * Who may call it: a permission name ({@code app.action_model}), several joined by {@code ", "}
   * or {@code " or "}, or {@link #ANONYMOUS}, {@link #AUTHENTICATED}, {@link #STAFF}, {@link
   * #SUPERUSER}; a few words may follow (e.g. {@code "authenticated; staff see all rows"}). {@code
   * {action}} stands for the HTTP method's action (GET view, POST add, PUT and PATCH change, DELETE
   * delete) and {@code {param}} for the concrete value of a path parameter listed in {@link
   * #values}. When empty, {@code @RolesAllowed} and {@code @PermitAll} are used if present.
   */
  String permission() default "";

  /**
   * Query parameters read without a {@code @QueryParam} argument (e.g. filters taken from {@code
   * UriInfo}): {@code "name"} or {@code "name: what it does"}. A description that ends in values of
   * a path parameter ({@link #values}) in parentheses, e.g. {@code "mac: with this MAC (host,
   * nic)"}, documents the parameter for those paths only (since 1.9.0).
   */
  String[] query() default {};

  /**
   * The name of the JSON Schema of the request body among those a resource publishes ({@link
   * ApiSchemas}); {@code {param}} placeholders as in {@link #permission}. When empty, the body is
   * described from its Java type.
   */
  String request() default "";

  /**
   * The name of the JSON Schema of the answer's rows among those a resource publishes ({@link
   * ApiSchemas}): it describes a {@code Map} answer, the items of a {@code List} or {@link Page} of
   * maps, or the whole answer of a method that returns a {@code Response}; {@code {param}}
   * placeholders as in {@link #permission}.
   */
  String response() default "";

  /**
   * The values a path parameter takes when one path template serves several things: the description
   * lists one concrete path per value instead of the template.
   */
  Values[] values() default {};

  /** The values of one path parameter. */
  @Documented
  @Retention(RetentionPolicy.RUNTIME)
  @Target({})
  @interface Values {
    /** The path parameter's name, as in {@code @Path("{model}")}. */
    String param();

    /**
     * Its values. An entry {@code "segment=name"} puts {@code segment} in the path and {@code name}
     * in {@link ApiDoc#permission} and {@link ApiDoc#value} placeholders (aliases such as {@code
     * hostbyid}, which needs the host permissions).
     */
    String[] value();
  }
}
