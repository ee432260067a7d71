package cores.launcher;

import cores.launcher.db.EmbeddedDatabase;
import cores.launcher.osgi.Platform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import sun.misc.Signal;

/**
 * Shutdown in order: framework first (bundles stop, the pool closes, in-flight requests finish),
 * then the embedded database.
 *
 * <p>SIGTERM and SIGINT are handled, not left to the JVM's default: by default the JVM runs the
 * shutdown hooks and then exits with 143/130, while a clean stop must exit with 0. A signal during
 * start-up interrupts the starting thread, which then cleans up. A shutdown hook remains as the
 * safety net for other ways the JVM ends (SIGHUP, System.exit on an error path).
 */
final class Lifecycle {

  private static final System.Logger LOG = System.getLogger(Lifecycle.class.getName());

  private final Thread starter;
  private DataLock dataLock;
  private CommandChannel commands;
  private Path scratch;
  private EmbeddedDatabase database;
  private Platform platform;
  private boolean running;
  private boolean stopRequested;
  private boolean closed;

  Lifecycle(Thread starter) {
    this.starter = starter;
  }

  void handleSignals() {
    Signal.handle(new Signal("TERM"), s -> requestStop("SIGTERM"));
    Signal.handle(new Signal("INT"), s -> requestStop("SIGINT"));
    Runtime.getRuntime().addShutdownHook(new Thread(this::close, "cores-shutdown"));
  }

  /** A temporary folder to delete when the process ends; returned for convenience. */
  synchronized Path scratch(Path folder) {
    this.scratch = folder;
    return folder;
  }

  synchronized void dataLock(DataLock lock) {
    this.dataLock = lock;
  }

  /** The commands' way in: closed first, so that no command starts while the server stops. */
  synchronized void commands(CommandChannel channel) {
    this.commands = channel;
  }

  /** The embedded database to stop last; stopped at once if the process is already ending. */
  void database(EmbeddedDatabase db) {
    synchronized (this) {
      if (!closed) {
        this.database = db;
        return;
      }
    }
    db.close(); // started while a signal or an error ended the start
  }

  /**
   * Marks the platform as started; false when a stop was requested meanwhile (the caller returns
   * and {@link #close()} stops it).
   */
  synchronized boolean running(Platform started) {
    this.platform = started;
    this.running = !stopRequested;
    return running;
  }

  synchronized boolean stopRequested() {
    return stopRequested;
  }

  void awaitStop() {
    Platform p;
    synchronized (this) {
      p = platform;
    }
    try {
      p.awaitStop();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void requestStop(String signal) {
    Platform p;
    synchronized (this) {
      if (stopRequested) {
        return;
      }
      stopRequested = true;
      p = running ? platform : null;
    }
    LOG.log(System.Logger.Level.INFO, "{0}: stopping", signal);
    if (p != null) {
      p.stop(); // the starter thread wakes from awaitStop() and closes the rest
    } else {
      starter.interrupt();
    }
  }

  /** Stops whatever was started, once; not cut short by an interrupt (SIGTERM while starting). */
  void close() {
    boolean interrupted = Thread.interrupted();
    try {
      closeOnce();
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void closeOnce() {
    Platform p;
    EmbeddedDatabase db;
    DataLock lock;
    Path temporary;
    CommandChannel channel;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      channel = commands;
      p = platform;
      db = database;
      lock = dataLock;
      temporary = scratch;
    }
    if (channel != null) {
      channel.close();
    }
    if (p != null) {
      p.stop();
      LOG.log(System.Logger.Level.INFO, "framework stopped");
    }
    if (db != null) {
      db.close();
    }
    if (lock != null) {
      lock.close();
    }
    if (temporary != null) {
      deleteRecursively(temporary);
    }
  }

  private static void deleteRecursively(Path folder) {
    try (Stream<Path> paths = Files.walk(folder)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      LOG.log(System.Logger.Level.WARNING, "could not delete {0}", folder);
    }
  }
}
