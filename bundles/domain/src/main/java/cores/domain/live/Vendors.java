package cores.domain.live;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The vendor of a MAC address from the IEEE registry as Debian's {@code ieee-data} package installs
 * it ({@code /usr/share/ieee-data}: MA-L assignments in {@code oui.csv}, the longer MA-M and MA-S
 * ones in {@code mam.csv} and {@code oui36.csv}; the longest assignment that holds the MAC wins).
 * Read on first use and again when the files change (checked at most once a minute). Without the
 * files there is no vendor, never an error; locally administered MACs have none.
 */
@Component(service = Vendors.class, configurationPid = "cores.domain.vendors")
public final class Vendors {
  /**
   * Where the registry is: a component property, by default where the ieee-data package puts it.
   */
  public @interface Registry {
    String folder() default "/usr/share/ieee-data";
  }

  private static final List<String> FILES = List.of("oui.csv", "mam.csv", "oui36.csv");
  private static final long CHECK_NANOS = 60_000_000_000L;
  private static final Logger LOG = LoggerFactory.getLogger(Vendors.class);

  private final Path folder;

  /** Assignments by their length in bits (longest first), each prefix to its organisation. */
  private Map<Integer, Map<Long, String>> assignments;

  private List<FileTime> read;
  private long checked;

  @Activate
  public Vendors(Registry registry) {
    this(Path.of(registry.folder()));
  }

  Vendors(Path folder) {
    this.folder = folder;
  }

  /** The organisation the MAC ({@code aa:bb:cc:dd:ee:ff}) is assigned to, or null. */
  public synchronized String vendor(String mac) {
    long address;
    try {
      address = Long.parseLong(mac.replace(":", ""), 16);
    } catch (NumberFormatException e) {
      return null;
    }
    if (mac.length() != 17 || (address >>> 40 & 0x02) != 0) {
      return null;
    }
    for (Map.Entry<Integer, Map<Long, String>> length : current().entrySet()) {
      String vendor = length.getValue().get(address >>> (48 - length.getKey()));
      if (vendor != null) {
        return vendor;
      }
    }
    return null;
  }

  private Map<Integer, Map<Long, String>> current() {
    long now = System.nanoTime();
    if (assignments != null && now - checked < CHECK_NANOS) {
      return assignments;
    }
    checked = now;
    List<FileTime> times = new ArrayList<>();
    for (String file : FILES) {
      try {
        times.add(Files.getLastModifiedTime(folder.resolve(file)));
      } catch (IOException absent) {
        times.add(null);
      }
    }
    if (!times.equals(read)) {
      assignments = load();
      read = times;
    }
    return assignments;
  }

  private Map<Integer, Map<Long, String>> load() {
    Map<Integer, Map<Long, String>> loaded = new TreeMap<>((a, b) -> b - a);
    for (String file : FILES) {
      Path path = folder.resolve(file);
      if (!Files.isReadable(path)) {
        continue;
      }
      try (BufferedReader in = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
        // Registry,Assignment,Organization Name,Organization Address
        for (List<String> record = record(in); record != null; record = record(in)) {
          if (record.size() >= 3 && record.get(1).matches("[0-9A-Fa-f]{6,9}")) {
            loaded
                .computeIfAbsent(record.get(1).length() * 4, bits -> new HashMap<>())
                .put(Long.parseLong(record.get(1), 16), record.get(2).strip());
          }
        }
      } catch (IOException e) {
        LOG.warn("MAC vendors: cannot read {}: {}", path, e.getMessage());
      }
    }
    return loaded;
  }

  /**
   * The next CSV record (RFC 4180: quoted fields may hold commas, doubled quotes and line breaks),
   * or null at the end.
   */
  static List<String> record(BufferedReader in) throws IOException {
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    int c = in.read();
    if (c < 0) {
      return null;
    }
    for (; c >= 0; c = in.read()) {
      if (quoted) {
        if (c != '"') {
          field.append((char) c);
          continue;
        }
        in.mark(1);
        if (in.read() == '"') {
          field.append('"');
        } else {
          in.reset();
          quoted = false;
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        fields.add(field.toString());
        field.setLength(0);
      } else if (c == '\n') {
        break;
      } else if (c != '\r') {
        field.append((char) c);
      }
    }
    fields.add(field.toString());
    return fields;
  }
}
