/**
 * Reads a staged dataset back from its files with readers other than the writers': DuckDB's
 * JSON, CSV and Parquet readers, each told the column types, for every row; and csv-parse and
 * JSON.parse, which share nothing with DuckDB, for the leading rows and the records ajv checks.
 */
import { createReadStream } from "node:fs"
import { open, stat } from "node:fs/promises"
import { createInterface } from "node:readline"
import { parse } from "csv-parse"
import type { DatasetDefinition } from "../../schemas/dataset.ts"
import { columnsOf } from "../../schemas/derive/columns.ts"
import type { ColumnType } from "../../schemas/field.ts"
import { columnsStructSql, rowFingerprintSql, sqlString } from "../../schemas/derive/duckdb.ts"

export type Format = "json" | "csv" | "parquet"

/** The record on a line of a JSON file as the release writes it (`\t{…},`), or undefined. */
export const recordOfLine = (text: string): Record<string, unknown> | undefined =>
  text.startsWith("\t{") ? (JSON.parse(text.slice(1).replace(/,$/, "")) as Record<string, unknown>) : undefined

/** A FROM clause reading one format of a dataset, typed by the definition. */
export const readerSql = (d: DatasetDefinition, format: Format, path: string): string => {
  const columns = columnsStructSql(d)
  switch (format) {
    case "json":
      return `read_json(${sqlString(path)}, format = 'array', columns = ${columns})`
    case "csv":
      return `read_csv(${sqlString(path)}, header = true, delim = ',', quote = '"', escape = '"', columns = ${columns}, auto_detect = false)`
    case "parquet":
      return `read_parquet(${sqlString(path)})`
  }
}

/**
 * Row count and an order-independent sum of row hashes (equal for equal multisets of rows),
 * plus any further aggregates to compute in the same pass.
 */
export const fingerprintSql = (d: DatasetDefinition, format: Format, path: string, more = ""): string =>
  `SELECT ${rowFingerprintSql(d)}${more} FROM ${readerSql(d, format, path)}`

/**
 * Lines of a JSON file written one record per line, for ajv: all of them when the file is
 * small, else evenly spaced windows through it, so the cost stays flat as files grow.
 */
export const sampleJsonRecords = async (
  path: string,
  budgetBytes = 8 << 20,
): Promise<Array<{ line: number | undefined; record: unknown }>> => {
  const { size } = await stat(path)
  const file = await open(path)
  try {
    const windows =
      size <= budgetBytes
        ? [[0, size]]
        : Array.from({ length: 64 }, (_, i) => [Math.floor((i * (size - budgetBytes / 64)) / 63), budgetBytes / 64])
    const out: Array<{ line: number | undefined; record: unknown }> = []
    for (const [start, length] of windows as Array<[number, number]>) {
      const buffer = Buffer.alloc(length)
      const { bytesRead } = await file.read(buffer, 0, length, start)
      const lines = buffer.subarray(0, bytesRead).toString("utf8").split("\n")
      // A window may start or end inside a line: drop the partial ones.
      const whole = start === 0 ? lines.slice(0, -1) : lines.slice(1, -1)
      whole.forEach((text, i) => {
        const record = recordOfLine(text)
        if (record !== undefined) out.push({ line: start === 0 ? i + 1 : undefined, record })
      })
    }
    return out
  } finally {
    await file.close()
  }
}

type Cell = string | number | boolean | null

const cellFromCsv = (text: string, type: ColumnType): Cell => {
  if (text === "") return null
  if (type === "INTEGER" || type === "BIGINT" || type === "DOUBLE") return Number(text)
  if (type === "BOOLEAN") return text === "true" ? true : text === "false" ? false : text
  return text
}

const cellFromJson = (value: unknown, type: ColumnType): Cell =>
  value === null || value === undefined
    ? null
    : type === "INTEGER" || type === "BIGINT" || type === "DOUBLE"
      ? Number(value)
      : (value as Cell)

/**
 * The first rows of the CSV file read by csv-parse and of the JSON file read by JSON.parse —
 * readers that share nothing with DuckDB's writers — compared value by value. Both files are
 * in primary-key order, so row i of one is row i of the other. Returns the first difference.
 */
export const compareLeadingRows = async (
  d: DatasetDefinition,
  base: string,
  rows = 10_000,
): Promise<string | undefined> => {
  const columns = columnsOf(d)
  const fromCsv: Cell[][] = []
  const parser = createReadStream(`${base}.csv`).pipe(parse({ bom: false, to_line: rows + 1 }))
  let header: string[] | undefined
  for await (const fields of parser as AsyncIterable<string[]>) {
    if (header === undefined) {
      header = fields
      if (header.join(",") !== columns.map((c) => c.name).join(",")) return `the CSV header is ${header.join(",")}`
      continue
    }
    fromCsv.push(columns.map((c, i) => cellFromCsv(fields[i] ?? "", c.type)))
  }
  const lines = createInterface({ input: createReadStream(`${base}.json`, { encoding: "utf8" }), crlfDelay: Infinity })
  let i = 0
  for await (const text of lines) {
    const record = recordOfLine(text)
    if (record === undefined) continue
    const json = columns.map((c) => cellFromJson(record[c.name], c.type))
    const csv = fromCsv[i]
    if (csv === undefined || JSON.stringify(csv) !== JSON.stringify(json))
      return `row ${i + 1}: ${JSON.stringify(csv ?? "no row")} in the CSV, ${JSON.stringify(json)} in the JSON`
    if (++i === rows) break
  }
  lines.close()
  return i === fromCsv.length ? undefined : `the CSV has ${fromCsv.length} leading rows, the JSON ${i}`
}
