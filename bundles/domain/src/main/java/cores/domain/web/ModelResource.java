package cores.domain.web;

import cores.api.accounts.User;
import cores.api.persistence.Transactions;
import cores.api.web.Access;
import cores.api.web.ApiDoc;
import cores.api.web.ApiSchemas;
import cores.api.web.FieldErrors;
import cores.api.web.Page;
import cores.api.web.ProblemException;
import cores.domain.booking.Bookables;
import cores.domain.booking.BookingMail;
import cores.domain.inventory.Inventory;
import cores.domain.inventory.Model;
import cores.domain.inventory.Rules;
import cores.domain.inventory.Schemas;
import cores.domain.sql.Sql;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.GenericType;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.MessageBodyWriter;
import jakarta.ws.rs.ext.Providers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.time.Clock;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The generic CRUD of model descriptors over HTTP: list with filters and pagination, create, read,
 * replace, patch, delete; foreign keys are ids; permissions app.{view,add,change,delete}_model. A
 * model's own rules ({@link Rules}) wrap the generic writes. One subclass per app serves its models
 * under {@code /api/<app>/{model}}, so each path template lists only its own models (JAX-RS
 * inherits the methods' annotations, not the class's: subclasses state their media types).
 */
public abstract class ModelResource implements ApiSchemas {
  private final Transactions tx;
  private final Clock clock;
  private final Inventory inventory;
  private final Map<String, Served> models;
  private final KeptAnswers answers = new KeptAnswers();

  private static final Annotation[] NONE = new Annotation[0];
  private static final GenericType<Page<Map<String, Object>>> PAGE = new GenericType<>() {};
  private static final GenericType<Map<String, Object>> ROW = new GenericType<>() {};

  /** A model and its rules. */
  record Served(Model model, Rules rules) {}

  /** A host leaving active (also by a loan) suspends its bookable, whose holders are mailed. */
  ModelResource(Transactions tx, BookingMail mail, Map<String, Served> models) {
    this.tx = tx;
    this.clock = Clock.systemUTC();
    this.inventory = new Inventory(new Bookables(mail, clock), mail.zone());
    this.models = Map.copyOf(models);
  }

  /** The schemas of the models served, built from their descriptors. */
  @Override
  public Map<String, Map<String, Object>> schemas() {
    Map<String, Map<String, Object>> schemas = new TreeMap<>();
    models.values().forEach(served -> schemas.putAll(Schemas.of(served.model())));
    return schemas;
  }

  @GET
  @ApiDoc(
      value = "Lists the {model} rows, a page at a time",
      response = "{model}",
      query = {
        "lab: racks of these labs (rack)",
        "host: of this host (card, nic, loan)",
        "hostname: case-insensitive host name (host, hostbyid)",
        "mac: hosts or NICs with this MAC (host, hostbyid, nic, nicbyid)",
        "customer: loans of this customer (loan)",
        "current: 1 lists the notices shown to me, for any logged-in user (notice)"
      })
  public Page<Map<String, Object>> list(
      @PathParam("model") String path,
      @QueryParam("limit") String limit,
      @QueryParam("offset") String offset,
      @Context SecurityContext security,
      @Context UriInfo uri,
      @Context ContainerRequestContext request,
      @Context Providers providers) {
    Served it = served(path);
    Map<String, String> query = Query.of(uri);
    boolean listsItself = it.rules().listsItself(query);
    if (!listsItself) {
      // who may not read the list learns only that, whatever the query
      Access.require(security, it.model().permission("view"));
    }
    // the resource declares every model's filters: those of other models are refused here
    Set<String> takes = new TreeSet<>(it.rules().listParameters());
    it.model().filters().forEach(filter -> takes.add(filter.name()));
    takes.addAll(List.of("limit", "offset"));
    FieldErrors errors = new FieldErrors();
    for (String name : query.keySet()) {
      if (!takes.contains(name)) {
        errors.check(name, "unknown parameter; this list takes " + String.join(", ", takes));
      }
    }
    errors.throwIfAny();
    Page.Window window = Page.Window.of(limit, offset, Query.PAGE_SIZE);
    Inventory.Rows rows;
    if (listsItself) {
      Rules.Actor actor = actor(Access.user(security));
      rows =
          tx.readOnly(
              em -> it.rules().list(Sql.of(em), query, actor, window.limit(), window.offset()));
    } else {
      List<String> reads = KeptAnswers.reads(it.model(), query);
      if (reads != null) {
        return kept(
            request,
            providers,
            reads,
            PAGE,
            sql -> {
              Inventory.Rows read =
                  inventory.list(sql, it.model(), query, window.limit(), window.offset());
              return window.page(read.count(), frozen(read.results()), uri);
            });
      }
      rows =
          tx.readOnly(
              em -> inventory.list(Sql.of(em), it.model(), query, window.limit(), window.offset()));
    }
    return window.page(rows.count(), rows.results(), uri);
  }

  /**
   * The answer from {@link #answers}, read in a transaction of its own when it is not kept: its
   * bytes written by {@link KeptAnswerWriter}.
   */
  private <T> T kept(
      ContainerRequestContext request,
      Providers providers,
      List<String> reads,
      GenericType<T> type,
      java.util.function.Function<Sql, T> read) {
    Instant now = clock.instant();
    String key = request.getUriInfo().getRequestUri().toString();
    // a kept answer is checked by one autocommit statement: one round trip, no transaction
    KeptAnswers.Answer<T> kept = tx.autocommit(c -> answers.kept(Sql.on(c), key, reads, now));
    KeptAnswers.Answer<T> answer =
        kept != null
            ? kept
            : tx.readOnly(
                em ->
                    answers.answer(
                        Sql.of(em),
                        key,
                        reads,
                        now,
                        read,
                        entity -> bytes(providers, type, entity)));
    request.setProperty(KeptAnswerWriter.PROPERTY, answer.bytes());
    return answer.entity();
  }

  /** The entity as Jersey writes it as JSON (the same writer and ObjectMapper). */
  private static <T> byte[] bytes(Providers providers, GenericType<T> type, T entity) {
    @SuppressWarnings("unchecked")
    Class<T> raw = (Class<T>) type.getRawType();
    MessageBodyWriter<T> writer =
        providers.getMessageBodyWriter(raw, type.getType(), NONE, MediaType.APPLICATION_JSON_TYPE);
    if (writer == null) {
      throw new IllegalStateException("no JSON writer of " + type);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      writer.writeTo(
          entity,
          raw,
          type.getType(),
          NONE,
          MediaType.APPLICATION_JSON_TYPE,
          new MultivaluedHashMap<>(),
          out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** Rows as shared between requests: nobody may change them afterwards. */
  private static List<Map<String, Object>> frozen(List<Map<String, Object>> rows) {
    return rows.stream().map(Collections::unmodifiableMap).toList();
  }

  @POST
  @ApiDoc(
      value = "Creates a {model}; foreign keys are ids",
      request = "{model}_input",
      response = "{model}")
  public Response create(
      @PathParam("model") String path,
      Map<String, Object> input,
      @Context SecurityContext security,
      @Context UriInfo uri) {
    Served it = served(path);
    Rules.Actor actor = actor(Access.require(security, it.model().permission("add")));
    Map<String, Object> created =
        tx.required(em -> it.rules().create(inventory, Sql.of(em), it.model(), input, actor));
    return Response.created(uri.getAbsolutePathBuilder().path(created.get("id") + "/").build())
        .entity(created)
        .build();
  }

  @GET
  @Path("{id}")
  @ApiDoc(value = "One {model}", response = "{model}")
  public Map<String, Object> get(
      @PathParam("model") String path,
      @PathParam("id") long id,
      @Context SecurityContext security,
      @Context ContainerRequestContext request,
      @Context Providers providers) {
    Served it = served(path);
    Access.require(security, it.model().permission("view"));
    List<String> reads = KeptAnswers.reads(it.model(), Map.of());
    if (reads != null) {
      return kept(
          request,
          providers,
          reads,
          ROW,
          sql -> Collections.unmodifiableMap(inventory.get(sql, it.model(), id)));
    }
    return tx.readOnly(em -> inventory.get(Sql.of(em), it.model(), id));
  }

  @PUT
  @Path("{id}")
  @ApiDoc(value = "Replaces a {model}", request = "{model}_input", response = "{model}")
  public Map<String, Object> replace(
      @PathParam("model") String path,
      @PathParam("id") long id,
      Map<String, Object> input,
      @Context SecurityContext security) {
    return update(path, id, input, false, security);
  }

  @PATCH
  @Path("{id}")
  @ApiDoc(
      value = "Changes the given fields of a {model}",
      request = "{model}_patch",
      response = "{model}")
  public Map<String, Object> patch(
      @PathParam("model") String path,
      @PathParam("id") long id,
      Map<String, Object> input,
      @Context SecurityContext security) {
    return update(path, id, input, true, security);
  }

  private Map<String, Object> update(
      String path, long id, Map<String, Object> input, boolean partial, SecurityContext security) {
    Served it = served(path);
    Rules.Actor actor = actor(Access.require(security, it.model().permission("change")));
    return tx.required(
        em -> it.rules().update(inventory, Sql.of(em), it.model(), id, input, partial, actor));
  }

  @DELETE
  @Path("{id}")
  @ApiDoc("Deletes a {model}")
  public Response delete(
      @PathParam("model") String path,
      @PathParam("id") long id,
      @Context SecurityContext security) {
    Served it = served(path);
    Rules.Actor actor = actor(Access.require(security, it.model().permission("delete")));
    tx.required(
        em -> {
          it.rules().delete(inventory, Sql.of(em), it.model(), id, actor);
          return null;
        });
    return Response.noContent().build();
  }

  private Rules.Actor actor(User user) {
    return new Rules.Actor(user, clock.instant());
  }

  private Served served(String path) {
    Served it = models.get(path);
    if (it == null) {
      throw ProblemException.notFound("No model " + path + " here.");
    }
    return it;
  }
}
