/**
 * Which records a dataset's published files lose and gain, by position, from its published
 * Parquet file and the one just written. Both are sorted by the primary key, so the records
 * they share come in the same order in both: the new file is the published one without the
 * `deleted` positions and with the `inserted` ones. Rows are bucketed by the hash of all their
 * values; only the buckets whose count or sum of hashes differ are read row by row, and their
 * rows are matched on every value.
 */
import type { DatasetDefinition } from "../../schemas/dataset.ts"
import { columnsOf } from "../../schemas/derive/columns.ts"
import { quoteIdent as q, sqlString } from "../../schemas/derive/duckdb.ts"
import type { Database } from "../db/duckdb.ts"

const BUCKETS = 262_144

/** The temporary table the inserted positions are left in, for their records to be rendered. */
export const INSERTED_TABLE = "splice_inserted"

/** Drops the inserted positions' table, once their records are rendered. */
export const dropSpliceEdits = (db: Database): Promise<void> => db.run(`DROP TABLE IF EXISTS ${INSERTED_TABLE}`)

export interface SpliceEdits {
  readonly oldRows: number
  readonly newRows: number
  /** The published rows' count and sum of row hashes, as the read-back takes them. */
  readonly oldPrint: { readonly n: string; readonly h: string }
  /** Positions in the published files of the records that are gone, ascending. */
  readonly deleted: ReadonlyArray<number>
  /** Positions in the new files of the records that are new, ascending; also in INSERTED_TABLE. */
  readonly inserted: ReadonlyArray<number>
}

/**
 * The edits; undefined when there are more than `most` of them, or more than twice as many
 * rows to match one by one (then writing the files whole costs less).
 */
export const spliceEdits = async (
  db: Database,
  d: DatasetDefinition,
  publishedParquet: string,
  newParquet: string,
  most: number,
): Promise<SpliceEdits | undefined> => {
  const names = columnsOf(d).map((c) => q(c.name))
  const hashed = `hash(${names.join(", ")})`
  const read = (path: string) => `read_parquet(${sqlString(path)}, file_row_number = true)`
  const sums = (path: string) =>
    `SELECT ${hashed} % ${BUCKETS} AS b, count(*) AS n, sum(${hashed}::HUGEINT) AS h FROM ${read(path)} GROUP BY b`
  await db.run(`CREATE OR REPLACE TEMP TABLE splice_old AS ${sums(publishedParquet)};
    CREATE OR REPLACE TEMP TABLE splice_new AS ${sums(newParquet)};
    CREATE OR REPLACE TEMP TABLE splice_buckets AS SELECT b, coalesce(o.n, 0) AS old_n, coalesce(x.n, 0) AS new_n
      FROM splice_old o FULL OUTER JOIN splice_new x USING (b) WHERE o.n IS DISTINCT FROM x.n OR o.h IS DISTINCT FROM x.h`)
  try {
    const [totals] = await db.rows(`SELECT
        (SELECT coalesce(sum(n), 0) FROM splice_old) AS old_rows, (SELECT coalesce(sum(h), 0) FROM splice_old) AS old_h,
        (SELECT coalesce(sum(n), 0) FROM splice_new) AS new_rows,
        (SELECT coalesce(sum(old_n + new_n), 0) FROM splice_buckets) AS matched`)
    const oldRows = Number(totals!["old_rows"])
    const newRows = Number(totals!["new_rows"])
    if (Number(totals!["matched"]) > 2 * most || oldRows === 0 || newRows === 0) return undefined
    const side = (path: string) =>
      `SELECT file_row_number AS pos, ${names.join(", ")} FROM ${read(path)} WHERE ${hashed} % ${BUCKETS} IN (SELECT b FROM splice_buckets)`
    await db.run(`CREATE OR REPLACE TEMP TABLE splice_gone AS ${side(publishedParquet)};
      CREATE OR REPLACE TEMP TABLE splice_came AS ${side(newParquet)}`)
    const same = names.map((n) => `a.${n} IS NOT DISTINCT FROM b.${n}`).join(" AND ")
    const unmatched = async (from: string, against: string) =>
      (await db.rows(`SELECT a.pos FROM ${from} a ANTI JOIN ${against} b ON ${same} ORDER BY a.pos`)).map((r) =>
        Number(r["pos"]),
      )
    const deleted = await unmatched("splice_gone", "splice_came")
    const inserted = await unmatched("splice_came", "splice_gone")
    if (deleted.length + inserted.length > most) return undefined
    await db.run(`CREATE OR REPLACE TEMP TABLE ${INSERTED_TABLE} AS
      SELECT a.pos FROM splice_came a ANTI JOIN splice_gone b ON ${same}`)
    return {
      oldRows,
      newRows,
      oldPrint: { n: String(oldRows), h: String(totals!["old_h"]) },
      deleted,
      inserted,
    }
  } finally {
    await db.run(`DROP TABLE IF EXISTS splice_old; DROP TABLE IF EXISTS splice_new; DROP TABLE IF EXISTS splice_buckets;
      DROP TABLE IF EXISTS splice_gone; DROP TABLE IF EXISTS splice_came`)
  }
}
