package cores.web;

import cores.api.web.Characters;
import gg.jte.TemplateOutput;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * A page rendered straight into UTF-8 bytes, and answered from them in one write (as a {@code
 * byte[]} entity would be). A {@code StringOutput} cost the page several times over: its builder
 * turned to two bytes a character at the first one beyond Latin-1, copied into a string, then into
 * the writer's characters, then encoded (some 270 KB for a 33 KB page of bookables, the most the
 * benchmark's pages allocated: bench/README.md, "Issue 16 item 4, eighteenth session").
 */
final class HtmlBytes implements TemplateOutput, StreamingOutput {
  private byte[] bytes;
  private int length;

  /** An empty page with room for {@code capacity} bytes (it grows as needed). */
  HtmlBytes(int capacity) {
    bytes = new byte[Math.max(capacity, 16)];
  }

  int length() {
    return length;
  }

  @Override
  public void writeContent(String value) {
    writeContent(value, 0, value.length());
  }

  /**
   * Encodes as {@code String.getBytes(UTF_8)} does: a lone surrogate becomes {@code ?}, a pair one
   * four-byte character; a control character is written as {@link Characters#inHtml} says, never
   * raw (a refused form shows its fields again as typed).
   */
  @Override
  public void writeContent(String value, int beginIndex, int endIndex) {
    room(endIndex - beginIndex);
    for (int i = beginIndex; i < endIndex; i++) {
      char c = value.charAt(i);
      if (c < 0x80) {
        String control = c < 0x20 || c == 0x7F ? Characters.inHtml(c) : null;
        if (control == null) {
          bytes[length++] = (byte) c;
        } else {
          writeContent(control);
          room(endIndex - i);
        }
      } else if (c < 0xA0) {
        // a C1 control, as U+FFFD
        writeContent(Characters.inHtml(c));
        room(endIndex - i);
      } else if (c < 0x800) {
        room(endIndex - i + 1);
        bytes[length++] = (byte) (0xc0 | c >> 6);
        bytes[length++] = (byte) (0x80 | c & 0x3f);
      } else if (Character.isSurrogate(c)) {
        room(endIndex - i + 3);
        if (Character.isHighSurrogate(c)
            && i + 1 < endIndex
            && Character.isLowSurrogate(value.charAt(i + 1))) {
          int point = Character.toCodePoint(c, value.charAt(++i));
          bytes[length++] = (byte) (0xf0 | point >> 18);
          bytes[length++] = (byte) (0x80 | point >> 12 & 0x3f);
          bytes[length++] = (byte) (0x80 | point >> 6 & 0x3f);
          bytes[length++] = (byte) (0x80 | point & 0x3f);
        } else {
          bytes[length++] = '?';
        }
      } else {
        room(endIndex - i + 2);
        bytes[length++] = (byte) (0xe0 | c >> 12);
        bytes[length++] = (byte) (0x80 | c >> 6 & 0x3f);
        bytes[length++] = (byte) (0x80 | c & 0x3f);
      }
    }
  }

  /** A number's digits written as such (the template output's default makes a string of them). */
  @Override
  public void writeUserContent(long value) {
    room(20);
    long rest = value;
    if (rest < 0) {
      bytes[length++] = '-';
    } else {
      rest = -rest; // counted below zero, where Long.MIN_VALUE fits
    }
    int first = length;
    do {
      bytes[length++] = (byte) ('0' - rest % 10);
      rest /= 10;
    } while (rest != 0);
    for (int i = first, j = length - 1; i < j; i++, j--) {
      byte digit = bytes[i];
      bytes[i] = bytes[j];
      bytes[j] = digit;
    }
  }

  @Override
  public void writeUserContent(int value) {
    writeUserContent((long) value);
  }

  /** Room for {@code more} bytes: the array doubled (at least) when it lacks it. */
  private void room(int more) {
    if (bytes.length - length < more) {
      bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
    }
  }

  @Override
  public void write(OutputStream output) throws java.io.IOException {
    output.write(bytes, 0, length);
  }
}
