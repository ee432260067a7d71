package cores.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The static files of this bundle ({@code static/…}) under fingerprinted names: {@code
 * css/cores.css} is linked as {@code /static/css/cores.1a2b3c4d5e.css}, which changes whenever the
 * file does, so browsers may keep it for a year. The plain name answers too (briefly cached), which
 * is what nginx serves from the static volume in the stack.
 */
final class Assets {
  /** An asset's bytes, media type and fingerprint. */
  record Asset(byte[] bytes, String mediaType, String fingerprint) {}

  /** A found asset and whether it was asked for by its fingerprinted name. */
  record Found(Asset asset, boolean fingerprinted) {}

  private final Map<String, Asset> byName = new HashMap<>();
  private final Map<String, String> fingerprinted = new HashMap<>();
  private final Map<String, String> plainOf = new HashMap<>();

  /**
   * @param names the files' names below {@code static/}
   * @param resources finds a file by its path in the bundle ({@code static/css/cores.css})
   */
  Assets(Iterable<String> names, Function<String, URL> resources) {
    for (String name : names) {
      URL url = resources.apply("static/" + name);
      if (url == null) {
        continue;
      }
      byte[] bytes = read(url);
      String fingerprint = fingerprint(bytes);
      byName.put(name, new Asset(bytes, mediaType(name), fingerprint));
      String versioned = versioned(name, fingerprint);
      fingerprinted.put(name, versioned);
      plainOf.put(versioned, name);
    }
  }

  /** The URL to link an asset by ({@code /static/<fingerprinted name>}). */
  String url(String name) {
    String versioned = fingerprinted.get(name);
    if (versioned == null) {
      throw new IllegalArgumentException("no static file " + name);
    }
    return "/static/" + versioned;
  }

  /** The asset of a request path below {@code /static/}, by either name. */
  Optional<Found> find(String path) {
    String plain = plainOf.get(path);
    if (plain != null) {
      return Optional.of(new Found(byName.get(plain), true));
    }
    Asset asset = byName.get(path);
    return asset == null ? Optional.empty() : Optional.of(new Found(asset, false));
  }

  /** {@code css/cores.css} with fingerprint f is {@code css/cores.f.css}. */
  static String versioned(String name, String fingerprint) {
    int slash = name.lastIndexOf('/');
    int dot = name.lastIndexOf('.');
    return dot > slash + 1
        ? name.substring(0, dot) + "." + fingerprint + name.substring(dot)
        : name + "." + fingerprint;
  }

  private static String fingerprint(byte[] bytes) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
      return HexFormat.of().formatHex(digest, 0, 5);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }

  private static byte[] read(URL url) {
    try (InputStream in = url.openStream()) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + url, e);
    }
  }

  private static String mediaType(String name) {
    String lower = name.toLowerCase(java.util.Locale.ROOT);
    if (lower.endsWith(".css")) {
      return "text/css; charset=utf-8";
    } else if (lower.endsWith(".js")) {
      return "text/javascript; charset=utf-8";
    } else if (lower.endsWith(".svg")) {
      return "image/svg+xml";
    } else if (lower.endsWith(".ico")) {
      return "image/x-icon";
    } else if (lower.endsWith(".png")) {
      return "image/png";
    }
    return "application/octet-stream";
  }
}
