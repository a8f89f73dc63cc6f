/**
 * What changed in each dataset since the previous release, by primary key: rows added,
 * removed and changed, and which fields changed how often. Counted in DuckDB over the two
 * Parquet files; the keys themselves are listed up to a cap.
 */
import { existsSync } from "node:fs"
import type { DatasetDefinition } from "../../schemas/dataset.ts"
import { columnsOf } from "../../schemas/derive/columns.ts"
import { quoteIdent as q, sqlString } from "../../schemas/derive/duckdb.ts"
import type { Database } from "../write/duckdb.ts"

/** How many keys of each kind are listed; all are counted. */
export const LISTED_KEYS = 100

export type Key = Record<string, string | number | boolean | null>

export interface DatasetChanges {
  readonly dataset: string
  readonly rows_before: number
  readonly rows_after: number
  readonly added: number
  readonly removed: number
  readonly changed: number
  /** Per field, in how many rows it changed. */
  readonly changed_fields: Readonly<Record<string, number>>
  readonly added_keys: ReadonlyArray<Key>
  readonly removed_keys: ReadonlyArray<Key>
  readonly changed_keys: ReadonlyArray<{ readonly key: Key; readonly fields: ReadonlyArray<string> }>
}

const keyOf = (row: Record<string, unknown>, pk: ReadonlyArray<string>): Key =>
  Object.fromEntries(pk.map((k) => [k, (row[k] ?? null) as Key[string]]))

export const datasetChanges = async (db: Database, d: DatasetDefinition, previousParquet: string | undefined, nextParquet: string): Promise<DatasetChanges> => {
  const pk = d.primaryKey
  const next = `read_parquet(${sqlString(nextParquet)})`
  const hasPrevious = previousParquet !== undefined && existsSync(previousParquet)
  const order = pk.map(q).join(", ")
  if (!hasPrevious) {
    // A first release: every row is added, and nothing need be joined.
    const [{ n }] = (await db.rows(`SELECT count(*) AS n FROM ${next}`)) as [{ n: unknown }]
    const added = (await db.rows(`SELECT ${order} FROM ${next} ORDER BY ${order} LIMIT ${LISTED_KEYS}`)).map((r) => keyOf(r, pk))
    return { dataset: d.name, rows_before: 0, rows_after: Number(n), added: Number(n), removed: 0, changed: 0, changed_fields: {}, added_keys: added, removed_keys: [], changed_keys: [] }
  }
  // A previous file of another shape is compared on the columns both have.
  const previousColumns = new Set((await db.rows(`DESCRIBE SELECT * FROM read_parquet(${sqlString(previousParquet)})`)).map((r) => String(r["column_name"])))
  const previous = `read_parquet(${sqlString(previousParquet)})`
  const common = columnsOf(d).filter((c) => !pk.includes(c.name) && previousColumns.has(c.name))
  if (!pk.every((k) => previousColumns.has(k))) throw new Error(`${d.name}: the previous release lacks a key column`)
  const on = pk.map((k) => `n.${q(k)} = p.${q(k)}`).join(" AND ")
  const differs = (c: string) => `n.${q(c)} IS DISTINCT FROM p.${q(c)}`
  await db.run(`CREATE OR REPLACE TEMP TABLE diff AS
    SELECT ${pk.map((k) => `coalesce(n.${q(k)}, p.${q(k)}) AS ${q(k)}`).join(", ")},
      CASE WHEN p.${q(pk[0]!)} IS NULL THEN 'added' WHEN n.${q(pk[0]!)} IS NULL THEN 'removed' ELSE 'kept' END AS kind
      ${common.map((c, i) => `, (n.${q(pk[0]!)} IS NOT NULL AND p.${q(pk[0]!)} IS NOT NULL AND ${differs(c.name)}) AS d${i}`).join("")}
    FROM ${next} n FULL OUTER JOIN ${previous} p ON ${on}`)
  const [counts] = await db.rows(`SELECT
      count(*) FILTER (WHERE kind <> 'removed') AS after, count(*) FILTER (WHERE kind <> 'added') AS before,
      count(*) FILTER (WHERE kind = 'added') AS added, count(*) FILTER (WHERE kind = 'removed') AS removed,
      count(*) FILTER (WHERE ${common.length === 0 ? "false" : common.map((_, i) => `d${i}`).join(" OR ")}) AS changed
      ${common.map((_, i) => `, count(*) FILTER (WHERE d${i}) AS d${i}`).join("")}
    FROM diff`)
  const c = counts!
  const keys = async (kind: string) => (await db.rows(`SELECT ${order} FROM diff WHERE kind = '${kind}' ORDER BY ${order} LIMIT ${LISTED_KEYS}`)).map((r) => keyOf(r, pk))
  const changedRows = common.length === 0 ? [] : await db.rows(`SELECT * FROM diff WHERE ${common.map((_, i) => `d${i}`).join(" OR ")} ORDER BY ${order} LIMIT ${LISTED_KEYS}`)
  const [added, removed] = [await keys("added"), await keys("removed")]
  await db.run("DROP TABLE diff")
  return {
    dataset: d.name,
    rows_before: Number(c["before"]),
    rows_after: Number(c["after"]),
    added: Number(c["added"]),
    removed: Number(c["removed"]),
    changed: Number(c["changed"]),
    changed_fields: Object.fromEntries(common.map((col, i) => [col.name, Number(c[`d${i}`])]).filter(([, n]) => Number(n) > 0)),
    added_keys: added,
    removed_keys: removed,
    changed_keys: changedRows.map((r) => ({ key: keyOf(r, pk), fields: common.filter((_, i) => r[`d${i}`] === true).map((col) => col.name) })),
  }
}
