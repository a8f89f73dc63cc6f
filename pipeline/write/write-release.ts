/**
 * Writes a release into a staging folder: per dataset JSON, CSV and Parquet from the same
 * sorted query (one writer per format, all DuckDB), its JSON Schema, the corrections, the
 * validation report and SHA256SUMS.
 */
import { createReadStream, createWriteStream } from "node:fs"
import { appendFile, mkdir, open, rm, stat, truncate, writeFile } from "node:fs/promises"
import { pipeline } from "node:stream/promises"
import { join } from "node:path"
import type { DatasetDefinition } from "../../schemas/dataset.ts"
import { columnsOf } from "../../schemas/derive/columns.ts"
import { orderBySql, quoteIdent, sqlString } from "../../schemas/derive/duckdb.ts"
import { jsonSchemaOf } from "../../schemas/derive/json-schema.ts"
import { listFiles, sha256File } from "../shared/files.ts"
import { CORRECTION_COLUMNS } from "../normalize/correction.ts"
import { jsonText } from "../shared/json.ts"
import type { Database } from "../db/duckdb.ts"
import { writeDatasetXlsx } from "./write-xlsx.ts"
import { carry, dataFiles, type CarryOver } from "./carry-over.ts"
import { numberTextSql } from "./number-text.ts"

const exportQuery = (d: DatasetDefinition): string =>
  `SELECT ${columnsOf(d)
    .map((c) => quoteIdent(c.name))
    .join(", ")} FROM ${quoteIdent(d.name)} ORDER BY ${orderBySql(d)}`

const csvOptions = `(FORMAT csv, HEADER true, DELIMITER ',', QUOTE '"', ESCAPE '"', NEW_LINE '\n')`

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
  const failed = (await Promise.allSettled(all)).find((r): r is PromiseRejectedResult => r.status === "rejected")
  if (failed !== undefined) throw failed.reason
}

/**
 * The three files of one query, all from the same sorted rows: the query is sorted once into
 * the Parquet file, and the CSV and JSON files are written from it in its order. DuckDB writes
 * a JSON file with one thread, so a large one is written as two halves at once, on two
 * connections, and joined; the CSV file follows the second half on its connection.
 */
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
  const parquet = sqlString(`${base}.parquet`)
  const kv = Object.entries(metadata)
  const kvOption =
    kv.length === 0 ? "" : `, KV_METADATA {${kv.map(([k, v]) => `${sqlString(k)}: ${sqlString(v)}`).join(", ")}}`
  await db.run(`COPY (${query}) TO ${parquet} (FORMAT parquet, COMPRESSION zstd${kvOption})`)
  const [{ n }] = (await db.rows(`SELECT count(*) AS n FROM read_parquet(${parquet})`)) as [{ n: unknown }]
  const rows = Number(n)
  const as = (format: "csv" | "json") =>
    numbers.length === 0
      ? ""
      : ` REPLACE (${numbers.map((c) => `${format === "json" ? `CAST(${numberTextSql(c)} AS JSON)` : numberTextSql(c)} AS ${quoteIdent(c)}`).join(", ")})`
  const sorted = (where = "true", format: "csv" | "json" = "csv") =>
    `SELECT * EXCLUDE (file_row_number)${as(format)} FROM read_parquet(${parquet}, file_row_number = true) WHERE ${where}`
  const json = (where: string, path: string) =>
    `COPY (${sorted(where, "json")}) TO ${sqlString(path)} (FORMAT json, ARRAY true)`
  const beside = await db.connect()
  try {
    // With two rows or more, each half holds at least one.
    if (rows < Math.max(2, halvesFrom)) {
      await settleAll([
        beside.run(`COPY (${sorted()}) TO ${sqlString(`${base}.csv`)} ${csvOptions}`),
        db.run(json("true", `${base}.json`)),
      ])
      return
    }
    const half = Math.ceil(rows / 2)
    const secondHalf = `${base}.json.second-half`
    const second = beside.run(json(`file_row_number >= ${half}`, secondHalf))
    const csv = second.then(() => beside.run(`COPY (${sorted()}) TO ${sqlString(`${base}.csv`)} ${csvOptions}`))
    // The halves are joined while the CSV file is written.
    const joined = settleAll([db.run(json(`file_row_number < ${half}`, `${base}.json`)), second]).then(() =>
      appendJsonArray(`${base}.json`, secondHalf),
    )
    await settleAll([joined, csv])
  } finally {
    beside.close()
  }
}

/**
 * What a Parquet file says of itself, for readers that show its metadata (pyarrow's
 * `schema.metadata`, DuckDB's `parquet_kv_metadata`): the dataset, its JSON Schema, and each
 * field's description, with its unit. DuckDB 1.5 writes every column as optional, so a
 * required field's rule is in the JSON Schema and the descriptions, not the Parquet schema.
 */
export const parquetMetadata = (d: DatasetDefinition): Record<string, string> => ({
  title: d.title.en,
  description: d.description.en,
  json_schema: `../schemas/${d.name}.schema.json`,
  primary_key: d.primaryKey.join(","),
  ...Object.fromEntries(
    columnsOf(d).map((c) => [
      `field:${c.name}`,
      `${c.description}${c.unit === undefined ? "" : ` (${c.unit})`}${c.nullable ? "" : "; required"}`,
    ]),
  ),
})

export const writeDatasets = async (
  db: Database,
  datasets: ReadonlyArray<DatasetDefinition>,
  stagingDir: string,
  /** The release's date, which the workbooks carry instead of the time they were written. */
  date: string,
  /** What is carried over from the published release in `from` instead of written. */
  carried: CarryOver & { readonly from: string } = {
    datasets: new Set(),
    workbooks: new Set(),
    hashes: new Map(),
    from: "",
  },
): Promise<void> => {
  await mkdir(join(stagingDir, "data"), { recursive: true })
  await mkdir(join(stagingDir, "schemas"), { recursive: true })
  for (const d of datasets) {
    const base = join(stagingDir, "data", d.name)
    const workbook = () => writeDatasetXlsx(db, d, `${base}.parquet`, `${base}.xlsx`, date === "" ? "1980-01-01" : date)
    if (carried.datasets.has(d.name)) {
      for (const file of dataFiles(d)) await carry(carried.from, stagingDir, file)
      if (carried.workbooks.has(d.name)) await carry(carried.from, stagingDir, `data/${d.name}.xlsx`)
      else await workbook()
      continue
    }
    const numbers = columnsOf(d)
      .filter((c) => c.type === "DOUBLE")
      .map((c) => c.name)
    await copyFormats(db, exportQuery(d), base, JSON_HALVES_FROM_ROWS, numbers, parquetMetadata(d))
    await workbook()
    await writeFile(join(stagingDir, "schemas", `${d.name}.schema.json`), jsonText(jsonSchemaOf(d)))
  }
}

/** Corrections sorted by where they were made, in JSON and CSV like a dataset. */
export const writeCorrections = async (db: Database, stagingDir: string): Promise<void> => {
  const query = `SELECT ${CORRECTION_COLUMNS.map(quoteIdent).join(", ")} FROM corrections ORDER BY dataset, file, line, field, source_value`
  await db.run(`COPY (${query}) TO ${sqlString(join(stagingDir, "corrections.json"))} (FORMAT json, ARRAY true)`)
  await db.run(`COPY (${query}) TO ${sqlString(join(stagingDir, "corrections.csv"))} ${csvOptions}`)
}

/**
 * `SHA256SUMS` over every file of the release, in `sha256sum -c` format, sorted by path.
 * `known`: hashes already computed (the catalogue's), not computed again.
 */
export const writeChecksums = async (
  stagingDir: string,
  known: ReadonlyMap<string, { readonly sha256: string }> = new Map(),
): Promise<void> => {
  const files = (await listFiles(stagingDir)).filter((f) => f !== "SHA256SUMS")
  const lines: string[] = []
  for (const f of files) lines.push(`${known.get(f)?.sha256 ?? (await sha256File(join(stagingDir, f)))}  ${f}`)
  await writeFile(join(stagingDir, "SHA256SUMS"), `${lines.join("\n")}\n`)
}
