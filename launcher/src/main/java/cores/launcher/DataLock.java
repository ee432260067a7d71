package cores.launcher;

import cores.launcher.env.RunMode;
import cores.launcher.env.Variable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One Cores process per CORES_DATA: the framework cache and the embedded database's files cannot be
 * shared. The lock is held for the life of the process and released by the OS when it ends, even
 * after SIGKILL, so a lock that can be taken also proves that no earlier process is alive.
 */
final class DataLock implements AutoCloseable {

  static final String FILE = "cores.lock";

  private final FileChannel channel;
  private final FileLock lock;

  private DataLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  static DataLock acquire(Path dataDirectory, RunMode mode) throws LaunchException {
    Path file = dataDirectory.resolve(FILE);
    FileChannel channel;
    try {
      channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new LaunchException(
          LaunchException.BAD_CONFIGURATION,
          Variable.CORES_DATA
              + ": cannot write "
              + file
              + " ("
              + e.getClass().getSimpleName()
              + ")",
          e);
    }
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (IOException | OverlappingFileLockException e) {
      lock = null;
    }
    if (lock == null) {
      close(channel);
      throw new LaunchException(
          LaunchException.BAD_CONFIGURATION,
          Variable.CORES_DATA
              + ": "
              + dataDirectory
              + " is in use by another Cores process"
              + (mode == RunMode.COMMAND ? " (the embedded database: stop the server first)" : ""));
    }
    return new DataLock(channel, lock);
  }

  @Override
  public void close() {
    try {
      lock.release();
    } catch (IOException e) {
      // the OS releases it when the process ends anyway
    }
    close(channel);
  }

  private static void close(FileChannel channel) {
    try {
      channel.close();
    } catch (IOException e) {
      // nothing left to do: the channel is being discarded
    }
  }
}
