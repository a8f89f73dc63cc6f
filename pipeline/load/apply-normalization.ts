/**
 * The one normalization run over a staged table of text cells (`src`, as DuckDB read a CSV
 * file or as stage-cells.ts wrote any other reader's records): every row into the dataset's
 * table at once, each refused row explained from the reasons the SQL recorded, the changes
 * made to source values into the corrections, and the refused rows out again.
 */
import type { ColumnType } from "../../schemas/field.ts"
import { columnsOf } from "../../schemas/derive/columns.ts"
import { quoteIdent as q, sqlString } from "../../schemas/derive/duckdb.ts"
import { rowChecksSql } from "../../schemas/derive/sql-checks.ts"
import type { SourceRecord } from "../contract/source-record.ts"
import type { Database } from "../db/duckdb.ts"
import { type CanonicalRow, type ExplainContext, explainRefusal, type Refusal } from "../normalize/explain-refusal.ts"
import type { SqlNormalizeOptions } from "../normalize/sql-cells.ts"
import { normalizationSql } from "../normalize/sql-normalize.ts"
import type { Problem } from "../problems/problem.ts"
import type { StagedCells } from "./stage-cells.ts"

/** What reading a delivery knows: how to explain its refused rows, and its file as rows record it. */
export type DeliveryContext = ExplainContext & {
  /** The file relative to raw/, for provenance. */
  readonly deliveryFile: string
}

export interface ApplyOptions {
  readonly db: Database
  readonly ctx: DeliveryContext
  readonly sql: SqlNormalizeOptions
  readonly cap: number
  /** The record a refused row was read from, its cells located. */
  readonly recordOf: (refusal: Refusal, line: number) => SourceRecord | Promise<SourceRecord>
  /** Reports the problems of one refused row, and the line it stands on. */
  readonly report: (problems: ReadonlyArray<Problem>, line: number) => void
  readonly countUnlisted: (n: number) => void
  /**
   * Rows of one line stand or fall together (a source record an adapter made several rows
   * of): a refused row takes the others of its line with it, and so do these lines.
   */
  readonly together?: { readonly reject: ReadonlySet<number> }
}

/** A typed value as the JSON of DuckDB's rows gives it, as the dataset's schema reads it. */
const canonical = (type: ColumnType, value: unknown): CanonicalRow[string] =>
  value === null || value === undefined
    ? null
    : type === "BIGINT" || type === "INTEGER" || type === "DOUBLE"
      ? Number(value)
      : (value as string | boolean)

/** Reads the staged table into the dataset's table; returns the rows refused (or, together, the lines). */
export const applyNormalization = async (o: ApplyOptions): Promise<number> => {
  const { db, ctx } = o
  const { dataset } = ctx.plan
  const sql = normalizationSql(ctx.plan, o.sql, rowChecksSql(dataset))
  for (const lookup of sql.lookups) await db.run(`CREATE OR REPLACE TEMP TABLE ${lookup.table} AS ${lookup.sql}`)
  const table = q(dataset.name)
  const datasetColumns = columnsOf(dataset)
  const columns = datasetColumns.map((c) => q(c.name)).join(", ")
  // Every row goes into the dataset's table at once; the ones refused carry _bad and why.
  await db.run(`INSERT INTO ${table} (${columns}, _file, _line, _cols, _bad, _refusal)
    SELECT ${columns}, ${sqlString(ctx.deliveryFile)}, _line, _cols, _bad, _refusal FROM (${sql.select})`)
  const thisFile = `_file = ${sqlString(ctx.deliveryFile)}`
  const rejectLines = [...(o.together?.reject ?? [])]
  const refused =
    o.together === undefined
      ? `_bad AND ${thisFile}`
      : `${thisFile} AND (_line IN (SELECT _line FROM ${table} WHERE _bad AND ${thisFile})${rejectLines.length === 0 ? "" : ` OR _line IN (${rejectLines.join(", ")})`})`
  const count = async (sql: string) => Number((await db.rows(sql))[0]!["n"])
  const rowsRefused = await count(`SELECT count(*) AS n FROM ${table} WHERE _bad AND ${thisFile}`)
  const rejected =
    o.together === undefined
      ? rowsRefused
      : await count(`SELECT count(DISTINCT _line) AS n FROM ${table} WHERE ${refused}`)
  if (rowsRefused > 0) {
    const rows = await db.rows(
      `SELECT ${columns}, _line, _refusal FROM ${table} WHERE _bad AND ${thisFile} ORDER BY _line LIMIT ${o.cap}`,
    )
    for (const r of rows) {
      const line = Number(r["_line"])
      const refusal = JSON.parse(r["_refusal"] as string) as Refusal
      const row: CanonicalRow = {}
      for (const c of datasetColumns) row[c.name] = canonical(c.type, r[c.name])
      const explained = explainRefusal(refusal, await o.recordOf(refusal, line), row, ctx)
      if (explained.length === 0)
        throw new Error(`${ctx.file}:${line}: the normalization refused this row but gives no reason`)
      o.report(explained, line)
    }
    // Rows past the cap are counted, not explained.
    o.countUnlisted(rowsRefused - rows.length)
  }
  if (sql.corrections !== undefined) {
    await db.run(
      `INSERT INTO corrections SELECT ${sqlString(dataset.name)}, ${sqlString(ctx.deliveryFile)}, c.cell_line,
        c.cell_column, c.column_name, c.field, c.source_value, c.new_value, c.reason
       FROM (${sql.corrections}) c
       WHERE c._line NOT IN (SELECT _line FROM ${table} WHERE ${refused})`,
    )
  }
  if (rejected > 0) await db.run(`DELETE FROM ${table} WHERE ${refused}`)
  for (const l of sql.lookups) await db.run(`DROP TABLE ${l.table}`)
  return rejected
}

/** A staged table of cells (stage-cells.ts) through the normalization; returns the rows refused. */
export const normalizeStaged = async (
  db: Database,
  ctx: DeliveryContext,
  staged: StagedCells,
  cap: number,
  report: ApplyOptions["report"],
  countUnlisted: (n: number) => void,
  together?: ApplyOptions["together"],
): Promise<number> => {
  const at = await staged.load(db)
  const rejected = await applyNormalization({
    db,
    ctx,
    cap,
    // The readers give decoded text: it is trimmed and composed like any, and holds no C1 bytes.
    sql: { ...at, translateC1: false, nfc: true, untrimmed: new Set(), ungrouped: new Set() },
    recordOf: (refusal, line) => at.record(refusal.ord, line),
    report,
    countUnlisted,
    ...(together === undefined ? {} : { together }),
  })
  await db.run(`DROP TABLE src`)
  return rejected
}
