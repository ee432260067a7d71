package cores.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The image's entrypoint (launcher/src/docker/docker-entrypoint.sh) run natively, with the
 * container's /etc/hostname stood in for: a plain {@code docker run} gives HOSTNAME the container's
 * id, and Kubernetes the pod's name, neither of which Cores may take as the site's name.
 */
class DockerEntrypointIT {
  private static final String CONTAINER_ID = "0123456789ab";
  private static final String POD = "cores-7d9f8b6c5-x2x4z";
  private static final String KUBERNETES = "10.96.0.1";

  @TempDir Path work;

  @Test
  void dockersDefaultHostnameIsNotTheSitesName() throws Exception {
    NativeStack.Result plain = run(CONTAINER_ID, CONTAINER_ID);
    assertEquals(0, plain.exit(), plain.output());
    assertTrue(plain.output().contains("HOSTNAME=<unset>"), plain.output());
    assertTrue(
        plain
            .output()
            .contains("cores: HOSTNAME is not set (Docker's default is the container id,"),
        plain.output());
  }

  @Test
  void aHostnameTheOperatorGaveIsKept() throws Exception {
    // -e HOSTNAME=...
    NativeStack.Result given = run("cores.example.com", CONTAINER_ID);
    assertTrue(given.output().contains("HOSTNAME=cores.example.com\n"), given.output());
    // --hostname ... (Docker then sets both)
    NativeStack.Result named = run("cores.example.com", "cores.example.com");
    assertTrue(named.output().contains("HOSTNAME=cores.example.com\n"), named.output());
    // a short name that only looks like hex elsewhere
    NativeStack.Result shortName = run("labcores", "labcores");
    assertTrue(shortName.output().contains("HOSTNAME=labcores\n"), shortName.output());
    assertFalse(given.output().contains("cores: HOSTNAME"), given.output());
  }

  @Test
  void aKubernetesPodsNameIsNotTheSitesName() throws Exception {
    // the kubelet gives HOSTNAME and /etc/hostname the pod's name, not a container id
    NativeStack.Result pod = run(POD, POD, KUBERNETES);
    assertEquals(0, pod.exit(), pod.output());
    assertTrue(pod.output().contains("HOSTNAME=<unset>"), pod.output());
    assertTrue(
        pod.output()
            .contains("cores: HOSTNAME is not set (Kubernetes' default is the pod's name, " + POD),
        pod.output());
  }

  @Test
  void aHostnameSetInThePodsEnvIsKept() throws Exception {
    NativeStack.Result given = run("cores.example.com", POD, KUBERNETES);
    assertTrue(given.output().contains("HOSTNAME=cores.example.com\n"), given.output());
    assertFalse(given.output().contains("cores: HOSTNAME"), given.output());
  }

  @Test
  void aNameLikeAPodsOutsideKubernetesIsKept() throws Exception {
    // docker run --hostname cores-7d9f8b6c5-x2x4z: the operator chose it
    NativeStack.Result named = run(POD, POD);
    assertTrue(named.output().contains("HOSTNAME=" + POD + "\n"), named.output());
  }

  private NativeStack.Result run(String hostname, String containerName) throws Exception {
    return run(hostname, containerName, "");
  }

  /**
   * @param kubernetesHost KUBERNETES_SERVICE_HOST, or "" for a container outside Kubernetes (set to
   *     "" too when this test itself runs in a pod)
   */
  private NativeStack.Result run(String hostname, String containerName, String kubernetesHost)
      throws Exception {
    Path hostnameFile = work.resolve("hostname");
    Files.writeString(hostnameFile, containerName + "\n", StandardCharsets.UTF_8);
    Path entrypoint = NativeStack.repository().resolve("launcher/src/docker/docker-entrypoint.sh");
    return NativeStack.run(
        work,
        Map.of(
            "HOSTNAME",
            hostname,
            "HOSTNAME_FILE",
            hostnameFile.toString(),
            "KUBERNETES_SERVICE_HOST",
            kubernetesHost,
            "STATIC_SOURCE",
            work.resolve("no-static").toString()),
        "sh",
        entrypoint.toString(),
        "sh",
        "-c",
        "echo \"HOSTNAME=${HOSTNAME-<unset>}\"");
  }
}
