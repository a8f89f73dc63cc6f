/**
 * Reads a staged dataset back from its files with readers other than the writers': DuckDB's
 * JSON, CSV and Parquet readers, each told the column types, and plain JSON.parse for the
 * records ajv checks.
 */
import { open, stat } from "node:fs/promises"
import type { DatasetDefinition } from "../../schemas/dataset.ts"
import { columnsOf } from "../../schemas/derive/columns.ts"
import { columnsStructSql, sqlString } from "../../schemas/derive/duckdb.ts"

export type Format = "json" | "csv" | "parquet"

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
export const fingerprintSql = (d: DatasetDefinition, format: Format, path: string, more = ""): string => {
  const names = columnsOf(d).map((c) => `"${c.name}"`).join(", ")
  return `SELECT count(*) AS n, coalesce(sum(hash(${names})::HUGEINT), 0) AS h${more} FROM ${readerSql(d, format, path)}`
}

/**
 * Lines of a JSON file written one record per line, for ajv: all of them when the file is
 * small, else evenly spaced windows through it, so the cost stays flat as files grow.
 */
export const sampleJsonRecords = async (path: string, budgetBytes = 8 << 20): Promise<Array<{ line: number | undefined; record: unknown }>> => {
  const { size } = await stat(path)
  const file = await open(path)
  try {
    const windows = size <= budgetBytes ? [[0, size]] : Array.from({ length: 64 }, (_, i) => [Math.floor((i * (size - budgetBytes / 64)) / 63), budgetBytes / 64])
    const out: Array<{ line: number | undefined; record: unknown }> = []
    for (const [start, length] of windows as Array<[number, number]>) {
      const buffer = Buffer.alloc(length)
      const { bytesRead } = await file.read(buffer, 0, length, start)
      const lines = buffer.subarray(0, bytesRead).toString("utf8").split("\n")
      // A window may start or end inside a line: drop the partial ones.
      const whole = start === 0 ? lines.slice(0, -1) : lines.slice(1, -1)
      whole.forEach((text, i) => {
        if (!text.startsWith("\t{")) return
        out.push({ line: start === 0 ? i + 1 : undefined, record: JSON.parse(text.slice(1).replace(/,$/, "")) })
      })
    }
    return out
  } finally {
    await file.close()
  }
}
