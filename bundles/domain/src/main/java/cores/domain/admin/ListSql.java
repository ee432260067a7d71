package cores.domain.admin;

import cores.api.admin.AdminModel;
import cores.api.web.FieldErrors;
import cores.domain.inventory.Addresses;
import cores.domain.inventory.Field;
import cores.domain.inventory.Field.Kind;
import cores.domain.inventory.Model;
import cores.domain.sql.Sql;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The SQL of an admin list as its page asks for it: the WHERE of its search and filters, the ids
 * its search finds through other tables, and its ORDER BY; what each model's search and filters are
 * is the {@link Catalog}'s. Identifiers come from the descriptors and the catalog, values are
 * parameters.
 */
final class ListSql {
  private static final Pattern PLAIN_COLUMN = Pattern.compile("[a-z_][a-z0-9_]*");

  private ListSql() {}

  /**
   * What a search of the model finds through another table as ids of its rows (a host's NICs'
   * MACs), one query a word of the search with that word's pattern as its parameter: empty for a
   * blank search or a model whose search reads no other table so.
   */
  static Map<String, String> searchedElsewhere(Model model, String search) {
    Map<String, String> queries = new LinkedHashMap<>();
    Map.Entry<String, String> also = Catalog.SEARCH_ALSO_IDS.get(model.name());
    if (also != null && search != null) {
      for (String word : search.strip().split("\\s+")) {
        if (!word.isEmpty()) {
          queries.put(like(Addresses.macSearch(word)), also.getValue());
        }
      }
    }
    return queries;
  }

  /**
   * The WHERE of a list: every word of the search in some searched column (or, for hosts, a NIC's
   * MAC), and each filter's value.
   */
  static String where(
      Model model,
      AdminModel admin,
      String search,
      Map<String, String> filters,
      List<Object> params) {
    List<String> conditions = new ArrayList<>();
    if (search != null) {
      for (String word : search.strip().split("\\s+")) {
        if (word.isEmpty()) {
          continue;
        }
        String like = like(word);
        // MACs as stored, whatever format the word has: the columns stay as their index has them
        String mac = like(Addresses.macSearch(word));
        List<String> any = new ArrayList<>();
        for (Field field : model.fields()) {
          if (Catalog.searchable(field)) {
            any.add(text(field) + " ILIKE ?");
            params.add(field.kind() == Kind.MAC ? mac : like);
          }
        }
        if (Catalog.SEARCH_ALSO.containsKey(model.name())) {
          any.add(Catalog.SEARCH_ALSO.get(model.name()).getValue());
          params.add(like);
        }
        String columns = String.join(" OR ", any);
        if (Catalog.SEARCH_ALSO_IDS.containsKey(model.name())) {
          params.add(mac);
          conditions.add(
              model.table()
                  + ".id IN (SELECT id FROM "
                  + model.table()
                  + " WHERE "
                  + columns
                  + " UNION ALL "
                  + Catalog.SEARCH_ALSO_IDS.get(model.name()).getValue()
                  + ")");
        } else {
          conditions.add("(" + columns + ")");
        }
      }
    }
    FieldErrors errors = new FieldErrors();
    for (String name : admin.filters()) {
      String value = filters.get(name);
      if (value == null || value.isBlank()) {
        continue;
      }
      Field field = model.field(name).orElseThrow();
      switch (field.kind()) {
        case REF -> {
          if ("none".equals(value)) {
            conditions.add(field.column() + " IS NULL");
            continue;
          }
          try {
            params.add(Long.parseLong(value.strip()));
            conditions.add(field.column() + " = ?");
          } catch (NumberFormatException e) {
            errors.check(name, "not an id");
          }
        }
        case BOOL -> {
          boolean yes = "yes".equals(value) || "true".equals(value);
          if (!yes && !"no".equals(value) && !"false".equals(value)) {
            errors.check(name, "must be yes or no");
          }
          conditions.add(field.column() + " = ?");
          params.add(yes);
        }
        case INT -> {
          try {
            params.add(Long.parseLong(value.strip()));
            conditions.add(field.column() + " = ?");
          } catch (NumberFormatException e) {
            errors.check(name, "not a number");
          }
        }
        case TIME -> {
          String since = Catalog.SINCE.get(value);
          if (since == null) {
            errors.check(name, "must be one of " + Catalog.SINCE_CHOICES);
          } else {
            conditions.add(field.column() + " >= " + since);
          }
        }
        default -> {
          if (!field.choices().contains(value)) {
            errors.check(name, "must be one of " + field.choices());
          }
          conditions.add(field.column() + " = ?");
          params.add(value);
        }
      }
    }
    errors.throwIfAny();
    return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
  }

  /** The ids of every row the list finds, in its order: at most {@code limit}. */
  static List<Long> ids(
      Sql sql,
      Model model,
      AdminModel admin,
      String search,
      Map<String, String> filters,
      String sort,
      int limit) {
    List<Object> params = new ArrayList<>();
    String where = where(model, admin, search, filters, params);
    params.add(limit);
    return sql
        .rows(
            "SELECT id FROM "
                + model.table()
                + where
                + " ORDER BY "
                + order(model, admin, sort)
                + " LIMIT ?",
            params)
        .stream()
        .map(row -> ((Number) row.get("id")).longValue())
        .toList();
  }

  /**
   * The ORDER BY of a list: a list column (descending with "-"), else the model's own order. The
   * column is the table's, not the SELECT's text of it, so addresses sort as addresses; empty
   * values come last either way.
   */
  static String order(Model model, AdminModel admin, String sort) {
    if (sort == null || sort.isBlank()) {
      return model.order() + ", id";
    }
    boolean descending = sort.startsWith("-");
    String name = descending ? sort.substring(1) : sort;
    if (!admin.columns().contains(name)) {
      return model.order() + ", id";
    }
    Field field = model.field(name).orElseThrow();
    // a derived field's column is an expression: only a plain column is the table's to name
    String column =
        PLAIN_COLUMN.matcher(field.column()).matches()
            ? model.table() + "." + field.column()
            : field.column();
    if (field.kind() == Kind.TEXT) {
      column = "lower(" + column + ")";
    }
    return column + (descending ? " DESC" : " ASC") + " NULLS LAST, id";
  }

  /** A column as text for searching. */
  private static String text(Field field) {
    return switch (field.kind()) {
      case MAC, CIDR -> field.column() + "::text";
      case INET -> "host(" + field.column() + ")";
      default -> field.column();
    };
  }

  /** A word of a search as an ILIKE pattern matching it anywhere. */
  private static String like(String word) {
    return "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
  }
}
