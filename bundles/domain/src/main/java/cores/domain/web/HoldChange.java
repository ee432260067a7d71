package cores.domain.web;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonProperty;
import cores.api.web.FieldErrors;
import cores.domain.booking.BookingService;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The body of a change of a booking or reservation: its end and comment. A class, not a record: a
 * patch must tell an end sent as null (a reservation open-ended again; a booking's end, which it
 * always has, refused as required) from an end left out (unchanged), and a record's component reads
 * both as null. A comment sent as null is empty, as the inventory and the notices read a null
 * comment; left out, it is unchanged. Any other field is kept for {@link Holds#changed}: a client
 * may send the row back as it read it, its read-only fields with the values they have.
 */
public final class HoldChange {
  private String end;
  private boolean endSent;
  private String comment;
  private boolean commentSent;
  private final Map<String, Object> others = new LinkedHashMap<>();

  @JsonProperty("end")
  public void setEnd(String end) {
    this.end = end;
    this.endSent = true;
  }

  @JsonProperty("comment")
  public void setComment(String comment) {
    this.comment = comment;
    this.commentSent = true;
  }

  /** A field other than the end and the comment: read-only, or unknown. */
  @JsonAnySetter
  public void setOther(String name, Object value) {
    others.put(name, value);
  }

  /** The fields other than the end and the comment, as sent. */
  Map<String, Object> others() {
    return others;
  }

  /** The change for the domain; a bad end is recorded in {@code errors}. */
  BookingService.Change change(FieldErrors errors, ZoneId zone, boolean replace) {
    return new BookingService.Change(
        Holds.time(errors, "end", end, zone),
        endSent || replace,
        commentSent && comment == null ? "" : comment,
        replace);
  }
}
