/**
 * Writes a release into a staging folder: per dataset JSON, CSV and Parquet from the same
 * sorted query (one writer per format, all DuckDB: copy-formats.ts), or carried over unchanged
 * from the published release, or its JSON and CSV spliced from the published ones
 * (splice-dataset.ts), as the build's plan says (incremental/plan.ts); its JSON Schema, the
 * corrections, the validation report and SHA256SUMS.
 */
import { copyFile, link, mkdir, writeFile } from "node:fs/promises"
import { join } from "node:path"
import type { DatasetDefinition } from "../../schemas/dataset.ts"
import { columnsOf } from "../../schemas/derive/columns.ts"
import { orderBySql, quoteIdent, sqlString } from "../../schemas/derive/duckdb.ts"
import { jsonSchemaOf } from "../../schemas/derive/json-schema.ts"
import { listFiles, sha256File } from "../shared/files.ts"
import { CORRECTION_COLUMNS } from "../normalize/correction.ts"
import { jsonText } from "../shared/json.ts"
import type { Database } from "../db/duckdb.ts"
import { dataStem, readAlone, schemaFile } from "../contract/release-layout.ts"
import { writeDatasetXlsx } from "./write-xlsx.ts"
import type { ReleasePlan } from "../incremental/plan.ts"
import { CSV_OPTIONS, writeParquet, writeTextFormats } from "./copy-formats.ts"
import { spliceDataset, type SplicedDataset } from "./splice-dataset.ts"

const exportQuery = (d: DatasetDefinition): string =>
  `SELECT ${columnsOf(d)
    .map((c) => quoteIdent(c.name))
    .join(", ")} FROM ${quoteIdent(d.name)} ORDER BY ${orderBySql(d)}`

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

/** Puts a published file into the staging folder: a second link to it, or a copy. */
const carry = async (outDir: string, stagingDir: string, file: string): Promise<void> => {
  await mkdir(join(stagingDir, file, ".."), { recursive: true })
  await link(join(outDir, file), join(stagingDir, file)).catch(() =>
    copyFile(join(outDir, file), join(stagingDir, file)),
  )
}

/** What writing the datasets did beyond writing them. */
export interface Written {
  /** The datasets whose JSON and CSV files were spliced from the published ones. */
  readonly spliced: ReadonlyMap<string, SplicedDataset>
  /** Why a large published dataset that changed was written whole instead. */
  readonly wholeBecause: ReadonlyMap<string, string>
}

export const writeDatasets = async (
  db: Database,
  datasets: ReadonlyArray<DatasetDefinition>,
  stagingDir: string,
  /** The release's date, which the workbooks carry instead of the time they were written. */
  date: string,
  /** Which datasets are carried over, spliced or written. */
  plan: ReleasePlan,
  /** For a splice: a folder for its work, and whether the new files' SHA-1 is needed. */
  work: { readonly workDir: string; readonly sha1: boolean },
): Promise<Written> => {
  const spliced = new Map<string, SplicedDataset>()
  const wholeBecause = new Map<string, string>()
  await mkdir(join(stagingDir, "data"), { recursive: true })
  await mkdir(join(stagingDir, "schemas"), { recursive: true })
  for (const d of datasets) {
    const base = join(stagingDir, dataStem(d.name))
    const workbook = async () => {
      if (readAlone(d))
        await writeDatasetXlsx(db, d, `${base}.parquet`, `${base}.xlsx`, date === "" ? "1980-01-01" : date)
    }
    const planned = plan.datasets.get(d.name) ?? { action: "written", why: "the plan does not name it" }
    if (planned.action === "carried") {
      for (const file of planned.files.keys()) await carry(planned.from, stagingDir, file)
      if (!planned.workbook) await workbook()
      continue
    }
    const numbers = columnsOf(d)
      .filter((c) => c.type === "DOUBLE")
      .map((c) => c.name)
    const parquet = () => writeParquet(db, exportQuery(d), base, parquetMetadata(d))
    if (planned.action === "written") await writeTextFormats(db, base, await parquet(), numbers)
    else {
      const { from } = planned
      const source = {
        dir: from.dir,
        sums: from.sums,
        identities: from.identities,
        ...work,
        ...(plan.now && { prints: { published: from.fingerprints, now: plan.now } }),
      }
      const made = await spliceDataset(db, d, base, numbers, source, parquet)
      if (typeof made.spliced === "object") spliced.set(d.name, made.spliced)
      else {
        wholeBecause.set(d.name, made.spliced)
        await writeTextFormats(db, base, made.rows, numbers)
      }
    }
    await workbook()
    await writeFile(join(stagingDir, schemaFile(d.name)), jsonText(jsonSchemaOf(d)))
  }
  return { spliced, wholeBecause }
}

/** Corrections sorted by where they were made, in JSON and CSV like a dataset. */
export const writeCorrections = async (db: Database, stagingDir: string): Promise<void> => {
  const query = `SELECT ${CORRECTION_COLUMNS.map(quoteIdent).join(", ")} FROM corrections ORDER BY dataset, file, line, field, source_value`
  await db.run(`COPY (${query}) TO ${sqlString(join(stagingDir, "corrections.json"))} (FORMAT json, ARRAY true)`)
  await db.run(`COPY (${query}) TO ${sqlString(join(stagingDir, "corrections.csv"))} ${CSV_OPTIONS}`)
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
