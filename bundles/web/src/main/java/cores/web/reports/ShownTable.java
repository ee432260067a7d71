package cores.web.reports;

import java.util.List;
import java.util.Map;

/**
 * A report's table as a page shows it: its heading, the columns shown, its rows and the URL of its
 * CSV download.
 *
 * @param id the id of its heading
 */
public record ShownTable(
    String id, String heading, List<Column> columns, List<Map<String, Object>> rows, String csv) {}
