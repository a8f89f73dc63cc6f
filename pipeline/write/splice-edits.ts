/**
 * Which records a dataset's published files lose and gain, and where, from its published
 * Parquet file and its table, before the new files are written. Both the published files and
 * the new ones are sorted by the primary key, so the records they share come in the same order
 * in both: the new file is the published one without the `deleted` positions and with the new
 * records at theirs. Only rows that differ can be gone or new. Where the fingerprints recorded
 * when the release was published give them per delivery file, only the rows of the files whose
 * fingerprints changed are compared (the published rows' delivery files named by the published
 * provenance dataset; a new delivery: its rows alone, none published). When
 * those, or all rows where that is not known, are too many to match one by one, they are
 * bucketed by the hash of all their values, and only the buckets whose count or sum of hashes
 * differ are read row by row. Rows are matched on every value.
 *
 * A new record's position is the number of published records kept before it (those with a
 * smaller key, less those taken out) plus the number of new records before it. The published
 * records with a smaller key are found level by level of the key: a smaller first field, or the
 * same first field and a smaller second, and so on; each level reads the published file's keys
 * grouped by their leading fields, and the last its rows. checkPositions then holds the
 * positions against the Parquet file written.
 */
import type { DatasetDefinition } from "../../schemas/dataset.ts"
import { columnsOf } from "../../schemas/derive/columns.ts"
import { quoteIdent as q, rowHashSql, sqlString } from "../../schemas/derive/duckdb.ts"
import type { Database } from "../db/duckdb.ts"
import { samePrint, type Fingerprint } from "../incremental/fingerprints.ts"

const BUCKETS = 262_144

/** The temporary table the new records are left in, with their positions (`new_pos`), to be rendered. */
export const INSERTED_TABLE = "splice_inserted"
/** The published rows that may differ, with their positions (`pos`), and the positions of those gone. */
export const GONE_TABLE = "splice_gone"
export const DELETED_TABLE = "splice_deleted"

const TABLES = [
  "splice_old",
  "splice_new",
  "splice_buckets",
  "splice_gone",
  "splice_came",
  "splice_deleted",
  "splice_rows",
]

/** Drops the tables the edits were found with, the new records' too. */
export const dropSpliceEdits = async (d: DatasetDefinition, db: Database): Promise<void> => {
  const levels = d.primaryKey.slice(1).map((_, i) => `splice_level_${i + 1}`)
  await db.run([...TABLES, ...levels, INSERTED_TABLE].map((t) => `DROP TABLE IF EXISTS ${t};`).join(" "))
}

export interface SpliceEdits {
  readonly oldRows: number
  readonly newRows: number
  /** The published rows' count and sum of row hashes, as the read-back takes them. */
  readonly oldPrint: { readonly n: string; readonly h: string }
  /** Positions in the published files of the records that are gone, ascending. */
  readonly deleted: ReadonlyArray<number>
  /** How many delivery files' rows were compared, when not all were (`changed`). */
  readonly files: number | undefined
  /** Positions in the new files of the records that are new, ascending; also in INSERTED_TABLE. */
  readonly inserted: ReadonlyArray<number>
}

/**
 * The delivery files whose rows differ from those published (their fingerprints per file
 * differ: incremental/fingerprints.ts), the rows they had and have, and the published totals. Only
 * their rows can be gone or new.
 */
export interface ChangedFiles {
  /**
   * The published Parquet file that names each published row's delivery file in `file`: the
   * dataset's provenance dataset, or the dataset itself when it is one.
   */
  readonly provenance: string
  readonly files: ReadonlyArray<string>
  /** Their rows in the published release and in the table, together. */
  readonly rows: number
  /** The published rows' count and sum of row hashes, all files together. */
  readonly published: { readonly n: string; readonly h: string }
}

/** Compares a dataset's fingerprints per delivery file, as published and now. */
export const changedFiles = (
  provenance: string,
  published: ReadonlyMap<string, Fingerprint>,
  now: ReadonlyMap<string, Fingerprint>,
  total: Fingerprint,
): ChangedFiles => {
  const files = [...new Set([...published.keys(), ...now.keys()])].filter(
    (f) => !samePrint(published.get(f), now.get(f)),
  )
  const count = (print: Fingerprint | undefined) => Number(print?.rows ?? 0n)
  return {
    provenance,
    files: files.sort(),
    rows: files.reduce((sum, f) => sum + count(published.get(f)) + count(now.get(f)), 0),
    published: { n: String(total.rows), h: String(total.hash) },
  }
}

/**
 * The edits from the published Parquet file to `d`'s table; undefined when there are more than
 * `most` of them, or more than twice as many rows to match one by one (then writing the files
 * whole costs less). With `changed`, only the rows of the delivery files it names are compared,
 * and when they are few enough, all of them are matched, without buckets.
 */
export const spliceEdits = async (
  db: Database,
  d: DatasetDefinition,
  publishedParquet: string,
  /** The table's rows, as the caller counted them. */
  newRows: number,
  most: number,
  changed?: ChangedFiles,
): Promise<SpliceEdits | undefined> => {
  const names = columnsOf(d).map((c) => q(c.name))
  const keys = d.primaryKey.map(q)
  const hashed = rowHashSql(d)
  const published = `read_parquet(${sqlString(publishedParquet)}, file_row_number = true)`
  const table = q(d.name)
  // The rows of the changed files: in the table by `_file`, in the published file by its provenance.
  const files = changed?.files.map(sqlString).join(", ")
  const [onlyNew, onlyPublished] =
    changed === undefined
      ? ["true", "true"]
      : changed.files.length === 0
        ? ["false", "false"]
        : [
            `_file IN (${files})`,
            d.provenanceOf !== undefined
              ? `file IN (${files})`
              : `(${keys.join(", ")}) IN (SELECT ${keys.join(", ")} FROM read_parquet(${sqlString(changed.provenance)}) WHERE file IN (${files}))`,
          ]
  let [differingNew, differingPublished] = [onlyNew, onlyPublished]
  let oldRows = Number(changed?.published.n ?? 0)
  let oldH = changed?.published.h ?? "0"
  if (changed === undefined || changed.rows > 2 * most) {
    const sums = (from: string, only: string) =>
      `SELECT ${hashed} % ${BUCKETS} AS b, count(*) AS n, sum(${hashed}::HUGEINT) AS h FROM ${from} WHERE ${only} GROUP BY b`
    await db.run(`CREATE OR REPLACE TEMP TABLE splice_old AS ${sums(published, onlyPublished)};
      CREATE OR REPLACE TEMP TABLE splice_new AS ${sums(table, onlyNew)};
      CREATE OR REPLACE TEMP TABLE splice_buckets AS SELECT b, coalesce(o.n, 0) AS old_n, coalesce(x.n, 0) AS new_n
        FROM splice_old o FULL OUTER JOIN splice_new x USING (b) WHERE o.n IS DISTINCT FROM x.n OR o.h IS DISTINCT FROM x.h`)
    const [totals] = await db.rows(`SELECT
        (SELECT coalesce(sum(n), 0) FROM splice_old) AS old_rows, (SELECT coalesce(sum(h), 0) FROM splice_old) AS old_h,
        (SELECT coalesce(sum(old_n + new_n), 0) FROM splice_buckets) AS matched`)
    if (Number(totals!["matched"]) > 2 * most) return undefined
    // Without `changed`, the published file's sums are all its rows'.
    if (changed === undefined) {
      oldRows = Number(totals!["old_rows"])
      oldH = String(totals!["old_h"])
    }
    const bucket = `${hashed} % ${BUCKETS} IN (SELECT b FROM splice_buckets)`
    differingNew = `${onlyNew} AND ${bucket}`
    differingPublished = `${onlyPublished} AND ${bucket}`
  }
  if (oldRows === 0 || newRows === 0) return undefined
  const same = names.map((n) => `a.${n} IS NOT DISTINCT FROM b.${n}`).join(" AND ")
  await db.run(`CREATE OR REPLACE TEMP TABLE splice_gone AS
      SELECT file_row_number AS pos, ${names.join(", ")} FROM ${published} WHERE ${differingPublished};
    CREATE OR REPLACE TEMP TABLE splice_came AS SELECT ${names.join(", ")} FROM ${table} WHERE ${differingNew};
    CREATE OR REPLACE TEMP TABLE splice_deleted AS SELECT a.pos FROM splice_gone a ANTI JOIN splice_came b ON ${same};
    CREATE OR REPLACE TEMP TABLE splice_rows AS SELECT a.* FROM splice_came a ANTI JOIN splice_gone b ON ${same}`)
  const [counts] = await db.rows(
    `SELECT (SELECT count(*) FROM splice_deleted) AS deleted, (SELECT count(*) FROM splice_rows) AS inserted`,
  )
  if (Number(counts!["deleted"]) + Number(counts!["inserted"]) > most) return undefined

  // The last published position with a smaller key, level by level of the key.
  const levels = keys.slice(1).map((_, i) => `splice_level_${i + 1}`)
  for (const [i, level] of levels.entries())
    await db.run(`CREATE OR REPLACE TEMP TABLE ${level} AS
      SELECT ${keys.slice(0, i + 1).join(", ")}, max(file_row_number) AS m FROM ${published} GROUP BY ALL`)
  const equalBefore = (i: number, side: string) =>
    keys
      .slice(0, i)
      .map((k) => `${side}.${k} = r.${k} AND `)
      .join("")
  const before = [
    ...levels.map(
      (level, i) => `(SELECT max(g.m) FROM ${level} g WHERE ${equalBefore(i, "g")}g.${keys[i]} < r.${keys[i]})`,
    ),
    `(SELECT max(o.file_row_number) FROM ${published} o WHERE ${equalBefore(keys.length - 1, "o")}o.${keys.at(-1)} < r.${keys.at(-1)})`,
  ]
  await db.run(`CREATE OR REPLACE TEMP TABLE ${INSERTED_TABLE} AS
    SELECT * EXCLUDE (lower), lower - (SELECT count(*) FROM splice_deleted x WHERE x.pos < lower)
      + row_number() OVER (ORDER BY ${keys.join(", ")}) - 1 AS new_pos
    FROM (SELECT r.*, coalesce(greatest(${before.join(", ")}), -1) + 1 AS lower FROM splice_rows r)`)
  const positions = async (sql: string) => (await db.rows(sql)).map((r) => Number(r["p"]))
  return {
    oldRows,
    newRows,
    oldPrint: { n: String(oldRows), h: oldH },
    files: changed?.files.length,
    deleted: await positions(`SELECT pos AS p FROM splice_deleted ORDER BY pos`),
    inserted: await positions(`SELECT new_pos AS p FROM ${INSERTED_TABLE} ORDER BY new_pos`),
  }
}

/**
 * Whether the new records are where the edits put them in the Parquet file written since: the
 * positions of their keys in it, and its row count.
 */
export const checkPositions = async (
  db: Database,
  d: DatasetDefinition,
  parquet: string,
  edits: SpliceEdits,
): Promise<boolean> => {
  const keys = d.primaryKey.map(q).join(", ")
  const found =
    await db.rows(`SELECT file_row_number AS p FROM read_parquet(${sqlString(parquet)}, file_row_number = true)
    SEMI JOIN ${INSERTED_TABLE} USING (${keys}) ORDER BY p`)
  const [{ n }] = (await db.rows(`SELECT count(*) AS n FROM read_parquet(${sqlString(parquet)})`)) as [{ n: unknown }]
  return (
    Number(n) === edits.newRows &&
    found.length === edits.inserted.length &&
    found.every((r, i) => Number(r["p"]) === edits.inserted[i])
  )
}
