package cores.api.reports;

/**
 * A report's table as a CSV download.
 *
 * @param fileName as offered to save it ({@code cores-<report>[-<table>]-<date>.csv})
 * @param text RFC 4180, CRLF line ends, a header line
 */
public record CsvFile(String fileName, String text) {
  /** The media type of the download. */
  public static final String MEDIA_TYPE = "text/csv; charset=utf-8";
}
