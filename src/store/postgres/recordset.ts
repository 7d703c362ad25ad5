/**
 * Batches as single statements. Rows with text travel as one JSON document
 * (json_to_recordset): several times faster than array parameters, whose
 * literal syntax PostgreSQL parses character by character. Short keys and
 * numbers (the rollups) go as arrays through unnest.
 */

function quoted(column: string): string {
  return column === 'end' ? '"end"' : column;
}

/**
 * `INSERT INTO t (cols) SELECT … FROM json_to_recordset($1)`: the rows as
 * one JSON array of objects keyed by column name; `same` adds columns whose
 * value is one for all rows (`$2`, `$3` …).
 */
export function recordsetInsert(table: string, columns: [string, string][], same: [string, string][] = [], suffix = ''): string {
  const names = columns.map(([c]) => quoted(c));
  const sameValues = same.map(([, type], i) => `$${i + 2}::${type}`);
  return `INSERT INTO ${table} (${[...names, ...same.map(([c]) => quoted(c))].join(', ')})
    SELECT ${[...names.map((n) => `x.${n}`), ...sameValues].join(', ')}
    FROM json_to_recordset($1::json) AS x(${columns.map(([c, type]) => `${quoted(c)} ${type}`).join(', ')})${suffix}`;
}

/** Rows as the JSON document `recordsetInsert` reads. */
export function recordset<T>(rows: readonly T[], columns: [string, (row: T) => unknown][]): string {
  return JSON.stringify(
    rows.map((r) => {
      const o: Record<string, unknown> = {};
      for (const [c, get] of columns) o[c] = get(r);
      return o;
    }),
  );
}

/** Column arrays for `unnest($1::type[], $2::type[] …)`. */
export function columnsOf<T>(rows: readonly T[], getters: ((row: T) => unknown)[]): unknown[][] {
  return getters.map((get) => rows.map(get));
}
