package cores.accounts.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/** A token of the logged-in user; the key is present only in the answer that issued it. */
public record TokenView(
    long id,
    String label,
    Instant created,
    @JsonProperty("last_used") Instant lastUsed,
    @JsonInclude(JsonInclude.Include.NON_NULL) String key) {}
