/**
 * Which datasets a build carries over from the release in the output folder (write/carry-over.ts)
 * instead of writing and checking them again. What a build published is recorded in the cache
 * folder beside the normalized deliveries: the code's identity, the release's SHA256SUMS, its
 * date and each dataset's fingerprint (its row count and the sum of its rows' hashes, over the
 * columns it publishes, in DuckDB; and per delivery file, for the splice to tell which
 * deliveries' rows changed), and the identity of each of its files (shared/file-identity.ts). A
 * dataset is carried over only when the release is still the one recorded (the same
 * SHA256SUMS, and each of the dataset's files found to be what it says: read and hashed, unless
 * it still has the identity recorded once it was published), the code is the same, and the
 * rows' fingerprint is the same: two different sets of rows with the same fingerprint have a
 * chance of about 2^-64. Its workbook, which carries the release's date, is carried over only
 * when the date is the same too.
 */
import { dataFile } from "../contract/release-layout.ts"
import { createHash } from "node:crypto"
import { existsSync } from "node:fs"
import { mkdir, readFile, rename, stat, writeFile } from "node:fs/promises"
import { join, resolve } from "node:path"
import type { DatasetDefinition } from "../../schemas/dataset.ts"
import { hasIdentity, settledIdentities, type FileIdentity } from "../shared/file-identity.ts"
import { sha256File } from "../shared/files.ts"
import { dataFiles, NOTHING_CARRIED, type CarryOver, type Fingerprints } from "../write/carry-over.ts"
import { readPrevious } from "./previous-release.ts"

interface PublishedState {
  readonly codeKey: string
  readonly sums: string
  readonly date: string
  readonly fingerprints: Readonly<Record<string, string>>
  /** Per dataset and delivery file, where the dataset's rows name their delivery. */
  readonly files?: Fingerprints["byFile"]
  /** The identities of the release's files once published, by path (shared/file-identity.ts). */
  readonly identities?: Readonly<Record<string, FileIdentity>>
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

const readState = async (cacheDir: string): Promise<Record<string, PublishedState>> => {
  try {
    return JSON.parse(await readFile(join(cacheDir, STATE_FILE), "utf8")) as Record<string, PublishedState>
  } catch {
    return {}
  }
}

/**
 * Which datasets can be carried over from the release in `outDir`: those whose files are still,
 * byte for byte, what its SHA256SUMS says (each is read and hashed to know it, unless its
 * identity is the one recorded once it was published). When the release is the one recorded,
 * by the same code, its SHA256SUMS is given too, with the fingerprints and identities recorded:
 * the other datasets' files may be spliced from it (write/splice-dataset.ts).
 */
export const whatCarriesOver = async (
  cacheDir: string,
  codeKey: string,
  outDir: string,
  date: string,
  datasets: ReadonlyArray<DatasetDefinition>,
  now: Fingerprints,
): Promise<CarryOver> => {
  const state = (await readState(cacheDir))[resolve(outDir)]
  if (state === undefined || state.codeKey !== codeKey || state.sums !== (await sumsHash(outDir)))
    return NOTHING_CARRIED
  const sums = (await readPrevious(outDir))?.sums
  if (sums === undefined) return NOTHING_CARRIED
  const carried = new Set<string>()
  const workbooks = new Set<string>()
  const hashes = new Map<string, { sha256: string; bytes: number }>()
  for (const d of datasets.filter((x) => state.fingerprints[x.name] === now.totals[x.name])) {
    // A workbook of the same date is carried with its dataset, where the dataset has one.
    const workbook = state.date === date && sums.has(dataFile(d.name, "xlsx")) ? [dataFile(d.name, "xlsx")] : []
    const files = [...dataFiles(d), ...workbook]
    const read = await Promise.all(
      files.map(async (file) => {
        const path = join(outDir, file)
        if (!existsSync(path)) return undefined
        const recorded = state.identities?.[file]
        const listed = sums.get(file)
        if (listed !== undefined && (await hasIdentity(path, recorded)))
          return { file, sha256: listed, bytes: Number(recorded!.size) }
        return { file, sha256: await sha256File(path), bytes: (await stat(path)).size }
      }),
    )
    if (!read.every((r) => r !== undefined && sums.get(r.file) === r.sha256)) continue
    carried.add(d.name)
    if (workbook.length > 0) workbooks.add(d.name)
    for (const r of read) hashes.set(r!.file, { sha256: r!.sha256, bytes: r!.bytes })
  }
  const publishedPrints = { totals: state.fingerprints, byFile: state.files ?? {} }
  return {
    datasets: carried,
    workbooks,
    hashes,
    publishedSums: sums,
    publishedPrints,
    publishedIdentities: state.identities ?? {},
  }
}

/** Records what a build published into `outDir`, for the next build to carry over. */
export const recordPublished = async (
  cacheDir: string,
  codeKey: string,
  outDir: string,
  date: string,
  published: Fingerprints,
): Promise<void> => {
  const sums = await sumsHash(outDir)
  if (sums === undefined) return
  const files = [...((await readPrevious(outDir))?.sums.keys() ?? [])]
  const settled = await settledIdentities(files.map((f) => join(outDir, f)))
  const identities: Record<string, FileIdentity> = {}
  for (const file of files) {
    const identity = settled.get(join(outDir, file))
    if (identity !== undefined) identities[file] = identity
  }
  const state = await readState(cacheDir)
  // Releases that are gone (the temporary folders of tests, say) are forgotten.
  for (const folder of Object.keys(state)) if (!existsSync(folder)) delete state[folder]
  state[resolve(outDir)] = {
    codeKey,
    sums,
    date,
    fingerprints: published.totals,
    files: published.byFile,
    identities,
  }
  await mkdir(cacheDir, { recursive: true })
  const partial = join(cacheDir, `${STATE_FILE}.${process.pid}.partial`)
  await writeFile(partial, `${JSON.stringify(state, null, 2)}\n`)
  await rename(partial, join(cacheDir, STATE_FILE))
}
