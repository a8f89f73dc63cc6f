/**
 * Reads a staged dataset back from each of its three files, row by row, into one canonical
 * form, so the formats can be compared without trusting the writer. JSON is read with
 * JSON.parse, CSV with csv-parse, Parquet with DuckDB.
 */
import { createReadStream } from "node:fs"
import { createInterface } from "node:readline"
import { parse } from "csv-parse"
import type { Column } from "../../schemas/derive/columns.ts"
import { quoteIdent, sqlString } from "../../schemas/derive/duckdb.ts"
import type { Database } from "../write/duckdb.ts"

export type Cell = string | number | boolean | null

/**
 * The records of a JSON file written as one record per line between `[` and `]`, as the
 * release writes them; anything else is reported as a layout fault.
 */
export async function* jsonRecords(path: string): AsyncGenerator<{ line: number; record: unknown }> {
  const lines = createInterface({ input: createReadStream(path, { encoding: "utf8" }), crlfDelay: Infinity })
  let n = 0
  let closed = false
  for await (const text of lines) {
    n++
    if (n === 1) {
      if (text !== "[" && text !== "[]") throw new Error(`${path}:1: expected "[" to open the array`)
      if (text === "[]") closed = true
      continue
    }
    if (text === "]") {
      closed = true
      continue
    }
    if (closed) throw new Error(`${path}:${n}: text after the end of the array`)
    // DuckDB writes an empty array as "[", a lone tab, "]".
    if (text === "\t") continue
    const body = text.replace(/^\t/, "").replace(/,$/, "")
    yield { line: n, record: JSON.parse(body) }
  }
  if (!closed) throw new Error(`${path}: the array is never closed`)
}

const fromText = (text: string, column: Column): Cell => {
  if (text === "") return null
  switch (column.type) {
    case "INTEGER":
    case "BIGINT":
    case "DOUBLE":
      return Number(text)
    case "BOOLEAN":
      return text === "true" ? true : text === "false" ? false : text
    default:
      return text
  }
}

const fromJson = (value: unknown, column: Column): Cell => {
  if (value === null || value === undefined) return null
  if (column.type === "INTEGER" || column.type === "BIGINT" || column.type === "DOUBLE") return Number(value)
  return value as Cell
}

export async function* jsonRows(path: string, columns: ReadonlyArray<Column>): AsyncGenerator<Cell[]> {
  for await (const { record } of jsonRecords(path)) {
    const r = record as Record<string, unknown>
    yield columns.map((c) => fromJson(r[c.name], c))
  }
}

export async function* csvRows(path: string, columns: ReadonlyArray<Column>): AsyncGenerator<Cell[]> {
  const parser = createReadStream(path).pipe(parse({ bom: false, relax_column_count: false }))
  let header = true
  for await (const fields of parser as AsyncIterable<string[]>) {
    if (header) {
      header = false
      const expected = columns.map((c) => c.name).join(",")
      if (fields.join(",") !== expected) throw new Error(`${path}:1: header ${fields.join(",")} is not ${expected}`)
      continue
    }
    yield columns.map((c, i) => fromText(fields[i] ?? "", c))
  }
}

export async function* parquetRows(db: Database, path: string, columns: ReadonlyArray<Column>): AsyncGenerator<Cell[]> {
  const select = columns.map((c) => (c.type === "DATE" ? `strftime(${quoteIdent(c.name)}, '%Y-%m-%d')` : quoteIdent(c.name))).join(", ")
  const result = await db.connection.stream(`SELECT ${select} FROM read_parquet(${sqlString(path)})`)
  for await (const rows of result.yieldRowsJson()) {
    for (const row of rows) yield columns.map((c, i) => fromJson(row[i], c))
  }
}
