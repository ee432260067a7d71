package cores.http;

import java.io.ByteArrayOutputStream;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fields of a form body that are not URL-encoded UTF-8: a broken {@code %} escape (Jersey
 * answered a bare "Bad Request" naming nothing) or escapes whose bytes are not UTF-8 ({@code %FF}:
 * Jersey put U+FFFD in their place, and the page stored that instead of what was sent).
 */
final class FormEncoding {
  static final String BROKEN_ESCAPE = "a % not followed by two hexadecimal digits";
  static final String NOT_UTF8 = "not UTF-8 once its %-escapes are decoded";

  private FormEncoding() {}

  /** By field name (as far as it decodes), the problem of each field that is not well encoded. */
  static Map<String, List<String>> problems(byte[] body) {
    Map<String, List<String>> errors = new LinkedHashMap<>();
    for (String pair : new String(body, StandardCharsets.ISO_8859_1).split("&")) {
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      String problem = problem(name);
      if (problem == null && eq >= 0) {
        problem = problem(pair.substring(eq + 1));
      }
      if (problem != null) {
        errors.putIfAbsent(shown(name), List.of(problem));
      }
    }
    return errors;
  }

  /** The fields of a form whose {@link #problems} are none, decoded as the pages read them. */
  static Map<String, List<String>> fields(byte[] body) {
    Map<String, List<String>> fields = new LinkedHashMap<>();
    for (String pair : new String(body, StandardCharsets.US_ASCII).split("&")) {
      int eq = pair.indexOf('=');
      fields
          .computeIfAbsent(
              URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
              n -> new ArrayList<>())
          .add(eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return fields;
  }

  /** The problem of one encoded name or value, or null. */
  private static String problem(String encoded) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(encoded.length());
    for (int i = 0; i < encoded.length(); i++) {
      char c = encoded.charAt(i);
      if (c == '%') {
        int high = i + 2 < encoded.length() ? Character.digit(encoded.charAt(i + 1), 16) : -1;
        int low = high < 0 ? -1 : Character.digit(encoded.charAt(i + 2), 16);
        if (low < 0) {
          return BROKEN_ESCAPE;
        }
        bytes.write(high * 16 + low);
        i += 2;
      } else {
        bytes.write(c); // the body's own bytes, read as ISO-8859-1: one char a byte
      }
    }
    try {
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes.toByteArray()));
      return null;
    } catch (CharacterCodingException e) {
      return NOT_UTF8;
    }
  }

  /** A name as far as it decodes, for the answer: what does not decode is left as sent. */
  private static String shown(String encoded) {
    try {
      String name = URLDecoder.decode(encoded, StandardCharsets.UTF_8);
      return name.indexOf('\uFFFD') < 0 ? name : encoded;
    } catch (IllegalArgumentException e) {
      return encoded;
    }
  }
}
