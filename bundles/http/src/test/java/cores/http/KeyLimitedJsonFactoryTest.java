package cores.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KeyLimitedJsonFactoryTest {
  private static final ObjectMapper JSON = ObjectMapperResolver.newObjectMapper();

  /** {@code {"a0":1,"a1":1,...}} of {@code keys} keys. */
  private static byte[] keys(int keys) {
    StringBuilder body = new StringBuilder("{");
    for (int i = 0; i < keys; i++) {
      body.append(i == 0 ? "" : ",").append("\"a").append(i).append("\":1");
    }
    return body.append('}').toString().getBytes(StandardCharsets.US_ASCII);
  }

  @Test
  void aHugeObjectIsRefusedAfterItsFirstKeysWithoutReadingTheRest() {
    byte[] body = keys(300_000); // about 3.5 MB
    long[] read = {0};
    InputStream counted =
        new FilterInputStream(new ByteArrayInputStream(body)) {
          @Override
          public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            read[0] += Math.max(n, 0);
            return n;
          }
        };
    StreamConstraintsException e =
        assertThrows(StreamConstraintsException.class, () -> JSON.readValue(counted, Map.class));
    assertTrue(e.getOriginalMessage().contains("more than 1,000 keys"), e.getMessage());
    assertTrue(read[0] < 100_000, "read " + read[0] + " of " + body.length + " bytes");
  }

  @Test
  void nestedObjectsHaveTheLimitToo() {
    String nested = "[{\"free\":" + new String(keys(1001), StandardCharsets.US_ASCII) + "}]";
    assertThrows(StreamConstraintsException.class, () -> JSON.readValue(nested, Object.class));
  }

  @Test
  void anObjectOfAsManyKeysAsTheLimitIsRead() throws IOException {
    assertEquals(
        KeyLimitedJsonFactory.MAX_KEYS,
        JSON.readValue(keys(KeyLimitedJsonFactory.MAX_KEYS), Map.class).size());
    assertEquals(2, JSON.copy().readValue("{\"a\":[{\"b\":1}],\"c\":2}", Map.class).size());
  }
}
