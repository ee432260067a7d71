package cores.accounts.rest;

/** Body of {@code POST /api/auth/users/{id}/password}. */
public record PasswordInput(String password) {}
