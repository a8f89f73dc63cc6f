/**
 * The staged table of text cells every reader but DuckDB's CSV reader fills: a record's cells,
 * each with its line, its column and its label, written to a newline-delimited JSON file as
 * they are read and loaded into DuckDB as `src`, where the one normalization runs over them as
 * over a CSV file DuckDB read itself (apply-normalization.ts).
 */
import { sqlString, structSql } from "../../schemas/derive/duckdb.ts"
import type { SourceRecord } from "../contract/source-record.ts"
import type { Database } from "../db/duckdb.ts"
import type { DeliveryPlan } from "../normalize/delivery-plan.ts"
import type { SqlNormalizeOptions } from "../normalize/sql-cells.ts"
import { LineFile } from "../shared/line-file.ts"

export class StagedCells {
  private readonly out: LineFile
  private readonly index: ReadonlyMap<string, number>

  /** `names`: the source columns the plan reads, each staged as a column of its own. */
  constructor(
    private readonly path: string,
    readonly names: ReadonlyArray<string>,
  ) {
    this.index = new Map(names.map((n, j) => [n, j]))
    this.out = new LineFile(path)
  }

  /** One record, with where its fields stand where the header does not say it (`_cols`). */
  async add(record: SourceRecord, cols: string | null): Promise<void> {
    const row: Record<string, unknown> = { _line: record.line, _cols: cols }
    for (const cell of record.cells) {
      const j = this.index.get(cell.name)
      if (j === undefined) continue
      row[`c${j}`] = cell.value
      row[`at_line${j}`] = cell.line
      row[`at_col${j}`] = cell.column
      if (cell.label !== undefined) row[`at_label${j}`] = cell.label
    }
    await this.out.write(JSON.stringify(row))
  }

  /** Loads the cells as `src`; returns how the normalization reads them. */
  async load(db: Database): Promise<
    Pick<SqlNormalizeOptions, "sourceColumns" | "rows" | "cellAt"> & {
      readonly record: (ord: number, line: number) => Promise<SourceRecord>
    }
  > {
    await this.out.close()
    const columns = [
      ["_line", "INTEGER"] as const,
      ["_cols", "VARCHAR"] as const,
      ...this.names.flatMap((_, j) => [
        [`c${j}`, "VARCHAR"] as const,
        [`at_line${j}`, "INTEGER"] as const,
        [`at_col${j}`, "INTEGER"] as const,
        [`at_label${j}`, "VARCHAR"] as const,
      ]),
    ]
    await db.run(`DROP TABLE IF EXISTS src`)
    await db.run(
      `CREATE TEMP TABLE src AS SELECT * FROM read_json(${sqlString(this.path)}, format = 'newline_delimited', columns = ${structSql(columns)})`,
    )
    const j = (name: string | undefined) => (name === undefined ? undefined : this.index.get(name))
    return {
      sourceColumns: new Map(this.names.map((n, i) => [n, `c${i}`])),
      rows: `(SELECT src.*, src.rowid AS _ord FROM src)`,
      cellAt: (name) => {
        const i = j(name)
        return i === undefined
          ? { line: "_line", column: "NULL", name: "NULL" }
          : {
              line: `coalesce(at_line${i}, _line)`,
              column: `at_col${i}`,
              name: `CASE WHEN at_line${i} IS NOT NULL THEN coalesce(at_label${i}, ${sqlString(name!)}) END`,
            }
      },
      record: async (ord, line) => {
        // As JSON text: the Node client's strings drop a cell's leading byte-order mark.
        const [json] = await db.rows(`SELECT to_json(src)::VARCHAR AS j FROM src WHERE rowid = ${ord}`)
        const row = JSON.parse(String(json?.["j"] ?? "{}")) as Record<string, unknown>
        const cells = this.names.flatMap((name, i) =>
          row?.[`at_line${i}`] === null || row?.[`at_line${i}`] === undefined
            ? []
            : [
                {
                  name,
                  value: (row[`c${i}`] as string | null) ?? null,
                  line: Number(row[`at_line${i}`]),
                  column: Number(row[`at_col${i}`]),
                  ...(row[`at_label${i}`] === null ? {} : { label: row[`at_label${i}`] as string }),
                },
              ],
        )
        return { line, cells }
      },
    }
  }
}

/** The source columns a plan reads, in its fields' order. */
export const columnsRead = (plan: DeliveryPlan): string[] => [
  ...new Set(
    plan.fields.flatMap((f) =>
      f.source.kind === "column" ? [f.source.name] : f.source.kind === "category" ? f.source.columns : [],
    ),
  ),
]
