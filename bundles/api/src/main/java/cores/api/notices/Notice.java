package cores.api.notices;

import java.time.Instant;

/**
 * A notice as a reader sees it.
 *
 * @param message plain text (at most 500 characters), never markup: pages escape it
 * @param style one of primary, secondary, success, danger, warning, info, light, dark
 * @param priority 0 (very high) to 4 (very low)
 * @param author the author's display name, "Cores" when there is none
 * @param group the target group's name, null when it is for everyone
 * @param expires null when it does not expire
 */
public record Notice(
    long id,
    String title,
    String message,
    String style,
    int priority,
    String author,
    String group,
    Instant created,
    Instant expires) {}
