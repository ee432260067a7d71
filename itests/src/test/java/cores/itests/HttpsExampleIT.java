package cores.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The HTTPS example is written for the nginx of the image nginx/Dockerfile builds on (HTTP/2 by
 * {@code http2 on;} from 1.25.1, where {@code listen ... http2} is deprecated and warned about),
 * and {@code nginx -t} takes it as its comment says to write it for the nginx here. {@link StackIT}
 * runs it.
 */
class HttpsExampleIT {
  private static final Pattern FROM = Pattern.compile("(?m)^FROM nginx:(\\S+)\\s*$");
  private static final Pattern VERSIONED_TAG = Pattern.compile("(\\d+)\\.(\\d+)(?:\\.(\\d+))?.*");

  private final Path repository = NativeStack.repository();

  @Test
  void theExampleSwitchesHttp2OnTheWayTheImagesNginxDoes() throws Exception {
    String dockerfile =
        Files.readString(repository.resolve("nginx/Dockerfile"), StandardCharsets.UTF_8);
    Matcher from = FROM.matcher(dockerfile);
    assertTrue(from.find(), "nginx/Dockerfile builds on the official nginx image:\n" + dockerfile);
    Matcher versioned = VERSIONED_TAG.matcher(from.group(1));
    // a tag without a version (alpine, latest, stable, mainline) is today's nginx, past 1.25.1
    boolean current =
        !versioned.matches()
            || HttpsExample.atLeast(
                new int[] {
                  Integer.parseInt(versioned.group(1)),
                  Integer.parseInt(versioned.group(2)),
                  versioned.group(3) == null ? 0 : Integer.parseInt(versioned.group(3))
                },
                1,
                25,
                1);
    String example = example();
    String listen443 =
        example.lines().filter(l -> l.strip().startsWith("listen 443")).findFirst().orElse("");
    if (current) {
      assertFalse(
          listen443.contains("http2"), "deprecated on nginx:" + from.group(1) + ": " + listen443);
      assertTrue(example.contains("\n    http2 on;\n"), "HTTP/2 is switched on by http2 on;");
    } else {
      assertTrue(listen443.contains("http2"), "nginx:" + from.group(1) + " lacks http2 on;");
    }
  }

  @Test
  void nginxTestsTheExampleAsWrittenForItsVersion() throws Exception {
    Path nginx = NativeStack.tool("nginx");
    Path work =
        Files.createDirectories(
            Path.of(System.getProperty("cores.itests.logs", "target/it-logs"))
                .toAbsolutePath()
                .resolve("https-example-" + System.currentTimeMillis()));
    Path conf = NativeStack.copyOfNginxFolder(work, "nginx");
    Files.delete(conf.resolve("conf.d/cores.conf"));
    Path server = conf.resolve("conf.d/cores-https.conf");
    Files.delete(conf.resolve("conf.d/cores-https.conf.example"));
    Files.writeString(
        server,
        HttpsExample.forNginx(example(), HttpsExample.version(nginx)),
        StandardCharsets.UTF_8);
    HttpsExample.certificate(conf);

    NativeStack.Result test =
        NativeStack.run(
            conf,
            Map.of(),
            nginx.toString(),
            "-t",
            "-e",
            "stderr",
            "-p",
            conf.toString(),
            "-c",
            conf.resolve("nginx.conf").toString(),
            "-g",
            "pid " + conf.resolve("nginx.pid") + ";");
    assertEquals(0, test.exit(), test.output());
    assertFalse(test.output().contains("[warn]"), test.output());
  }

  private String example() throws Exception {
    return Files.readString(
        repository.resolve("nginx/conf.d/cores-https.conf.example"), StandardCharsets.UTF_8);
  }
}
