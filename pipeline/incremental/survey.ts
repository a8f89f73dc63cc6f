/**
 * The effectful side of the plan (plan.ts): what the output folder and the store hold before a
 * build writes, and what the store records once the release is published.
 */
import { createHash } from "node:crypto"
import { existsSync } from "node:fs"
import { readFile, stat } from "node:fs/promises"
import { join } from "node:path"
import type { DatasetDefinition } from "../../schemas/dataset.ts"
import { SUMS_FILE } from "../contract/release-layout.ts"
import type { Database } from "../db/duckdb.ts"
import { sha256File } from "../shared/files.ts"
import { hasIdentity, settledIdentities, type FileIdentity } from "./file-identity.ts"
import { fingerprints, type Fingerprints } from "./fingerprints.ts"
import { decidePlan, filesToVerify, trustedRelease, writeAll, type FileDigest, type ReleasePlan } from "./plan.ts"
import { readPublished, writePublished, type Store } from "./store.ts"

/** The SHA256SUMS of the release in `outDir`, by path; undefined without one. */
export const readSums = async (outDir: string): Promise<ReadonlyMap<string, string> | undefined> => {
  const path = join(outDir, SUMS_FILE)
  if (!existsSync(path)) return undefined
  const lines = (await readFile(path, "utf8")).trim().split("\n")
  return new Map(lines.map((l) => [l.slice(66), l.slice(0, 64)] as const))
}

const sumsSha256 = async (outDir: string): Promise<string | undefined> => {
  const path = join(outDir, SUMS_FILE)
  return existsSync(path)
    ? createHash("sha256")
        .update(await readFile(path))
        .digest("hex")
    : undefined
}

/** A published file's digest: read and hashed, unless it still has the identity recorded. */
const digestOf = async (
  path: string,
  listed: string | undefined,
  recorded: FileIdentity | undefined,
): Promise<FileDigest | undefined> => {
  if (!existsSync(path)) return undefined
  if (listed !== undefined && (await hasIdentity(path, recorded)))
    return { sha256: listed, bytes: Number(recorded!.size) }
  return { sha256: await sha256File(path), bytes: (await stat(path)).size }
}

export interface PlanOptions {
  /** Where the build records and finds what it published; without one, every dataset is written whole. */
  readonly store: Store | undefined
  readonly outDir: string
  /** The release's date. */
  readonly date: string
  /** From how many published rows a changed dataset is spliced. */
  readonly fromRows: number
}

/** The plan of a build whose tables are loaded in `db`. */
export const planBuild = async (
  db: Database,
  datasets: ReadonlyArray<DatasetDefinition>,
  options: PlanOptions,
): Promise<ReleasePlan> => {
  const { store, outDir, date } = options
  if (store === undefined) return writeAll(datasets, "the build keeps no store")
  const now = await fingerprints(db, datasets)
  try {
    const from = trustedRelease({
      dir: outDir,
      record: await readPublished(store, outDir),
      codeKey: store.codeKey,
      sumsSha256: await sumsSha256(outDir),
      sums: await readSums(outDir),
    })
    const digests = new Map<string, FileDigest>()
    if (typeof from !== "string") {
      const files = filesToVerify(datasets, from, now, date)
      const found = await Promise.all(
        files.map((file) => digestOf(join(outDir, file), from.sums.get(file), from.identities.get(file))),
      )
      for (const [i, file] of files.entries()) if (found[i] !== undefined) digests.set(file, found[i])
    }
    return decidePlan(datasets, from, now, date, options.fromRows, digests)
  } catch (e) {
    // The store only ever saves work.
    return { ...writeAll(datasets, `the published release could not be read: ${(e as Error).message}`), now }
  }
}

/** Records what a build published into `outDir`, for the next build to carry over and splice from. */
export const recordRelease = async (store: Store, outDir: string, date: string, now: Fingerprints): Promise<void> => {
  const [sums, listed] = [await sumsSha256(outDir), await readSums(outDir)]
  if (sums === undefined || listed === undefined) return
  const files = [...listed.keys()]
  const settled = await settledIdentities(files.map((f) => join(outDir, f)))
  const identities = new Map<string, FileIdentity>()
  for (const file of files) {
    const identity = settled.get(join(outDir, file))
    if (identity !== undefined) identities.set(file, identity)
  }
  await writePublished(store, outDir, { codeKey: store.codeKey, sums, date, fingerprints: now, identities })
}
