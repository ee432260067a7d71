package cores.accounts.rest;

import java.util.List;

/** A group as the API accepts it; absent fields are null (PATCH leaves them alone). */
public record GroupInput(String name, List<String> permissions) {}
