package cores.domain.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import cores.api.web.ProblemException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The live API's POSTs: none ignores a body it is sent. */
class LiveActionBodiesTest {
  private static final List<Class<?>> LIVE =
      List.of(
          ScanConflictResource.class,
          OfflineWarningResource.class,
          LiveResource.class,
          IgnoredMacResource.class,
          ScanSessionResource.class);

  @Test
  void everyLivePostReadsItsBodySoThatNoneIgnoresWhatItIsSent() {
    List<String> ignoring = new ArrayList<>();
    for (Class<?> resource : LIVE) {
      for (Method method : resource.getMethods()) {
        if (method.isAnnotationPresent(POST.class) && !takesBody(method)) {
          ignoring.add(resource.getSimpleName() + "." + method.getName());
        }
      }
    }
    assertEquals(List.of(), ignoring);
  }

  @Test
  void anActionThatTakesNoInputRefusesEveryFieldAndTakesNoBodyOrAnEmptyObject() {
    ActionBody.none(null);
    ActionBody.none(Map.of());
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", "resolved");
    body.put("comment", "done");
    ProblemException refused = assertThrows(ProblemException.class, () -> ActionBody.none(body));
    assertEquals(400, refused.status());
    assertEquals(
        Map.of("status", List.of("unknown field"), "comment", List.of("unknown field")),
        refused.errors());
  }

  /** Whether a parameter is the entity: neither a path parameter nor a context. */
  private static boolean takesBody(Method method) {
    for (Parameter p : method.getParameters()) {
      if (!p.isAnnotationPresent(PathParam.class) && !p.isAnnotationPresent(Context.class)) {
        return true;
      }
    }
    return false;
  }
}
