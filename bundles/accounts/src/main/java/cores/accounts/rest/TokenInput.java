package cores.accounts.rest;

/** Body of {@code POST /api/auth/tokens}. */
public record TokenInput(String label) {}
