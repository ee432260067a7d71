package cores.accounts.rest;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Body of {@code POST /api/auth/impersonate}. */
public record ImpersonateInput(@JsonProperty("user_id") Long userId) {}
