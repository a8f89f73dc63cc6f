/**
 * Each dataset's fingerprint: its row count and the sum of its rows' hashes, over the columns it
 * publishes, computed by DuckDB; and for a dataset fed by deliveries (and its provenance
 * dataset), the same per delivery file, so that the next build can tell which deliveries' rows
 * changed (write/splice-edits.ts). Two different sets of rows with the same fingerprint have a
 * chance of about 2^-64.
 */
import type { DatasetDefinition } from "../../schemas/dataset.ts"
import { quoteIdent, rowFingerprintSql } from "../../schemas/derive/duckdb.ts"
import type { Database } from "../db/duckdb.ts"

export interface Fingerprint {
  readonly rows: bigint
  readonly hash: bigint
}

export interface Fingerprints {
  /** By dataset. */
  readonly totals: ReadonlyMap<string, Fingerprint>
  /** By dataset, then by delivery file, for the datasets whose rows each come from a delivery file. */
  readonly byFile: ReadonlyMap<string, ReadonlyMap<string, Fingerprint>>
}

export const samePrint = (a: Fingerprint | undefined, b: Fingerprint | undefined): boolean =>
  a !== undefined && b !== undefined && a.rows === b.rows && a.hash === b.hash

const printOf = (row: Record<string, unknown>): Fingerprint => ({
  rows: BigInt(String(row["n"])),
  hash: BigInt(String(row["h"])),
})

/** Whether a dataset's rows each come from a delivery file, named in its table's `_file`. */
const byDeliveryFile = (d: DatasetDefinition): boolean => d.fromManifest !== true

/** One pass over each dataset's table: its fingerprint, per delivery file where it has them. */
export const fingerprints = async (db: Database, datasets: ReadonlyArray<DatasetDefinition>): Promise<Fingerprints> => {
  const totals = new Map<string, Fingerprint>()
  const byFile = new Map<string, ReadonlyMap<string, Fingerprint>>()
  for (const d of datasets) {
    if (!byDeliveryFile(d)) {
      const [row] = await db.rows(`SELECT ${rowFingerprintSql(d)} FROM ${quoteIdent(d.name)}`)
      totals.set(d.name, printOf(row!))
      continue
    }
    const rows = await db.rows(
      `SELECT _file AS f, ${rowFingerprintSql(d)} FROM ${quoteIdent(d.name)} GROUP BY f ORDER BY f`,
    )
    const files = new Map(rows.map((row) => [String(row["f"]), printOf(row)] as const))
    let [n, h] = [0n, 0n]
    for (const print of files.values()) [n, h] = [n + print.rows, h + print.hash]
    totals.set(d.name, { rows: n, hash: h })
    byFile.set(d.name, files)
  }
  return { totals, byFile }
}
