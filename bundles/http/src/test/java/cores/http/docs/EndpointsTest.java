package cores.http.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.annotation.JsonProperty;
import cores.api.web.ApiDoc;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.glassfish.jersey.server.model.Resource;
import org.junit.jupiter.api.Test;

/** The generator against sample resources, as Jersey models them. */
class EndpointsTest {

  /** A record answer, generic like the API's pages. */
  public record Box<T>(long count, List<T> items, @JsonProperty("taken_at") Instant takenAt) {}

  public record Input(String name, int size) {}

  @Path("/shop/{kind: [a-z]+}/")
  @Produces(MediaType.APPLICATION_JSON)
  @Consumes(MediaType.APPLICATION_JSON)
  @ApiDoc(
      area = "store",
      permission = "shop.{action}_{kind}",
      values =
          @ApiDoc.Values(
              param = "kind",
              value = {"fruit", "veg", "greens=veg"}))
  public static final class Shop {
    @GET
    @ApiDoc(
        value = "Lists the {kind}",
        query = {"colour: only this colour", "limit: page size"})
    public Box<Input> list(
        @PathParam("kind") String kind,
        @QueryParam("limit") @DefaultValue("50") int limit,
        @Context UriInfo uri) {
      return null;
    }

    @POST
    @ApiDoc(request = "{kind}_input", response = "{kind}")
    public Response create(@PathParam("kind") String kind, Input input) {
      return null;
    }

    @GET
    @Path("{id: [0-9]+}")
    @ApiDoc(permission = ApiDoc.ANONYMOUS, response = "{kind}")
    public Map<String, Object> get(@PathParam("kind") String kind, @PathParam("id") long id) {
      return null;
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed({"shop.delete_any", "shop.admin"})
    public void delete(@PathParam("kind") String kind, @PathParam("id") long id) {}

    /** A sub-resource locator: where it leads is only known per request. */
    @Path("more")
    public Object more() {
      return new Object();
    }
  }

  @Path("plain")
  @RolesAllowed("plain.view_thing")
  public static final class Plain {
    @GET
    @Produces(MediaType.TEXT_PLAIN)
    public String text(@QueryParam("q") Optional<String> q) {
      return "";
    }

    @POST
    @PermitAll
    public void open() {}
  }

  private static List<Operation> operations(Class<?>... types) {
    return Endpoints.of(List.of(types).stream().map(Resource::from).toList(), List.of());
  }

  private static Operation find(List<Operation> operations, String method, String path) {
    return operations.stream()
        .filter(o -> o.method().equals(method) && o.path().equals(path))
        .findFirst()
        .orElseThrow(() -> new AssertionError(method + " " + path + " in " + operations));
  }

  @Test
  void aPathTemplateWithDocumentedValuesIsListedOncePerValueWithoutItsRegularExpressions() {
    List<Operation> operations = operations(Shop.class);
    List<String> paths = operations.stream().map(o -> o.method() + " " + o.path()).toList();
    assertEquals(
        List.of(
            "GET /api/shop/fruit",
            "POST /api/shop/fruit",
            "GET /api/shop/fruit/{id}",
            "DELETE /api/shop/fruit/{id}",
            "GET /api/shop/greens",
            "POST /api/shop/greens",
            "GET /api/shop/greens/{id}",
            "DELETE /api/shop/greens/{id}",
            "GET /api/shop/veg",
            "POST /api/shop/veg",
            "GET /api/shop/veg/{id}",
            "DELETE /api/shop/veg/{id}"),
        paths);
    assertTrue(operations.stream().allMatch(o -> o.area().equals("store")));
    assertEquals("/api/shop/greens", find(operations, "GET", "/api/shop/greens/{id}").root());
  }

  @Test
  void pathAndQueryParametersComeFromTheMethodAndTheAnnotation() {
    Operation list = find(operations(Shop.class), "GET", "/api/shop/fruit");
    assertEquals("Lists the fruit", list.summary());
    List<Operation.Param> params = list.parameters();
    assertEquals(List.of("limit", "colour"), params.stream().map(Operation.Param::name).toList());
    Operation.Param limit = params.get(0);
    assertEquals("query", limit.in());
    assertEquals(int.class, limit.type());
    assertEquals("50", limit.defaultValue());
    assertEquals("page size", limit.description());
    assertFalse(limit.required());
    assertEquals("only this colour", params.get(1).description());

    Operation.Param id =
        find(operations(Shop.class), "GET", "/api/shop/fruit/{id}").parameters().get(0);
    assertEquals(new Operation.Param("id", "path", long.class, true, "", null), id);
  }

  @Test
  void theTemplateParameterStaysAParameterWhenItsValuesAreNotDocumented() {
    List<Operation> operations = operations(Plain.class, Undocumented.class);
    Operation get = find(operations, "GET", "/api/open/{name}");
    assertEquals(List.of("name"), get.parameters().stream().map(Operation.Param::name).toList());
    assertTrue(get.parameters().get(0).required());
    assertEquals("open", get.area());
    assertEquals("", get.permission());
    assertEquals("", get.summary());
  }

  @Path("open/{name}")
  public static final class Undocumented {
    @GET
    public String get() {
      return "";
    }
  }

  @Test
  void permissionsFillInTheActionAndTheAliasedValueAndMethodsWin() {
    List<Operation> operations = operations(Shop.class);
    assertEquals("shop.view_veg", find(operations, "GET", "/api/shop/greens").permission());
    assertEquals("shop.add_fruit", find(operations, "POST", "/api/shop/fruit").permission());
    assertEquals(ApiDoc.ANONYMOUS, find(operations, "GET", "/api/shop/veg/{id}").permission());
  }

  @Test
  void rolesAllowedStateThePermissionWhenTheAnnotationDoesNot() {
    List<Operation> operations = operations(Plain.class, Shop.class);
    assertEquals("plain.view_thing", find(operations, "GET", "/api/plain").permission());
    assertEquals("", find(operations, "POST", "/api/plain").permission());
    // the class's ApiDoc permission is stated, so it wins over the method's RolesAllowed
    assertEquals(
        "shop.delete_fruit", find(operations, "DELETE", "/api/shop/fruit/{id}").permission());
  }

  @Test
  void mediaTypesAndBodiesComeFromTheResource() {
    List<Operation> operations = operations(Shop.class, Plain.class);
    Operation create = find(operations, "POST", "/api/shop/fruit");
    assertEquals(Input.class, create.requestBody());
    assertEquals(List.of("application/json"), create.consumes());
    assertNull(create.responseType(), "a Response says nothing about its entity");
    assertEquals(List.of("text/plain"), find(operations, "GET", "/api/plain").produces());
    assertNull(find(operations, "DELETE", "/api/shop/fruit/{id}").responseType());
  }

  @Test
  void subResourceLocatorsAreLeftOut() {
    assertTrue(operations(Shop.class).stream().noneMatch(o -> o.path().contains("more")));
  }

  @Test
  void operationIdsAreUniqueAcrossTheConcretePaths() {
    List<Operation> operations = operations(Shop.class);
    assertEquals(
        operations.size(), operations.stream().map(Operation::operationId).distinct().count());
    assertEquals("shop_list_greens", find(operations, "GET", "/api/shop/greens").operationId());
  }

  @Test
  @SuppressWarnings("unchecked")
  void bodiesAndAnswersUseTheSchemasTheResourcesPublishWhenTheyPublishThem() {
    Map<String, Map<String, Object>> published =
        Map.of(
            "veg", Map.of("type", "object"),
            "veg_input", Map.of("type", "object", "required", List.of("name")));
    Map<String, Object> doc = OpenApi.document(operations(Shop.class), published, "1");
    assertEquals(published, ((Map<String, Object>) doc.get("components")).get("schemas"));
    Map<String, Object> paths = (Map<String, Object>) doc.get("paths");
    String greensCreate =
        ((Map<String, Object>) paths.get("/api/shop/greens")).get("post").toString();
    assertTrue(greensCreate.contains("schema={$ref=#/components/schemas/veg_input}"), greensCreate);
    assertTrue(greensCreate.contains("schema={$ref=#/components/schemas/veg}"), greensCreate);
    String vegGet = ((Map<String, Object>) paths.get("/api/shop/veg/{id}")).get("get").toString();
    assertTrue(vegGet.contains("schema={$ref=#/components/schemas/veg}"), vegGet);
    // nothing published for fruit: its body is described from its Java type, its answer is any
    String fruitCreate =
        ((Map<String, Object>) paths.get("/api/shop/fruit")).get("post").toString();
    assertFalse(fruitCreate.contains("$ref"), fruitCreate);
    assertTrue(fruitCreate.contains("size={type=integer"), fruitCreate);
    // a body: Jackson refuses unknown properties and leaves absent ones null
    assertTrue(fruitCreate.contains("additionalProperties=false"), fruitCreate);
    assertFalse(fruitCreate.contains("required=["), fruitCreate);
  }

  @Test
  void templatesLoseSlashesAtTheEndsAndRegularExpressionsEvenWithBraces() {
    assertEquals("a/{id}/b", Endpoints.template("/a/{ id : [0-9]{1,3} }/b/"));
    assertEquals("", Endpoints.template("/"));
  }

  @Test
  @SuppressWarnings("unchecked")
  void theOpenApiDocumentDescribesOperationsParametersAndRecordSchemas() {
    Map<String, Object> doc =
        OpenApi.document(operations(Shop.class, Plain.class), Map.of(), "1.2.3");
    assertEquals("3.1.0", doc.get("openapi"));
    assertEquals("1.2.3", ((Map<String, Object>) doc.get("info")).get("version"));
    Map<String, Object> paths = (Map<String, Object>) doc.get("paths");
    Map<String, Object> list =
        (Map<String, Object>) ((Map<String, Object>) paths.get("/api/shop/veg")).get("get");
    assertEquals("shop.view_veg", list.get("x-permission"));
    assertEquals(List.of("store"), list.get("tags"));
    List<Map<String, Object>> params = (List<Map<String, Object>>) list.get("parameters");
    assertEquals(
        Map.of(
            "name",
            "limit",
            "in",
            "query",
            "required",
            false,
            "description",
            "page size",
            "schema",
            Map.of("type", "integer", "format", "int32", "default", "50")),
        params.get(0));
    Map<String, Object> schema =
        (Map<String, Object>)
            ((Map<String, Object>)
                    ((Map<String, Object>)
                            ((Map<String, Object>)
                                    ((Map<String, Object>) list.get("responses")).get("default"))
                                .get("content"))
                        .get("application/json"))
                .get("schema");
    assertEquals(
        Map.of(
            "type",
            "object",
            "properties",
            Map.of(
                "count",
                Map.of("type", "integer", "format", "int64"),
                "items",
                Map.of(
                    "type",
                    "array",
                    "items",
                    Map.of(
                        "type",
                        "object",
                        "properties",
                        Map.of(
                            "name",
                            Map.of("type", List.of("string", "null")),
                            "size",
                            Map.of("type", "integer", "format", "int32")),
                        "required",
                        List.of("name", "size"))),
                "taken_at",
                Map.of("type", List.of("string", "null"), "format", "date-time")),
            "required",
            List.of("count", "items", "taken_at")),
        schema);
    Map<String, Object> create =
        (Map<String, Object>) ((Map<String, Object>) paths.get("/api/shop/veg")).get("post");
    assertTrue(create.get("requestBody").toString().contains("application/json"));
    Map<String, Object> byId =
        (Map<String, Object>) ((Map<String, Object>) paths.get("/api/shop/veg/{id}")).get("get");
    assertEquals("path", ((List<Map<String, Object>>) byId.get("parameters")).get(0).get("in"));
  }

  @Test
  void thePageGroupsByAreaAndEscapesWhatResourcesSay() {
    String html = DocsPage.render(operations(Shop.class, Plain.class, Undocumented.class));
    assertTrue(html.contains("<section id=\"area-store\">"), html);
    assertTrue(html.contains("<section id=\"area-plain\">"), html);
    assertTrue(html.contains("<code>/api/shop/fruit/{id}</code>"), html);
    assertTrue(html.contains("<code>limit</code> (query, integer, default 50): page size"), html);
    assertTrue(html.contains("plain.view_thing"), html);
    assertFalse(html.contains("<script"), html);
    assertFalse(html.contains("style="), html);
    Operation hostile =
        new Operation(
            "/api/x",
            "/api/x",
            "GET",
            "x",
            "<script>alert(1)</script>",
            "",
            List.of(),
            List.of(),
            List.of(),
            null,
            null,
            "x",
            "",
            "");
    String escaped = DocsPage.render(List.of(hostile));
    assertFalse(escaped.contains("<script>"), escaped);
    assertTrue(escaped.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), escaped);
  }
}
