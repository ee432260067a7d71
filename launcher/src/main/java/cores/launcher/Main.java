package cores.launcher;

import cores.envconfig.Resolved;
import cores.envconfig.Selection;
import cores.envconfig.Switch;
import cores.envconfig.SwitchException;
import cores.launcher.db.DatabaseWaiter;
import cores.launcher.db.EmbeddedDatabase;
import cores.launcher.env.ConfigurationPlan;
import cores.launcher.env.Database;
import cores.launcher.env.EnvironmentException;
import cores.launcher.env.EnvironmentParser;
import cores.launcher.env.RunMode;
import cores.launcher.env.Settings;
import cores.launcher.env.Variable;
import cores.launcher.feature.Feature;
import cores.launcher.feature.FeatureReader;
import cores.launcher.osgi.Platform;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * {@code bin/cores}: validates the environment, starts the database (embedded or waits for the
 * operator's), starts Felix with the features' bundles and configurations, and runs until SIGTERM
 * or SIGINT (exit code 0), or runs one command and exits.
 *
 * <p>Exit codes: 0 ok; 1 the command failed; 2 bad configuration (also settings the database
 * refuses); 3 database unavailable; 4 the platform did not start. Errors are one line on stderr,
 * {@code cores: <message>} (and maybe a {@code hint:} line), never with a stack trace or a secret.
 */
public final class Main {

  private static final System.Logger LOG = System.getLogger(Main.class.getName());

  /**
   * The property of {@code cores.system} listing the features' settings as {@code VARIABLE pid
   * property}: the system page shows their values, masked by the type the component declares.
   */
  static final String DECLARED = "cores.declared";

  private final Map<String, String> env;
  private final Path workingDirectory;
  private final Path home;
  private final PrintStream out;
  private final PrintStream err;
  private final Lifecycle lifecycle = new Lifecycle(Thread.currentThread());

  Main(
      Map<String, String> env, Path workingDirectory, Path home, PrintStream out, PrintStream err) {
    this.env = env;
    this.workingDirectory = workingDirectory;
    this.home = home;
    this.out = out;
    this.err = err;
  }

  public static void main(String[] args) {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
    Main main = new Main(System.getenv(), Path.of("").toAbsolutePath(), home(), out, err);
    main.lifecycle.handleSignals();
    // Felix's threads are not daemons: exit explicitly with the code
    System.exit(main.run(args));
  }

  int run(String[] args) {
    try {
      Invocation invocation = Invocation.parse(args);
      if (invocation.help()) {
        out.println(Invocation.HELP);
        return 0;
      }
      RunMode mode = invocation.mode();
      List<Feature> available =
          new FeatureReader(home.resolve("features"), home.resolve("bundles")).readAll();
      Set<String> declared = new LinkedHashSet<>();
      available.forEach(f -> declared.addAll(f.declaration().variables()));
      Settings settings = EnvironmentParser.parse(env, workingDirectory, mode, declared);
      Logging.configure(settings, mode);
      settings.warnings().forEach(w -> LOG.log(System.Logger.Level.WARNING, w));
      List<Feature> features = features(available, mode, env);
      CreateSuperuser command =
          mode == RunMode.COMMAND
              ? CreateSuperuser.prepare(invocation.options(), env, System.in, System.console())
              : null;
      if (command != null) {
        // a server on this CORES_DATA runs it (its database may be the embedded one)
        Optional<String> answer = CommandChannel.send(settings.dataDirectory(), command);
        if (answer.isPresent()) {
          out.println(answer.get());
          return 0;
        }
        if (settings.externalDatabase().isEmpty()
            && !EmbeddedDatabase.existsIn(settings.dataDirectory())) {
          throw noServerData(settings.dataDirectory());
        }
      }
      if (mode == RunMode.SERVER && settings.secretKey().isEmpty()) {
        settings = settings.withSecretKey(SecretKeys.loadOrCreate(settings.dataDirectory()));
        LOG.log(
            System.Logger.Level.WARNING,
            "DEBUG is True and SECRET_KEY is unset: using the generated key in CORES_DATA");
      }
      LOG.log(System.Logger.Level.INFO, "configuration {0}", settings.maskedView());
      createDirectories(settings.dataDirectory(), Variable.CORES_DATA);
      makePrivate(settings.dataDirectory());
      // A command beside a running server (docker compose exec ... createsuperuser) must not
      // touch the server's framework cache; only the embedded database forces one process.
      boolean embedded = settings.externalDatabase().isEmpty();
      if (mode == RunMode.SERVER || embedded) {
        lifecycle.dataLock(DataLock.acquire(settings.dataDirectory(), mode));
      }
      CompletableFuture<Platform> started = new CompletableFuture<>();
      if (mode == RunMode.SERVER) {
        CommandChannel.open(settings.dataDirectory(), started).ifPresent(lifecycle::commands);
      }
      Path storage =
          mode == RunMode.SERVER
              ? settings.dataDirectory().resolve("felix-cache")
              : lifecycle.scratch(Files.createTempDirectory("cores-command-"));

      // The database is made ready (waited for, or the embedded one started) while the framework
      // starts its first levels; the configurations need it only when Configuration Admin runs.
      CompletableFuture<Database> database = prepareDatabase(settings);
      if (mode == RunMode.SERVER) {
        Preinitializer.start();
      }
      Map<String, String> frameworkProperties = Map.of();
      if (mode == RunMode.SERVER) {
        PluginsFolder.create(settings.pluginsDirectory());
        frameworkProperties = PluginsFolder.frameworkProperties(settings.pluginsDirectory());
      }
      Settings effective = settings;
      Platform platform;
      try {
        platform =
            Platform.start(
                storage,
                home.resolve("bundles"),
                features,
                () ->
                    configurations(
                        features, env, ConfigurationPlan.of(effective, await(database), mode)),
                frameworkProperties,
                settings.debug());
      } catch (LaunchException e) {
        if (FolderProblems.noSpace(e)) {
          // the framework's cache is in CORES_DATA (a command's in a temporary folder)
          throw new LaunchException(
              LaunchException.BAD_CONFIGURATION,
              (mode == RunMode.SERVER ? Variable.CORES_DATA + ": " : "")
                  + storage.getParent()
                  + ": no space left on device",
              e);
        }
        throw e;
      }
      if (!lifecycle.running(platform)) {
        return 0; // a signal arrived while starting
      }
      started.complete(platform);
      Optional<Path> warmUp = ClassDataWarmUp.marker();
      if (warmUp.isPresent()) {
        // bin/cores cds: the JVM writes the class data archive as it exits
        new ClassDataWarmUp(
                settings.httpAddress(),
                settings.httpPort(),
                ClassDataWarmUp.READY_WITHIN,
                lifecycle::stopRequested)
            .run(warmUp.get());
        linkLoadedClasses(platform);
        return 0;
      }
      if (command != null) {
        out.println(command.run(platform));
        return 0;
      }
      lifecycle.awaitStop();
      return 0;
    } catch (LaunchException e) {
      if (lifecycle.stopRequested()) {
        return 0; // the start was interrupted by SIGTERM/SIGINT: not an error
      }
      err.println("cores: " + e.getMessage());
      e.hint().ifPresent(hint -> err.println("hint: " + hint));
      if (e.getCause() != null) {
        // the operator's error is the line above: the cause in one line, not a stack trace
        LOG.log(System.Logger.Level.DEBUG, "cause: {0}", oneLine(e.getCause()));
      }
      return e.exitCode();
    } catch (IOException e) {
      err.println("cores: cannot create a temporary folder (" + e.getMessage() + ")");
      return LaunchException.COMMAND_FAILED;
    } catch (RuntimeException e) {
      if (lifecycle.stopRequested()) {
        return 0; // the interrupt of SIGTERM/SIGINT surfaced in library code (e.g. Felix's
        // resolver)
      }
      // a defect, not an operator error: the trace goes to the log, one line to stderr
      LOG.log(System.Logger.Level.ERROR, "unexpected failure", e);
      err.println("cores: unexpected failure: " + e);
      return LaunchException.COMMAND_FAILED;
    } finally {
      lifecycle.close();
    }
  }

  /**
   * The features the environment switches on (see {@link Selection}); a command runs with the
   * features that have no switch only, save the plugins folder's.
   */
  static List<Feature> features(List<Feature> available, RunMode mode, Map<String, String> env)
      throws LaunchException {
    List<Feature> features = new ArrayList<>();
    if (mode == RunMode.COMMAND) {
      // the plugins folder is the server's: a command runs no plugins
      available.stream()
          .filter(f -> f.switchedBy().isEmpty() && !f.name().equals(PluginsFolder.FEATURE))
          .forEach(features::add);
      return features;
    }
    Selection selection;
    try {
      selection = Selection.of(available.stream().map(Feature::declaration).toList(), env);
    } catch (SwitchException e) {
      throw new EnvironmentException(e.variable(), e.problem());
    }
    selection.warnings().forEach(w -> LOG.log(System.Logger.Level.WARNING, w));
    for (Feature f : available) {
      if (selection.chosen().stream().anyMatch(d -> d.name().equals(f.name()))) {
        features.add(f);
      }
    }
    return features;
  }

  private CompletableFuture<Database> prepareDatabase(Settings settings) {
    CompletableFuture<Database> result = new CompletableFuture<>();
    Thread thread =
        new Thread(
            () -> {
              try {
                result.complete(database(settings));
              } catch (LaunchException | RuntimeException e) {
                result.completeExceptionally(e);
              }
            },
            "cores-database");
    thread.setDaemon(true);
    thread.start();
    return result;
  }

  private static Database await(CompletableFuture<Database> database) throws LaunchException {
    try {
      return database.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof LaunchException launch) {
        throw launch;
      }
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LaunchException(
          LaunchException.DATABASE_UNAVAILABLE, "interrupted while waiting for the database", e);
    }
  }

  private Database database(Settings settings) throws LaunchException {
    Duration bound = Duration.ofSeconds(settings.databaseWaitSeconds());
    if (settings.externalDatabase().isPresent()) {
      Database db = settings.externalDatabase().get();
      new DatabaseWaiter(lifecycle::stopRequested).await(db, bound);
      return db;
    }
    EmbeddedDatabase embedded =
        EmbeddedDatabase.start(settings.dataDirectory(), settings.databaseName());
    lifecycle.database(embedded);
    return embedded.database();
  }

  /**
   * A command on the embedded database where no server answers and no database is: most likely the
   * wrong folder (a relative CORES_DATA from another directory), where the command would make a new
   * database the server never reads.
   */
  private static LaunchException noServerData(Path data) {
    return new LaunchException(
        LaunchException.BAD_CONFIGURATION,
        Variable.CORES_DATA + ": no Cores server answers in " + data + " and it holds no database",
        "run the command in the server's folder or set CORES_DATA to the server's (absolute) data"
            + " folder; on a new installation start the server once first",
        null);
  }

  private static String oneLine(Throwable t) {
    return t.toString().replace('\n', ' ');
  }

  /**
   * The features' configurations with the environment's values, then the launcher's own, which win
   * property by property.
   */
  static List<Resolved> configurations(
      List<Feature> features, Map<String, String> env, List<Resolved> own) {
    Map<String, Map<String, Object>> merged = new LinkedHashMap<>();
    Map<String, Map<String, String>> sources = new LinkedHashMap<>();
    Map<String, Optional<Switch>> switches = new LinkedHashMap<>();
    List<Resolved> all = new ArrayList<>();
    features.forEach(f -> all.addAll(f.declaration().resolve(env)));
    // what /api/system shows of the features' settings: which variable went where
    List<String> declared = new ArrayList<>();
    for (Resolved c : all) {
      c.sources()
          .forEach(
              (property, variable) -> {
                if (c.properties().containsKey(property)) {
                  declared.add(variable + " " + c.pid() + " " + property);
                }
              });
    }
    all.addAll(own);
    for (Resolved c : all) {
      merged.computeIfAbsent(c.pid(), k -> new LinkedHashMap<>()).putAll(c.properties());
      sources.computeIfAbsent(c.pid(), k -> new LinkedHashMap<>()).putAll(c.sources());
      switches.merge(c.pid(), c.switchedBy(), (a, b) -> a.isPresent() ? a : b);
    }
    if (!declared.isEmpty() && merged.containsKey(ConfigurationPlan.SYSTEM)) {
      merged.get(ConfigurationPlan.SYSTEM).put(DECLARED, declared.toArray(new String[0]));
    }
    List<Resolved> result = new ArrayList<>();
    merged.forEach(
        (pid, props) -> result.add(new Resolved(pid, props, sources.get(pid), switches.get(pid))));
    return result;
  }

  private static void createDirectories(Path dir, Variable variable) throws LaunchException {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new EnvironmentException(variable, dir + ": " + FolderProblems.describe(dir, e));
    }
  }

  /**
   * Only CORES_DATA's owner may enter it, as PostgreSQL requires of its data folder: it holds the
   * generated SECRET_KEY, the framework's cache (files the framework writes readable to all), and
   * the embedded database's programs are unpacked here, into a folder any user could write to.
   */
  static void makePrivate(Path dir) {
    try {
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system: its own access rules apply
    } catch (IOException e) {
      LOG.log(
          System.Logger.Level.WARNING,
          "{0}: cannot make {1} private to its owner ({2}): other users of this machine may read"
              + " the secrets kept in it",
          Variable.CORES_DATA,
          dir,
          e.getClass().getSimpleName());
    }
  }

  /** The distribution folder: the parent of lib/, where the launcher jar is. */
  private static Path home() {
    String configured = System.getProperty("cores.home");
    if (configured != null) {
      return Path.of(configured).toAbsolutePath();
    }
    try {
      Path jar = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      Path lib = jar.toAbsolutePath().getParent();
      if (lib == null || lib.getParent() == null) {
        throw new IllegalStateException("cannot locate the distribution from " + jar);
      }
      return lib.getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException("cannot locate the distribution", e);
    }
  }

  /** bin/cores cds: the classes the start loaded but left unlinked go into the archive too. */
  private static void linkLoadedClasses(Platform platform) {
    Optional<Path> log = ClassLinker.log();
    if (log.isEmpty()) {
      return;
    }
    try {
      int linked = ClassLinker.link(log.get(), platform::classLoaderOf);
      LOG.log(System.Logger.Level.INFO, "cds: {0} classes of the bundles linked", linked);
    } catch (IOException e) {
      // the archive is still written, without the classes the JVM had not linked
      LOG.log(System.Logger.Level.WARNING, "cds: cannot read " + log.get() + ": " + e);
    }
  }
}
