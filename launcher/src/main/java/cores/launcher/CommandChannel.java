package cores.launcher;

import cores.launcher.osgi.Platform;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * How {@code bin/cores createsuperuser} reaches a server running on the same CORES_DATA: a Unix
 * domain socket, {@code CORES_DATA/run/cores.sock}, in a folder only the server's user may enter.
 * The command runs inside the server (its platform, its database connections), so it works beside a
 * server on the embedded database, where a second process cannot start, and takes a moment instead
 * of a second platform start.
 *
 * <p>Whoever may use the socket may create an admin: the folder's permissions (owner only) limit it
 * to the server's own user, who can read the data folder, the embedded database included, anyway.
 * Nothing listens on the network.
 *
 * <p>The exchange: the command's input ({@link CreateSuperuser#writeTo}), then the answer: the exit
 * code and the line to print.
 */
final class CommandChannel implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(CommandChannel.class.getName());

  /** How long a command waits for the server's platform to start. */
  private static final long PLATFORM_WAIT_MINUTES = 10;

  private final ServerSocketChannel server;
  private final Path socket;
  private final Thread acceptor;

  private CommandChannel(ServerSocketChannel server, Path socket, Thread acceptor) {
    this.server = server;
    this.socket = socket;
    this.acceptor = acceptor;
  }

  /** The socket's path for a data folder. */
  static Path socket(Path dataDirectory) {
    return folder(dataDirectory).resolve("cores.sock");
  }

  /** Only the server's user may enter it. */
  private static Path folder(Path dataDirectory) {
    return dataDirectory.resolve("run");
  }

  /**
   * The server's side: listens until closed, running each command in {@code platform} once it has
   * started. The caller holds the CORES_DATA lock, so a socket file left there is stale.
   *
   * @return empty when the socket cannot be made (logged: commands then start on their own)
   */
  static Optional<CommandChannel> open(Path dataDirectory, CompletableFuture<Platform> platform) {
    Path socket = socket(dataDirectory);
    try {
      Path folder = folder(dataDirectory);
      Files.createDirectories(folder);
      Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
      Files.deleteIfExists(socket);
      ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
      server.bind(UnixDomainSocketAddress.of(socket));
      Thread acceptor = new Thread(() -> serve(server, platform), "cores-commands");
      acceptor.setDaemon(true);
      acceptor.start();
      return Optional.of(new CommandChannel(server, socket, acceptor));
    } catch (IOException | UnsupportedOperationException e) {
      LOG.log(
          System.Logger.Level.WARNING,
          "commands cannot reach this server through {0} ({1}): createsuperuser beside it fails",
          socket,
          e.toString());
      return Optional.empty();
    }
  }

  private static void serve(ServerSocketChannel server, CompletableFuture<Platform> platform) {
    while (server.isOpen()) {
      try (SocketChannel client = server.accept()) {
        answer(client, platform);
      } catch (IOException e) {
        if (server.isOpen()) {
          LOG.log(System.Logger.Level.WARNING, "a command could not be answered: {0}", e);
        }
      }
    }
  }

  private static void answer(SocketChannel client, CompletableFuture<Platform> platform)
      throws IOException {
    // closing either stream closes the channel: both close once the answer is written
    try (DataInputStream in = new DataInputStream(Channels.newInputStream(client));
        DataOutputStream out = new DataOutputStream(Channels.newOutputStream(client))) {
      int code = 0;
      String line;
      try {
        CreateSuperuser command = CreateSuperuser.readFrom(in);
        LOG.log(
            System.Logger.Level.INFO, "running {0} from the command line", CreateSuperuser.NAME);
        line = command.run(started(platform));
      } catch (LaunchException e) {
        code = e.exitCode();
        line = e.getMessage();
      } catch (EOFException e) {
        return; // the command went away before it was complete
      }
      out.writeInt(code);
      out.writeUTF(line);
      out.flush();
    }
  }

  private static Platform started(CompletableFuture<Platform> platform) throws LaunchException {
    try {
      return platform.get(PLATFORM_WAIT_MINUTES, TimeUnit.MINUTES);
    } catch (ExecutionException | TimeoutException e) {
      throw new LaunchException(
          LaunchException.COMMAND_FAILED, CreateSuperuser.NAME + ": the server did not start");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LaunchException(
          LaunchException.COMMAND_FAILED, CreateSuperuser.NAME + ": the server is stopping");
    }
  }

  /**
   * The command's side: runs it in the server that listens on this data folder.
   *
   * @return the line to print; empty when no server listens (the command then runs on its own)
   * @throws LaunchException the server's refusal, with its exit code
   */
  static Optional<String> send(Path dataDirectory, CreateSuperuser command) throws LaunchException {
    Path socket = socket(dataDirectory);
    if (!Files.exists(socket)) {
      return Optional.empty();
    }
    SocketChannel channel;
    try {
      channel = SocketChannel.open(UnixDomainSocketAddress.of(socket));
    } catch (IOException e) {
      return Optional.empty(); // a socket file left by a server that was killed
    }
    try (channel;
        DataOutputStream out = new DataOutputStream(Channels.newOutputStream(channel));
        DataInputStream in = new DataInputStream(Channels.newInputStream(channel))) {
      command.writeTo(out);
      out.flush();
      int code = in.readInt();
      String line = in.readUTF();
      if (code != 0) {
        throw new LaunchException(code, line);
      }
      return Optional.of(line);
    } catch (IOException e) {
      throw new LaunchException(
          LaunchException.COMMAND_FAILED,
          CreateSuperuser.NAME + ": the server on " + dataDirectory + " did not answer (" + e + ")",
          e);
    }
  }

  /** Stops listening and removes the socket. */
  @Override
  public void close() {
    try {
      server.close();
      acceptor.join(TimeUnit.SECONDS.toMillis(5));
      Files.deleteIfExists(socket);
    } catch (IOException e) {
      LOG.log(System.Logger.Level.WARNING, "could not remove {0}", socket);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
