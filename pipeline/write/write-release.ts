/**
 * Writes a release into a staging folder: per dataset JSON, CSV and Parquet from the same
 * sorted query (one writer per format, all DuckDB), its JSON Schema, the corrections, the
 * validation report and SHA256SUMS.
 */
import { mkdir, writeFile } from "node:fs/promises"
import { join } from "node:path"
import type { DatasetDefinition } from "../../schemas/dataset.ts"
import { columnsOf } from "../../schemas/derive/columns.ts"
import { orderBySql, quoteIdent, sqlString } from "../../schemas/derive/duckdb.ts"
import { jsonSchemaOf } from "../../schemas/derive/json-schema.ts"
import { listFiles, sha256File } from "../build/inventory.ts"
import { CORRECTION_COLUMNS } from "../normalize/correction.ts"
import type { Database } from "./duckdb.ts"

/** JSON as the release writes it everywhere: two-space indent, final newline. */
export const jsonText = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`

const exportQuery = (d: DatasetDefinition): string =>
  `SELECT ${columnsOf(d).map((c) => quoteIdent(c.name)).join(", ")} FROM ${quoteIdent(d.name)} ORDER BY ${orderBySql(d)}`

const csvOptions = `(FORMAT csv, HEADER true, DELIMITER ',', QUOTE '"', ESCAPE '"', NEW_LINE '\n')`

/**
 * The three files of one query, all from the same sorted rows: the query is sorted once into
 * the Parquet file, and the CSV and JSON files are written from it in its order. DuckDB writes
 * JSON with one thread, so the CSV file is written beside it, on a second connection.
 */
export const copyFormats = async (db: Database, query: string, base: string): Promise<void> => {
  await db.run(`COPY (${query}) TO ${sqlString(`${base}.parquet`)} (FORMAT parquet, COMPRESSION zstd)`)
  const sorted = `SELECT * FROM read_parquet(${sqlString(`${base}.parquet`)})`
  const beside = await db.connect()
  try {
    await Promise.all([
      beside.run(`COPY (${sorted}) TO ${sqlString(`${base}.csv`)} ${csvOptions}`),
      db.run(`COPY (${sorted}) TO ${sqlString(`${base}.json`)} (FORMAT json, ARRAY true)`),
    ])
  } finally {
    beside.close()
  }
}

export const writeDatasets = async (db: Database, datasets: ReadonlyArray<DatasetDefinition>, stagingDir: string): Promise<void> => {
  await mkdir(join(stagingDir, "data"), { recursive: true })
  await mkdir(join(stagingDir, "schemas"), { recursive: true })
  for (const d of datasets) {
    await copyFormats(db, exportQuery(d), join(stagingDir, "data", d.name))
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
export const writeChecksums = async (stagingDir: string, known: ReadonlyMap<string, { readonly sha256: string }> = new Map()): Promise<void> => {
  const files = (await listFiles(stagingDir)).filter((f) => f !== "SHA256SUMS")
  const lines: string[] = []
  for (const f of files) lines.push(`${known.get(f)?.sha256 ?? (await sha256File(join(stagingDir, f)))}  ${f}`)
  await writeFile(join(stagingDir, "SHA256SUMS"), `${lines.join("\n")}\n`)
}
