/**
 * The two sides a dataset's change record compares, each its rows with where each row comes
 * from: the dataset's Parquet file joined on its key with its provenance dataset's (key, file,
 * line), as `_trace_file` and `_trace_line`. A side is a whole release's files, or only the
 * rows a build took out or put in (write/splice-dataset.ts): then a row whose trace did not
 * change has none among them, and it is looked up in the release's whole provenance file; and a
 * row whose values stand while its trace changed is among the provenance rows alone, and
 * compared with its values unknown (null) on both sides.
 */
import { existsSync } from "node:fs"
import type { DatasetDefinition } from "../../schemas/dataset.ts"
import { columnsOf } from "../../schemas/derive/columns.ts"
import { quoteIdent as q, sqlString } from "../../schemas/derive/duckdb.ts"
import type { Database } from "../db/duckdb.ts"

/** One side's rows of a dataset, as Parquet files. */
export interface ComparedRows {
  /** The dataset's rows; none when undefined (nothing of it taken out, say). */
  readonly data: string | undefined
  /** Where each comes from: rows of its provenance dataset; none known when undefined. */
  readonly provenance?: string | undefined
  /**
   * Where `provenance` holds only some rows (those whose trace changed): the release's whole
   * provenance file, in which the others are looked up.
   */
  readonly provenanceOfAll?: string | undefined
}

export const parquet = (path: string) => `read_parquet(${sqlString(path)})`

/** A file that is there, or undefined. */
export const present = (path: string | undefined): string | undefined =>
  path !== undefined && existsSync(path) ? path : undefined

/** The dataset's rows of a side, or none of its columns' types. */
const dataOf = (d: DatasetDefinition, rows: ComparedRows) =>
  rows.data === undefined
    ? `(SELECT ${columnsOf(d)
        .map((c) => `CAST(NULL AS ${c.type}) AS ${q(c.name)}`)
        .join(", ")} WHERE false)`
    : parquet(rows.data)

/**
 * A side's rows with their traces, restricted to the keys `where` admits (a bucket's, say).
 * Where the side is the rows taken out or put in (`provenanceOfAll` given), the rows of
 * `provenance` whose key its data lacks are those whose values stand and whose trace changed:
 * they come with their key and trace alone.
 */
export const tracedSql = async (
  db: Database,
  d: DatasetDefinition,
  side: ComparedRows,
  where: string,
): Promise<string> => {
  const pk = d.primaryKey.map(q).join(", ")
  const data = `(SELECT * FROM ${dataOf(d, side)} WHERE ${where})`
  const [provenance, all] = [present(side.provenance), present(side.provenanceOfAll)]
  const joined = (from: string) =>
    `(SELECT x.*, t.file AS _trace_file, t.line AS _trace_line FROM ${data} x LEFT JOIN ${from} t USING (${pk}))`
  // No trace changed among the rows given: each is looked up in the whole file.
  if (provenance === undefined && all !== undefined) return joined(parquet(all))
  if (provenance === undefined)
    return `(SELECT *, CAST(NULL AS VARCHAR) AS _trace_file, CAST(NULL AS INTEGER) AS _trace_line FROM ${data})`
  const trace = `(SELECT * FROM ${parquet(provenance)} WHERE ${where})`
  if (all === undefined) return joined(trace)
  // Looked up in the whole file only when some row's trace is not among the rows given.
  const [{ untraced }] = (await db.rows(
    `SELECT count(*) AS untraced FROM ${data} ANTI JOIN ${trace} USING (${pk})`,
  )) as [{ untraced: unknown }]
  const [file, line, lookup] =
    Number(untraced) === 0
      ? ["t.file", "t.line", ""]
      : ["coalesce(t.file, a.file)", "coalesce(t.line, a.line)", `LEFT JOIN ${parquet(all)} a USING (${pk})`]
  return `(SELECT x.*, ${file} AS _trace_file, ${line} AS _trace_line FROM ${data} x LEFT JOIN ${trace} t USING (${pk}) ${lookup}
    UNION ALL BY NAME
    SELECT ${pk}, file AS _trace_file, line AS _trace_line FROM ${trace} ANTI JOIN ${data} USING (${pk}))`
}
