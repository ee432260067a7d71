package cores.domain.jobs;

import cores.api.jobs.JobDesk;
import cores.domain.sql.Sql;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Collectors;

/**
 * The {@code jobs_run} table: a run is claimed by inserting its (job, slot) row, which is unique,
 * so of several instances reaching the same slot exactly one gets the row and runs the job.
 */
final class JobRuns {
  private JobRuns() {}

  /** The new run's id, or empty when the slot was claimed already (by this or another instance). */
  static OptionalLong claim(Sql sql, Job job, Instant slot, String trigger, Instant now) {
    Map<String, Object> row =
        sql.row(
            "INSERT INTO jobs_run (job, slot, trigger, started) VALUES (?, ?, ?, ?)"
                + " ON CONFLICT (job, slot) DO NOTHING RETURNING id",
            List.of(job.code(), slot, trigger, now));
    return row == null ? OptionalLong.empty() : OptionalLong.of((Long) row.get("id"));
  }

  static void finish(
      Sql sql, long id, Instant now, Map<String, Long> summary, List<String> errors) {
    List<Object> params = new ArrayList<>();
    params.add(now);
    params.add(errors.isEmpty() ? "ok" : "failed");
    params.add(json(summary));
    params.add(errors.isEmpty() ? null : String.join("; ", errors));
    params.add(id);
    sql.update(
        "UPDATE jobs_run SET finished = ?, outcome = ?, summary = ?::jsonb, error = ?"
            + " WHERE id = ?",
        params);
  }

  /** The latest runs, newest first; {@code id} null for every run, else only that one. */
  static List<JobDesk.Run> recent(Sql sql, Long id, int limit) {
    List<JobDesk.Run> runs = new ArrayList<>();
    for (Map<String, Object> row :
        sql.rows(
            "SELECT id, job, trigger, started, finished, outcome, error,"
                + " ARRAY(SELECT key FROM jsonb_each_text(summary) ORDER BY key) AS keys,"
                + " ARRAY(SELECT value::bigint FROM jsonb_each_text(summary) ORDER BY key) AS counts"
                + " FROM jobs_run WHERE (?::bigint IS NULL OR id = ?) ORDER BY started DESC, id DESC"
                + " LIMIT ?",
            Arrays.asList(id, id, limit))) {
      runs.add(
          new JobDesk.Run(
              (Long) row.get("id"),
              (String) row.get("job"),
              (String) row.get("trigger"),
              (Instant) row.get("started"),
              (Instant) row.get("finished"),
              (String) row.get("outcome"),
              summary(row.get("keys"), row.get("counts")),
              (String) row.get("error")));
    }
    return runs;
  }

  private static Map<String, Long> summary(Object keys, Object counts) {
    Map<String, Long> summary = new LinkedHashMap<>();
    List<?> k = (List<?>) keys;
    List<?> n = (List<?>) counts;
    for (int i = 0; i < k.size(); i++) {
      summary.put((String) k.get(i), ((Number) n.get(i)).longValue());
    }
    return summary;
  }

  /** The counts as a JSON object; keys are the steps' own identifiers, escaped all the same. */
  static String json(Map<String, Long> summary) {
    return summary.entrySet().stream()
        .map(e -> "\"" + escape(e.getKey()) + "\": " + e.getValue())
        .collect(Collectors.joining(", ", "{", "}"));
  }

  private static String escape(String key) {
    StringBuilder out = new StringBuilder();
    for (char c : key.toCharArray()) {
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
