/**
 * A dataset whose rows are those it was published with, by the same code, is not written or
 * checked again: its files are carried over from the release in the output folder, as a
 * second link to each (or a copy). Which ones is decided in catalog/carry-decision.ts, from a
 * fingerprint of each dataset's rows made here.
 */
import { copyFile, link, mkdir } from "node:fs/promises"
import { join } from "node:path"
import type { DatasetDefinition } from "../../schemas/dataset.ts"
import { quoteIdent, rowFingerprintSql } from "../../schemas/derive/duckdb.ts"
import type { Database } from "../db/duckdb.ts"

/** The files of a dataset a build writes, the workbook apart. */
export const dataFiles = (d: DatasetDefinition) => [
  `data/${d.name}.json`,
  `data/${d.name}.csv`,
  `data/${d.name}.parquet`,
  `schemas/${d.name}.schema.json`,
]

/** Row count and sum of row hashes of a dataset's table, over the columns it publishes. */
export const fingerprints = async (
  db: Database,
  datasets: ReadonlyArray<DatasetDefinition>,
): Promise<Record<string, string>> => {
  const out: Record<string, string> = {}
  for (const d of datasets) {
    const [row] = await db.rows(`SELECT ${rowFingerprintSql(d)} FROM ${quoteIdent(d.name)}`)
    out[d.name] = `${row!["n"]}:${row!["h"]}`
  }
  return out
}

export interface CarryOver {
  /** The datasets whose JSON, CSV, Parquet and schema files are carried over. */
  readonly datasets: ReadonlySet<string>
  /** Of those, the ones whose workbook is carried over too. */
  readonly workbooks: ReadonlySet<string>
  /** The carried files' sha256 and size, as read to check them. */
  readonly hashes: ReadonlyMap<string, { readonly sha256: string; readonly bytes: number }>
  /**
   * The published SHA256SUMS, when the release is the one recorded, by the same code: the other
   * datasets' files may be spliced from it (splice-dataset.ts).
   */
  readonly publishedSums?: ReadonlyMap<string, string>
}

/** Nothing carried over, nothing to splice from: a build without a cache, or a first one. */
export const NOTHING_CARRIED: CarryOver = { datasets: new Set(), workbooks: new Set(), hashes: new Map() }

/** Puts a published file into the staging folder: a second link to it, or a copy. */
export const carry = async (outDir: string, stagingDir: string, file: string): Promise<void> => {
  await mkdir(join(stagingDir, file, ".."), { recursive: true })
  await link(join(outDir, file), join(stagingDir, file)).catch(() =>
    copyFile(join(outDir, file), join(stagingDir, file)),
  )
}
