/**
 * A dataset whose rows are those it was published with, by the same code, is not written or
 * checked again: its files are carried over from the release in the output folder, as a
 * second link to each (or a copy). Which ones is decided in catalog/carry-decision.ts, from a
 * fingerprint of each dataset's rows made here.
 */
import { dataFile, schemaFile } from "../contract/release-layout.ts"
import { copyFile, link, mkdir } from "node:fs/promises"
import { join } from "node:path"
import type { DatasetDefinition } from "../../schemas/dataset.ts"
import { quoteIdent, rowFingerprintSql } from "../../schemas/derive/duckdb.ts"
import type { Database } from "../db/duckdb.ts"
import type { FileIdentity } from "../shared/file-identity.ts"

/** The files of a dataset a build writes, the workbook apart (contract/release-layout.ts has them all). */
export const dataFiles = (d: DatasetDefinition) => [
  dataFile(d.name, "json"),
  dataFile(d.name, "csv"),
  dataFile(d.name, "parquet"),
  schemaFile(d.name),
]

/**
 * Each dataset's fingerprint: its row count and sum of row hashes, over the columns it
 * publishes, as `n:h`; and for a dataset fed by deliveries (and its provenance dataset), the same
 * per delivery file, so that the next build can tell which deliveries' rows changed
 * (splice-edits.ts).
 */
export interface Fingerprints {
  readonly totals: Readonly<Record<string, string>>
  readonly byFile: Readonly<Record<string, Readonly<Record<string, string>>>>
}

/** Whether a dataset's rows each come from a delivery file, named in its table's `_file`. */
const byDeliveryFile = (d: DatasetDefinition): boolean => d.fromManifest !== true

/** One pass over each dataset's table: its fingerprint, per delivery file where it has them. */
export const fingerprints = async (db: Database, datasets: ReadonlyArray<DatasetDefinition>): Promise<Fingerprints> => {
  const totals: Record<string, string> = {}
  const byFile: Record<string, Record<string, string>> = {}
  for (const d of datasets) {
    if (!byDeliveryFile(d)) {
      const [row] = await db.rows(`SELECT ${rowFingerprintSql(d)} FROM ${quoteIdent(d.name)}`)
      totals[d.name] = `${row!["n"]}:${row!["h"]}`
      continue
    }
    const rows = await db.rows(
      `SELECT _file AS f, ${rowFingerprintSql(d)} FROM ${quoteIdent(d.name)} GROUP BY f ORDER BY f`,
    )
    let n = 0n
    let h = 0n
    const files: Record<string, string> = {}
    for (const row of rows) {
      n += BigInt(String(row["n"]))
      h += BigInt(String(row["h"]))
      files[String(row["f"])] = `${row["n"]}:${row["h"]}`
    }
    totals[d.name] = `${n}:${h}`
    byFile[d.name] = files
  }
  return { totals, byFile }
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
  /** With them, the fingerprints recorded when that release was published. */
  readonly publishedPrints?: Fingerprints
  /**
   * And the identities of its files once published: a file that still has its identity is what
   * SHA256SUMS says without being read (shared/file-identity.ts).
   */
  readonly publishedIdentities?: Readonly<Record<string, FileIdentity>>
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
