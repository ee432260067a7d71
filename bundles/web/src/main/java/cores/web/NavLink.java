package cores.web;

/** One entry of the site's navigation as a page shows it. */
public record NavLink(String label, String href, boolean current) {}
