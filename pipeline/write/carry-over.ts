/**
 * A dataset whose rows are those it was published with, by the same code, is not written or
 * checked again: its files are carried over from the release in the output folder. What a
 * build published is recorded in the cache folder beside the normalized deliveries: the code's
 * identity, the release's SHA256SUMS, each file's size and each dataset's fingerprint (its row
 * count and the sum of its rows' hashes, over the columns it publishes, in DuckDB). A dataset
 * is carried over only when the release is still the one recorded (the same SHA256SUMS, every
 * file the size it had), the code is the same, and the rows' fingerprint is the same: two
 * different sets of rows with the same fingerprint have a chance of about 2^-64. Its workbook,
 * which carries the release's date, is carried over only when the date is the same too.
 */
import { createHash } from "node:crypto"
import { existsSync } from "node:fs"
import { copyFile, link, mkdir, readFile, rename, stat, writeFile } from "node:fs/promises"
import { join, resolve } from "node:path"
import type { DatasetDefinition } from "../../schemas/dataset.ts"
import { columnsOf } from "../../schemas/derive/columns.ts"
import { quoteIdent } from "../../schemas/derive/duckdb.ts"
import type { Database } from "../db/duckdb.ts"

interface PublishedState {
  readonly codeKey: string
  readonly sums: string
  readonly date: string
  readonly sizes: Readonly<Record<string, number>>
  readonly fingerprints: Readonly<Record<string, string>>
}

const STATE_FILE = "published.json"

const sumsHash = async (outDir: string) => {
  const path = join(outDir, "SHA256SUMS")
  return existsSync(path)
    ? createHash("sha256")
        .update(await readFile(path))
        .digest("hex")
    : undefined
}

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
    const columns = columnsOf(d)
      .map((c) => quoteIdent(c.name))
      .join(", ")
    const [row] = await db.rows(
      `SELECT count(*) AS n, coalesce(sum(hash(${columns})::HUGEINT), 0) AS h FROM ${quoteIdent(d.name)}`,
    )
    out[d.name] = `${row!["n"]}:${row!["h"]}`
  }
  return out
}

const readState = async (cacheDir: string): Promise<Record<string, PublishedState>> => {
  try {
    return JSON.parse(await readFile(join(cacheDir, STATE_FILE), "utf8")) as Record<string, PublishedState>
  } catch {
    return {}
  }
}

export interface CarryOver {
  /** The datasets whose JSON, CSV, Parquet and schema files are carried over. */
  readonly datasets: ReadonlySet<string>
  /** Of those, the ones whose workbook is carried over too. */
  readonly workbooks: ReadonlySet<string>
}

/** Which datasets can be carried over from the release in `outDir`. */
export const whatCarriesOver = async (
  cacheDir: string,
  codeKey: string,
  outDir: string,
  date: string,
  now: Readonly<Record<string, string>>,
): Promise<CarryOver> => {
  const none = { datasets: new Set<string>(), workbooks: new Set<string>() }
  const state = (await readState(cacheDir))[resolve(outDir)]
  if (state === undefined || state.codeKey !== codeKey || state.sums !== (await sumsHash(outDir))) return none
  for (const [file, size] of Object.entries(state.sizes)) {
    const found = await stat(join(outDir, file)).catch(() => undefined)
    if (found?.size !== size) return none
  }
  const datasets = new Set(Object.keys(now).filter((name) => state.fingerprints[name] === now[name]))
  return { datasets, workbooks: state.date === date ? datasets : new Set() }
}

/** Puts a published file into the staging folder: a second link to it, or a copy. */
export const carry = async (outDir: string, stagingDir: string, file: string): Promise<void> => {
  await mkdir(join(stagingDir, file, ".."), { recursive: true })
  await link(join(outDir, file), join(stagingDir, file)).catch(() =>
    copyFile(join(outDir, file), join(stagingDir, file)),
  )
}

/** Records what a build published into `outDir`, for the next build to carry over. */
export const recordPublished = async (
  cacheDir: string,
  codeKey: string,
  outDir: string,
  date: string,
  published: Readonly<Record<string, string>>,
  files: ReadonlyMap<string, { readonly bytes: number }>,
): Promise<void> => {
  const sums = await sumsHash(outDir)
  if (sums === undefined) return
  const state = await readState(cacheDir)
  state[resolve(outDir)] = {
    codeKey,
    sums,
    date,
    sizes: Object.fromEntries([...files].filter(([f]) => f.startsWith("data/")).map(([f, h]) => [f, h.bytes])),
    fingerprints: published,
  }
  await mkdir(cacheDir, { recursive: true })
  const partial = join(cacheDir, `${STATE_FILE}.${process.pid}.partial`)
  await writeFile(partial, `${JSON.stringify(state, null, 2)}\n`)
  await rename(partial, join(cacheDir, STATE_FILE))
}
