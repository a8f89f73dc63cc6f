/**
 * What changed in each dataset since the previous release, by primary key: rows added,
 * removed and changed (which fields, from what to what), each with the delivery it came from
 * before and after. A row whose values stand but that now comes from another delivery (a
 * newer snapshot repeating it) is `redelivered`, not changed. Counted in DuckDB over the two
 * releases' Parquet files, a dataset's joined with its provenance dataset's (change-sides.ts);
 * rows are listed up to a cap, counts are always whole.
 */
import type { DatasetDefinition } from "../../schemas/dataset.ts"
import { columnsOf } from "../../schemas/derive/columns.ts"
import { quoteIdent as q } from "../../schemas/derive/duckdb.ts"
import type { Database } from "../db/duckdb.ts"
import { parquet, present, tracedSql, type ComparedRows } from "./change-sides.ts"
import { changedRowsOf } from "./changed-rows.ts"

/** How many added and removed rows are listed per dataset; all are counted. */
export const LISTED_KEYS = 100
export type Value = string | number | boolean | null
export type Key = Record<string, Value>

/** Where a row came from: the delivery's file in raw/ and the line its record begins on. */
export interface Trace {
  readonly file: string
  readonly line: number
}

export type ChangeKind = "added" | "removed" | "changed" | "redelivered"

export interface RowChange {
  readonly key: Key
  readonly before: Trace | null
  readonly after: Trace | null
}

export interface ChangedRow extends RowChange {
  /** Each field that changed, with its value before and after. */
  readonly fields: Readonly<Record<string, { readonly before: Value; readonly after: Value }>>
}

/** How many rows changed in one way between the same two deliveries. */
export interface DeliveryTally {
  readonly change: ChangeKind
  readonly delivery_before: string | null
  readonly delivery_after: string | null
  readonly rows: number
}

export interface DatasetChanges {
  readonly dataset: string
  readonly rows_before: number
  readonly rows_after: number
  readonly added: number
  readonly removed: number
  readonly changed: number
  readonly redelivered: number
  /** Per field, in how many rows it changed. */
  readonly changed_fields: Readonly<Record<string, number>>
  /** Every kind of change, counted per pair of deliveries (before, after). */
  readonly by_delivery: ReadonlyArray<DeliveryTally>
  readonly added_rows: ReadonlyArray<RowChange>
  readonly removed_rows: ReadonlyArray<RowChange>
  readonly changed_rows: ReadonlyArray<ChangedRow>
}

const keyOf = (row: Record<string, unknown>, pk: ReadonlyArray<string>): Key =>
  Object.fromEntries(pk.map((k) => [k, (row[k] ?? null) as Value]))

const traceOf = (file: unknown, line: unknown): Trace | null =>
  file === null || file === undefined ? null : { file: String(file), line: Number(line) }

/** Up to this many rows, a dataset is joined whole with the previous release's. */
export const BUCKETED_FROM_ROWS = 1_000_000

/** How many buckets a large dataset's keys fall into when it is compared. */
const DIFF_BUCKETS = 65_536

/** What comparing a dataset with the same rows in the previous release finds: nothing. */
export const unchanged = (d: DatasetDefinition, rows: number): DatasetChanges => ({
  dataset: d.name,
  rows_before: rows,
  rows_after: rows,
  added: 0,
  removed: 0,
  changed: 0,
  redelivered: 0,
  changed_fields: {},
  by_delivery: [],
  added_rows: [],
  removed_rows: [],
  changed_rows: [],
})

/**
 * A first release's changes: every row added. Its tallies count the provenance rows per
 * delivery (a row without one tallied with none), and only the listed rows are joined with
 * their traces: a join of every row with its provenance would hold the whole dataset at once.
 */
const firstRelease = async (
  db: Database,
  d: DatasetDefinition,
  next: ComparedRows,
  rows: number,
): Promise<DatasetChanges> => {
  const pk = d.primaryKey.map(q).join(", ")
  const trace = present(next.provenance)
  const perFile =
    trace === undefined
      ? []
      : await db.rows(`SELECT file, count(*) AS n FROM ${parquet(trace)} GROUP BY file ORDER BY file`)
  const traced = perFile.reduce((n, r) => n + Number(r["n"]), 0)
  const tally = (file: string | null, n: number): DeliveryTally => ({
    change: "added",
    delivery_before: null,
    delivery_after: file,
    rows: n,
  })
  const listed =
    next.data === undefined
      ? []
      : await db.rows(`SELECT x.*, t.file AS file_after, t.line AS line_after
          FROM (SELECT ${pk} FROM ${parquet(next.data)} ORDER BY ${pk} LIMIT ${LISTED_KEYS}) x
          ${trace === undefined ? "LEFT JOIN (SELECT NULL AS file, NULL AS line) t ON false" : `LEFT JOIN ${parquet(trace)} t USING (${pk})`}
          ORDER BY ${pk}`)
  return {
    ...unchanged(d, 0),
    rows_after: rows,
    added: rows,
    by_delivery: [
      ...(rows > traced ? [tally(null, rows - traced)] : []),
      ...perFile.map((r) => tally(String(r["file"]), Number(r["n"]))),
    ],
    added_rows: listed.map((r) => ({
      key: keyOf(r, d.primaryKey),
      before: null,
      after: traceOf(r["file_after"], r["line_after"]),
    })),
  }
}

/**
 * What changed in `d` from `previous` to `next` (undefined: a first release, every row added).
 * A side without provenance (a release older than provenance datasets) tells no delivery.
 */
export const datasetChanges = async (
  db: Database,
  d: DatasetDefinition,
  previous: ComparedRows | undefined,
  next: ComparedRows,
  /** From how many rows on a dataset is compared bucket by bucket. */
  bucketedFrom = BUCKETED_FROM_ROWS,
): Promise<DatasetChanges> => {
  const pk = d.primaryKey
  const order = pk.map(q).join(", ")
  const countOf = async (path: string | undefined) =>
    path === undefined ? 0 : Number((await db.rows(`SELECT count(*) AS n FROM ${parquet(path)}`))[0]!["n"])
  const rowsAfter = await countOf(next.data)
  // A first release: every row is added, and counted per delivery from its provenance alone;
  // only the listed rows are joined with where they come from.
  if (previous === undefined) return firstRelease(db, d, next, rowsAfter)
  const previousData = present(previous.data)
  const previousColumns =
    previousData === undefined
      ? new Set(columnsOf(d).map((c) => c.name))
      : new Set((await db.rows(`DESCRIBE SELECT * FROM ${parquet(previousData)}`)).map((r) => String(r["column_name"])))
  if (!pk.every((k) => previousColumns.has(k))) throw new Error(`${d.name}: the previous release lacks a key column`)
  // A previous file of another shape is compared on the columns both have; provenance is not content.
  const common = columnsOf(d).filter((c) => !pk.includes(c.name) && !c.provenance && previousColumns.has(c.name))
  const on = pk.map((k) => `n.${q(k)} = p.${q(k)}`).join(" AND ")
  const both = `n.${q(pk[0]!)} IS NOT NULL AND p.${q(pk[0]!)} IS NOT NULL`
  const changedAny = common.length === 0 ? "false" : common.map((_, i) => `d${i}`).join(" OR ")
  const rowsBefore = await countOf(previousData)
  // A large dataset is joined only where it can differ: its keys fall into buckets, and a
  // bucket whose rows (count and sum of row hashes) are the same in both files, and whose
  // provenance rows are, is left out. Two files that differ in a bucket with the same sums go
  // unnoticed with a chance of about 2^-64. A key or value whose type changed between the
  // releases hashes otherwise: its buckets differ on both sides and are joined, as they must
  // be. At 10 million rows with 1,000 added, joining the whole files took 5.4 s (and more
  // memory than a build has beside its read-back); this takes 0.7 s (2.2 s with every value
  // hashed as text).
  const bucketed = Math.max(rowsAfter, rowsBefore) > bucketedFrom
  const bucket = `hash(${pk.map(q).join(", ")}) % ${DIFF_BUCKETS}`
  const sums = (path: string | undefined, fields: ReadonlyArray<string>) =>
    path === undefined
      ? `SELECT CAST(NULL AS UBIGINT) AS b, 0 AS n, 0 AS h WHERE false`
      : `SELECT ${bucket} AS b, count(*) AS n, sum(hash(${fields.map(q).join(", ")})::HUGEINT) AS h FROM ${parquet(path)} GROUP BY b`
  const differ = (a: string, b: string) =>
    `SELECT b FROM (${a}) x FULL OUTER JOIN (${b}) y USING (b) WHERE x.n IS DISTINCT FROM y.n OR x.h IS DISTINCT FROM y.h`
  const traceFiles = [present(previous.provenance), present(next.provenance)]
  if (bucketed)
    await db.run(
      `CREATE OR REPLACE TEMP TABLE differing AS ${differ(
        sums(next.data, [...pk, ...common.map((c) => c.name)]),
        sums(previousData, [...pk, ...common.map((c) => c.name)]),
      )}${
        traceFiles.every((t) => t !== undefined)
          ? ` UNION ${differ(sums(traceFiles[1], [...pk, "file", "line"]), sums(traceFiles[0], [...pk, "file", "line"]))}`
          : ""
      }`,
    )
  const where = bucketed ? `${bucket} IN (SELECT b FROM differing)` : "true"
  const [newSide, oldSide] = [await tracedSql(db, d, next, where), await tracedSql(db, d, previous, where)]
  await db.run(`CREATE OR REPLACE TEMP TABLE diff AS
    SELECT * FROM (SELECT *, CASE WHEN kind <> 'kept' THEN kind WHEN ${changedAny} THEN 'changed'
      WHEN file_before IS NOT NULL AND (file_before <> file_after OR line_before <> line_after) THEN 'redelivered' END AS change
    FROM (
      SELECT ${pk.map((k) => `coalesce(n.${q(k)}, p.${q(k)}) AS ${q(k)}`).join(", ")},
        CASE WHEN p.${q(pk[0]!)} IS NULL THEN 'added' WHEN n.${q(pk[0]!)} IS NULL THEN 'removed' ELSE 'kept' END AS kind,
        p._trace_file AS file_before, p._trace_line AS line_before, n._trace_file AS file_after, n._trace_line AS line_after
        ${common.map((c, i) => `, (${both} AND n.${q(c.name)} IS DISTINCT FROM p.${q(c.name)}) AS d${i}`).join("")}
      FROM ${newSide} n FULL OUTER JOIN ${oldSide} p ON ${on}
    )) WHERE change IS NOT NULL`)
  const [counts] = await db.rows(`SELECT count(*) AS n
      ${common.map((_, i) => `, count(*) FILTER (WHERE d${i}) AS d${i}`).join("")}
    FROM diff`)
  const tallies = (
    await db.rows(
      `SELECT change, file_before, file_after, count(*) AS n FROM diff WHERE change IS NOT NULL GROUP BY ALL ORDER BY change, file_before NULLS FIRST, file_after NULLS FIRST`,
    )
  ).map(
    (r): DeliveryTally => ({
      change: r["change"] as ChangeKind,
      delivery_before: (r["file_before"] as string | null) ?? null,
      delivery_after: (r["file_after"] as string | null) ?? null,
      rows: Number(r["n"]),
    }),
  )
  const total = (change: ChangeKind) => tallies.filter((t) => t.change === change).reduce((n, t) => n + t.rows, 0)
  const listed = async (change: ChangeKind, cap: number) =>
    db.rows(`SELECT * FROM diff WHERE change = '${change}' ORDER BY ${order} LIMIT ${cap}`)
  const traces = (r: Record<string, unknown>): RowChange => ({
    key: keyOf(r, pk),
    before: traceOf(r["file_before"], r["line_before"]),
    after: traceOf(r["file_after"], r["line_after"]),
  })

  const changedRows =
    total("changed") === 0
      ? []
      : await changedRowsOf(db, { pk, common, order, next: next.data!, previous: previousData! }, traces)
  const result: DatasetChanges = {
    dataset: d.name,
    rows_before: rowsBefore,
    rows_after: rowsAfter,
    added: total("added"),
    removed: total("removed"),
    changed: total("changed"),
    redelivered: total("redelivered"),
    changed_fields: Object.fromEntries(
      common.map((col, i) => [col.name, Number(counts![`d${i}`])]).filter(([, n]) => Number(n) > 0),
    ),
    by_delivery: tallies,
    added_rows: (await listed("added", LISTED_KEYS)).map(traces),
    removed_rows: (await listed("removed", LISTED_KEYS)).map(traces),
    changed_rows: changedRows,
  }
  await db.run(`DROP TABLE diff; DROP TABLE IF EXISTS differing`)
  return result
}
