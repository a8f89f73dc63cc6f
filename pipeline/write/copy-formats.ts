/**
 * A dataset's three files from one sorted query, all written by DuckDB: the query is sorted
 * once into the Parquet file, and the CSV and JSON files are written from it in its order.
 */
import { createReadStream, createWriteStream } from "node:fs"
import { appendFile, open, rm, stat, truncate } from "node:fs/promises"
import { pipeline } from "node:stream/promises"
import { quoteIdent, sqlString } from "../../schemas/derive/duckdb.ts"
import type { Database } from "../db/duckdb.ts"
import { numberTextSql } from "./number-text.ts"

export const CSV_OPTIONS = `(FORMAT csv, HEADER true, DELIMITER ',', QUOTE '"', ESCAPE '"', NEW_LINE '\n')`

/** From this many rows on, a dataset's JSON file is written in two halves at once and joined. */
export const JSON_HALVES_FROM_ROWS = 200_000

/**
 * Joins two JSON arrays as DuckDB writes them (`[\n\t{…},\n…\t{…}\n]\n`): the second's records
 * are appended to the first file, which then holds one array, byte for byte what a single
 * writer would have written. The second file is removed.
 */
export const appendJsonArray = async (target: string, second: string): Promise<void> => {
  const end = "\n]\n"
  const bytesAt = async (path: string, length: number, at: (size: number) => number) => {
    const handle = await open(path, "r")
    try {
      const bytes = Buffer.alloc(length)
      await handle.read(bytes, 0, length, Math.max(0, at((await handle.stat()).size)))
      return bytes.toString()
    } finally {
      await handle.close()
    }
  }
  // Both files are looked at before either is changed.
  if ((await bytesAt(target, end.length, (size) => size - end.length)) !== end)
    throw new Error(`${target} does not end as a JSON array written by DuckDB`)
  if ((await bytesAt(second, 2, () => 0)) !== "[\n")
    throw new Error(`${second} does not start as a JSON array written by DuckDB`)
  const { size } = await stat(target)
  await truncate(target, size - end.length)
  await appendFile(target, ",\n")
  await pipeline(
    createReadStream(second, { start: 2, highWaterMark: 1 << 20 }),
    createWriteStream(target, { flags: "a" }),
  )
  await rm(second)
}

/** Waits for all, then throws the first failure: no query outlives the connection it runs on. */
const settleAll = async (all: ReadonlyArray<Promise<unknown>>): Promise<void> => {
  const failed = (await Promise.allSettled(all)).find((r): r is PromiseRejectedResult => "reason" in r)
  if (failed !== undefined) throw failed.reason
}

/**
 * The query a dataset's CSV or JSON file is written from: the rows of its Parquet file in their
 * order (those `where` selects), with the DOUBLE columns as people write numbers (numberTextSql).
 */
export const textQuery = (
  parquet: string,
  format: "csv" | "json",
  numbers: ReadonlyArray<string>,
  where = "true",
): string => {
  const as =
    numbers.length === 0
      ? ""
      : ` REPLACE (${numbers.map((c) => `${format === "json" ? `CAST(${numberTextSql(c)} AS JSON)` : numberTextSql(c)} AS ${quoteIdent(c)}`).join(", ")})`
  return `SELECT * EXCLUDE (file_row_number)${as} FROM read_parquet(${sqlString(parquet)}, file_row_number = true) WHERE ${where}`
}

/** The COPY statement that writes a query's rows as the release's CSV or JSON file does. */
export const copyText = (query: string, format: "csv" | "json", path: string): string =>
  `COPY (${query}) TO ${sqlString(path)} ${format === "json" ? "(FORMAT json, ARRAY true)" : CSV_OPTIONS}`

/** The query sorted into `base`.parquet, with key-value metadata; returns its row count. */
export const writeParquet = async (
  db: Database,
  query: string,
  base: string,
  /** Key-value metadata of the Parquet file: what the dataset and each field are. */
  metadata: Readonly<Record<string, string>> = {},
): Promise<number> => {
  const parquet = sqlString(`${base}.parquet`)
  const kv = Object.entries(metadata)
  const kvOption =
    kv.length === 0 ? "" : `, KV_METADATA {${kv.map(([k, v]) => `${sqlString(k)}: ${sqlString(v)}`).join(", ")}}`
  await db.run(`COPY (${query}) TO ${parquet} (FORMAT parquet, COMPRESSION zstd${kvOption})`)
  const [{ n }] = (await db.rows(`SELECT count(*) AS n FROM read_parquet(${parquet})`)) as [{ n: unknown }]
  return Number(n)
}

/**
 * `base`.csv and `base`.json from `base`.parquet, in its order. DuckDB writes a JSON file with
 * one thread, so a large one is written as two halves at once, on two connections, and joined;
 * the CSV file follows the second half on its connection.
 */
export const writeTextFormats = async (
  db: Database,
  base: string,
  rows: number,
  numbers: ReadonlyArray<string> = [],
  halvesFrom = JSON_HALVES_FROM_ROWS,
): Promise<void> => {
  const parquet = `${base}.parquet`
  const csv = () => copyText(textQuery(parquet, "csv", numbers), "csv", `${base}.csv`)
  const json = (where: string, path: string) => copyText(textQuery(parquet, "json", numbers, where), "json", path)
  const beside = await db.connect()
  try {
    // With two rows or more, each half holds at least one.
    if (rows < Math.max(2, halvesFrom)) {
      await settleAll([beside.run(csv()), db.run(json("true", `${base}.json`))])
      return
    }
    const half = Math.ceil(rows / 2)
    const secondHalf = `${base}.json.second-half`
    const second = beside.run(json(`file_row_number >= ${half}`, secondHalf))
    const csvWritten = second.then(() => beside.run(csv()))
    // The halves are joined while the CSV file is written.
    const joined = settleAll([db.run(json(`file_row_number < ${half}`, `${base}.json`)), second]).then(() =>
      appendJsonArray(`${base}.json`, secondHalf),
    )
    await settleAll([joined, csvWritten])
  } finally {
    beside.close()
  }
}

/** The three files of one query: Parquet, then CSV and JSON from it. */
export const copyFormats = async (
  db: Database,
  query: string,
  base: string,
  halvesFrom = JSON_HALVES_FROM_ROWS,
  /** The DOUBLE columns, written in CSV and JSON as people write numbers (numberTextSql). */
  numbers: ReadonlyArray<string> = [],
  /** Key-value metadata of the Parquet file: what the dataset and each field are. */
  metadata: Readonly<Record<string, string>> = {},
): Promise<void> => {
  const rows = await writeParquet(db, query, base, metadata)
  await writeTextFormats(db, base, rows, numbers, halvesFrom)
}
