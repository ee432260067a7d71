package cores.api.web;

import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A page's HTML as UTF-8, in the pieces a template wrote, and an answer's entity that sends them as
 * they are: a page is encoded once, piece by piece, and never joined into a string or one array
 * (each copy of a 60 KB page is garbage that the young collections, which stop every request, pay
 * for). Pieces written as bytes are kept by reference and must not change afterwards (a template's
 * static text, a fragment encoded once and kept). Not thread-safe: one page, one thread.
 */
public final class PageBytes implements StreamingOutput {
  private static final int GATHERED = 8192;

  private final List<byte[]> pieces = new ArrayList<>(256);
  private int length;

  /** Appends text, encoded as UTF-8. */
  public void write(String text) {
    write(text.getBytes(StandardCharsets.UTF_8));
  }

  /** Appends the UTF-8 bytes given, by reference: they must not change afterwards. */
  public void write(byte[] utf8) {
    if (utf8.length > 0) {
      pieces.add(utf8);
      length += utf8.length;
    }
  }

  /** Appends another page's pieces (a body into its frame), by reference. */
  public void write(PageBytes other) {
    other.pieces(this::write);
  }

  /** Each piece in order, by reference. */
  public void pieces(Consumer<byte[]> piece) {
    pieces.forEach(piece);
  }

  /** The number of bytes: the answer's Content-Length. */
  public int length() {
    return length;
  }

  /**
   * Sends the pieces, the small ones gathered into writes of {@value #GATHERED} bytes: each write
   * to the answer's stream passes its filters and locks, which would cost more than the copy.
   */
  @Override
  public void write(OutputStream out) throws IOException {
    byte[] gathered = new byte[Math.min(GATHERED, length)];
    int at = 0;
    for (byte[] piece : pieces) {
      boolean large = piece.length >= gathered.length / 2;
      if (at > 0 && (large || at + piece.length > gathered.length)) {
        out.write(gathered, 0, at);
        at = 0;
      }
      if (large) {
        out.write(piece);
      } else {
        System.arraycopy(piece, 0, gathered, at, piece.length);
        at += piece.length;
      }
    }
    if (at > 0) {
      out.write(gathered, 0, at);
    }
  }

  /** The text, decoded (pages that are not sent as they are: tests, a fragment kept as text). */
  @Override
  public String toString() {
    byte[] all = new byte[length];
    int at = 0;
    for (byte[] piece : pieces) {
      System.arraycopy(piece, 0, all, at, piece.length);
      at += piece.length;
    }
    return new String(all, StandardCharsets.UTF_8);
  }
}
