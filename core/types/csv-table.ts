/** A table read from a CSV file with a header row, for importers whose errors name the file, line and column. */
export interface CsvRow {
  /** The line the record ends on, counting the header as line 1. */
  line: number;
  get(column: string): string | undefined;
}

export interface CsvTable {
  file: string;
  header: string[];
  rows: CsvRow[];
  /** The header name that one of `aliases` matches (case and `-`/`_`/space-insensitive), if any. */
  column(aliases: readonly string[]): string | undefined;
  /** Like `column`, but a missing column is a DataError naming the file and what was expected. */
  require(what: string, aliases: readonly string[]): string;
}
