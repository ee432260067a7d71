package cores.accounts.admin;

import cores.accounts.admin.AccountModels.Listing;
import cores.api.admin.AdminDesk;
import cores.api.admin.AdminModel;
import cores.api.config.SiteZone;
import cores.api.web.ProblemException;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The accounts' lists, labels and delete consequences, read from the bundle's own tables. */
final class Listings {
  private Listings() {}

  /** What a label is made of, by model: SQL over the model's rows ({@code r}). */
  private static final Map<AdminModel, String> LABELS =
      Map.of(
          AccountModels.USER, "r.username",
          AccountModels.GROUP, "r.name",
          AccountModels.TOKEN, "r.label || ' (' || u.username || ')'",
          AccountModels.IMPERSONATION, "r.real_username || ' as ' || r.target_username");

  /**
   * The rows whose label holds {@code term}, ignoring case, at most {@code limit}: those starting
   * with it first, then the others, each by label (a user's lowercased username is indexed).
   */
  static Map<Long, String> matching(EntityManager em, AdminModel model, String term, int limit) {
    String lower = "lower(" + LABELS.get(model) + ")";
    String sought =
        (term == null ? "" : term.strip().toLowerCase(Locale.ROOT))
            .replace("\\", "\\\\")
            .replace("%", "\\%")
            .replace("_", "\\_");
    Map<Long, String> found =
        matching(em, model, lower + " LIKE ?1", sought + "%", "", Math.max(0, limit));
    if (found.size() < limit && !sought.isEmpty()) {
      found.putAll(
          matching(
              em,
              model,
              lower + " LIKE ?1 AND " + lower + " NOT LIKE ?2",
              "%" + sought + "%",
              sought + "%",
              limit - found.size()));
    }
    return found;
  }

  private static Map<Long, String> matching(
      EntityManager em, AdminModel model, String where, String like, String notLike, int limit) {
    Listing listing = AccountModels.LISTINGS.get(model);
    Query query =
        em.createNativeQuery(
                "SELECT r.id, "
                    + LABELS.get(model)
                    + " "
                    + listing.from()
                    + (listing.from().contains(" WHERE ") ? " AND " : " WHERE ")
                    + where
                    + " ORDER BY "
                    + where.substring(0, where.indexOf(" LIKE"))
                    + ", r.id LIMIT "
                    + limit)
            .setParameter(1, like);
    if (!notLike.isEmpty()) {
      query.setParameter(2, notLike);
    }
    @SuppressWarnings("unchecked")
    List<Object[]> rows = query.getResultList();
    Map<Long, String> labels = new LinkedHashMap<>();
    rows.forEach(r -> labels.put(((Number) r[0]).longValue(), (String) r[1]));
    return labels;
  }

  /** The label of each id, in their order, in one read: {@code #id} for a row that is gone. */
  static Map<Long, String> labels(EntityManager em, AdminModel model, Collection<Long> ids) {
    Map<Long, String> found = existing(em, model, ids);
    Map<Long, String> labels = new LinkedHashMap<>();
    ids.forEach(id -> labels.put(id, found.getOrDefault(id, "#" + id)));
    return labels;
  }

  /** The labels of the ids whose rows exist, in their order, in one read. */
  static Map<Long, String> existing(EntityManager em, AdminModel model, Collection<Long> ids) {
    Listing listing = AccountModels.LISTINGS.get(model);
    String known = ids.stream().map(String::valueOf).collect(Collectors.joining(",", "{", "}"));
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "SELECT r.id, "
                    + LABELS.get(model)
                    + " "
                    + listing.from()
                    + (listing.from().contains(" WHERE ") ? " AND" : " WHERE")
                    + " r.id = ANY (CAST(?1 AS bigint[]))")
            .setParameter(1, known)
            .getResultList();
    Map<Long, String> found = new HashMap<>();
    rows.forEach(r -> found.put(((Number) r[0]).longValue(), (String) r[1]));
    Map<Long, String> existing = new LinkedHashMap<>();
    ids.stream().filter(found::containsKey).forEach(id -> existing.put(id, found.get(id)));
    return existing;
  }

  static AdminDesk.Rows rows(
      EntityManager em,
      AdminModel model,
      String search,
      Map<String, String> filters,
      String sort,
      int page,
      SiteZone zone) {
    Listing listing = AccountModels.LISTINGS.get(model);
    List<Object> params = new ArrayList<>();
    String from = from(model, listing, search, filters, params);
    long count =
        ((Number) query(em, "SELECT count(*) " + from, params).getSingleResult()).longValue();
    StringBuilder select = new StringBuilder("SELECT r.id");
    model.columns().forEach(c -> select.append(", ").append(listing.columns().get(c)));
    int offset = Math.max(0, page - 1) * AdminDesk.PAGE_SIZE;
    String sql =
        select
            + " "
            + from
            + " ORDER BY "
            + order(model, listing, sort)
            + ", r.id LIMIT "
            + AdminDesk.PAGE_SIZE
            + " OFFSET "
            + offset;
    @SuppressWarnings("unchecked")
    List<Object[]> found = query(em, sql, params).getResultList();
    List<Map<String, String>> rows = new ArrayList<>();
    for (Object[] row : found) {
      rows.add(shown(model, row, zone));
    }
    return new AdminDesk.Rows(count, rows);
  }

  /**
   * The ids {@link #rows} finds with this search and filters, on every page and in its order, at
   * most {@code limit}: one statement.
   */
  static List<Long> ids(
      EntityManager em,
      AdminModel model,
      String search,
      Map<String, String> filters,
      String sort,
      int limit) {
    Listing listing = AccountModels.LISTINGS.get(model);
    List<Object> params = new ArrayList<>();
    String from = from(model, listing, search, filters, params);
    @SuppressWarnings("unchecked")
    List<Object> found =
        query(
                em,
                "SELECT r.id "
                    + from
                    + " ORDER BY "
                    + order(model, listing, sort)
                    + ", r.id LIMIT "
                    + Math.max(0, limit),
                params)
            .getResultList();
    return found.stream().map(id -> ((Number) id).longValue()).toList();
  }

  /** The model's rows the search and filters find, as SQL from {@code FROM}; adds the params. */
  private static String from(
      AdminModel model,
      Listing listing,
      String search,
      Map<String, String> filters,
      List<Object> params) {
    List<String> where = new ArrayList<>();
    String needle = search == null ? "" : search.strip();
    if (!needle.isEmpty()) {
      String pattern = "%" + needle.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
      List<String> any = new ArrayList<>();
      for (String column : listing.search()) {
        any.add("lower(" + column + ") LIKE lower(?) ESCAPE '!'");
        params.add(pattern);
      }
      where.add("(" + String.join(" OR ", any) + ")");
    }
    filters.forEach(
        (name, value) -> {
          if (value == null || value.isEmpty()) {
            return;
          }
          List<String> ref = listing.refs().get(name);
          if (ref != null) {
            if ("none".equals(value)) {
              where.add(ref.get(1));
            } else {
              where.add(ref.get(0));
              params.add(number(name, value));
            }
          } else if (listing.columns().containsKey(name) && model.filters().contains(name)) {
            where.add(listing.columns().get(name) + " = ?");
            params.add(yes(name, value));
          } else {
            throw ProblemException.badRequest("No filter " + name + ".");
          }
        });
    String from = listing.from();
    if (!where.isEmpty()) {
      from += (from.contains(" WHERE ") ? " AND " : " WHERE ") + String.join(" AND ", where);
    }
    return from;
  }

  /** One object's list columns (for the read-only models' forms), or null. */
  static Map<String, String> row(EntityManager em, AdminModel model, long id, SiteZone zone) {
    Listing listing = AccountModels.LISTINGS.get(model);
    StringBuilder select = new StringBuilder("SELECT r.id");
    model.columns().forEach(c -> select.append(", ").append(listing.columns().get(c)));
    String from = listing.from() + (listing.from().contains(" WHERE ") ? " AND" : " WHERE");
    @SuppressWarnings("unchecked")
    List<Object[]> found =
        query(em, select + " " + from + " r.id = ?", List.of(id)).getResultList();
    return found.isEmpty() ? null : shown(model, found.get(0), zone);
  }

  /**
   * What of the accounts' own stops deleting the users: the last active superuser. The records of
   * other bundles whose foreign keys refuse the delete are named by those bundles' desks ({@code
   * AdminDesk.referrers}), which can read them.
   */
  static List<String> obstacles(EntityManager em, AdminModel model, List<Long> ids) {
    if (!ids.isEmpty() && model == AccountModels.USER && lastSuperuser(em, ids)) {
      return List.of("no active superuser would be left");
    }
    return List.of();
  }

  private static boolean lastSuperuser(EntityManager em, List<Long> ids) {
    String in = placeholders(ids);
    List<Object> twice = new ArrayList<>(ids);
    twice.addAll(ids);
    Object[] superusers =
        (Object[])
            query(
                    em,
                    "SELECT count(*) FILTER (WHERE id IN "
                        + in
                        + "), count(*) FILTER (WHERE id NOT IN "
                        + in
                        + ") FROM auth_user WHERE is_superuser AND is_active",
                    twice)
                .getSingleResult();
    return ((Number) superusers[0]).longValue() > 0 && ((Number) superusers[1]).longValue() == 0;
  }

  /**
   * What of the accounts' own rows deleting the users or groups takes along; other bundles' rows
   * are their desks' to tell ({@code AdminDesk.dependents}).
   */
  static List<String> consequences(EntityManager em, AdminModel model, List<Long> ids) {
    List<String> lines = new ArrayList<>();
    if (ids.isEmpty()) {
      return lines;
    }
    if (model == AccountModels.USER) {
      count(em, lines, "SELECT count(*) FROM cores_token WHERE user_id IN ", ids, "API tokens");
      count(
          em,
          lines,
          "SELECT count(*) FROM auth_user_groups WHERE user_id IN ",
          ids,
          "group memberships");
    } else if (model == AccountModels.GROUP) {
      count(
          em,
          lines,
          "SELECT count(*) FROM auth_user_groups WHERE group_id IN ",
          ids,
          "memberships of users (the users stay)");
    }
    return lines;
  }

  private static void count(
      EntityManager em, List<String> lines, String sql, List<Long> ids, String what) {
    String in = placeholders(ids);
    long n = ((Number) query(em, sql + in, new ArrayList<>(ids)).getSingleResult()).longValue();
    if (n > 0) {
      lines.add(n + " " + what);
    }
  }

  /** {@code (?, ?, ...)}, one parameter an id. */
  private static String placeholders(List<Long> ids) {
    return "(" + String.join(", ", ids.stream().map(id -> "?").toList()) + ")";
  }

  private static Map<String, String> shown(AdminModel model, Object[] row, SiteZone zone) {
    Map<String, String> out = new LinkedHashMap<>();
    out.put("id", String.valueOf(row[0]));
    for (int i = 0; i < model.columns().size(); i++) {
      Object value = row[i + 1];
      String text;
      if (value instanceof Boolean b) {
        text = b ? "yes" : "no";
      } else if (value instanceof Timestamp t) {
        text = when(t.toInstant(), zone);
      } else if (value instanceof OffsetDateTime t) {
        text = when(t.toInstant(), zone);
      } else if (value instanceof Instant t) {
        text = when(t, zone);
      } else {
        text = value == null ? "" : String.valueOf(value);
      }
      out.put(model.columns().get(i), text);
    }
    return out;
  }

  /** Times as the admin shows them, in the site's zone with its name; blank for none. */
  static String when(Instant at, SiteZone zone) {
    return at == null ? "" : zone.when(at);
  }

  private static String order(AdminModel model, Listing listing, String sort) {
    if (sort == null || sort.isBlank()) {
      return listing.order();
    }
    boolean descending = sort.startsWith("-");
    String column = descending ? sort.substring(1) : sort;
    String sql = "id".equals(column) ? "r.id" : listing.columns().get(column);
    if (sql == null || !("id".equals(column) || model.columns().contains(column))) {
      return listing.order();
    }
    return sql + (descending ? " DESC NULLS LAST" : " ASC NULLS FIRST");
  }

  private static Query query(EntityManager em, String sql, List<Object> params) {
    Query query = em.createNativeQuery(sql);
    for (int i = 0; i < params.size(); i++) {
      query.setParameter(i + 1, params.get(i));
    }
    return query;
  }

  private static long number(String field, String value) {
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw ProblemException.badRequest("Not an id for " + field + ": " + value);
    }
  }

  private static boolean yes(String field, String value) {
    return switch (value) {
      case "yes", "true" -> true;
      case "no", "false" -> false;
      default -> throw ProblemException.badRequest("Not yes or no for " + field + ": " + value);
    };
  }
}
