/**
 * The store of the incremental build: one folder (`--cache`, by default .cache/pipeline in the
 * project's folder), laid out as docs/commands.md describes it:
 *
 * - `releases.json`: one record per output folder, `{ "layout": 1, "releases": { <folder>:
 *   { "build": …, "published": … } } }`. `build` is written by bin/build-cache.mjs (whether a
 *   build may be skipped whole), `published` here: what the last build published into the folder
 *   (the code's identity, the sha256 of its SHA256SUMS, its date, each dataset's fingerprint,
 *   whole and per delivery file, and each file's identity once published). Each writer keeps
 *   what the other wrote. A record of another layout is not read: the build starts afresh.
 * - `normalized/`: the normalized deliveries (delivery-cache.ts).
 */
import { existsSync } from "node:fs"
import { mkdir, readFile, rename, writeFile } from "node:fs/promises"
import { join, resolve } from "node:path"
import type { FileIdentity } from "./file-identity.ts"
import type { Fingerprint, Fingerprints } from "./fingerprints.ts"
import type { PublishedRecord } from "./plan.ts"

/** The store's folder, and the identity of the code that builds with it. */
export interface Store {
  readonly dir: string
  readonly codeKey: string
}

export const RECORD_FILE = "releases.json"
/** The folder of the normalized deliveries. */
export const NORMALIZED_DIR = "normalized"
export const STORE_LAYOUT = 1

/** Where a store keeps its normalized deliveries. */
export const normalizedDir = (store: Store): string => join(store.dir, NORMALIZED_DIR)

type PrintJson = { readonly rows: string; readonly hash: string }
type Prints = Readonly<Record<string, PrintJson>>

interface PublishedJson {
  readonly codeKey: string
  readonly sums: string
  readonly date: string
  readonly fingerprints: Prints
  readonly files: Readonly<Record<string, Prints>>
  readonly identities: Readonly<Record<string, FileIdentity>>
}

interface RecordJson {
  readonly layout: number
  readonly releases: Record<string, { build?: unknown; published?: PublishedJson }>
}

const readRecords = async (dir: string): Promise<RecordJson> => {
  try {
    const record = JSON.parse(await readFile(join(dir, RECORD_FILE), "utf8")) as RecordJson
    if (record.layout === STORE_LAYOUT && typeof record.releases === "object") return record
  } catch {
    // Missing or unreadable: nothing recorded.
  }
  return { layout: STORE_LAYOUT, releases: {} }
}

const printOf = (json: PrintJson): Fingerprint => ({ rows: BigInt(json.rows), hash: BigInt(json.hash) })
const printsOf = (json: Prints) => new Map(Object.entries(json).map(([k, v]) => [k, printOf(v)] as const))
const jsonOf = (prints: ReadonlyMap<string, Fingerprint>): Prints =>
  Object.fromEntries([...prints].map(([k, p]) => [k, { rows: String(p.rows), hash: String(p.hash) }]))

/** What the store recorded when a release was published into `outDir`; undefined when nothing (readable) was. */
export const readPublished = async (store: Store, outDir: string): Promise<PublishedRecord | undefined> => {
  const json = (await readRecords(store.dir)).releases[resolve(outDir)]?.published
  if (json === undefined) return undefined
  try {
    return {
      codeKey: json.codeKey,
      sums: json.sums,
      date: json.date,
      fingerprints: {
        totals: printsOf(json.fingerprints),
        byFile: new Map(Object.entries(json.files).map(([k, v]) => [k, printsOf(v)] as const)),
      },
      identities: new Map(Object.entries(json.identities)),
    }
  } catch {
    return undefined
  }
}

/** Records what was published into `outDir`, keeping the rest of the record (written aside, renamed into place). */
export const writePublished = async (store: Store, outDir: string, published: PublishedRecord): Promise<void> => {
  const records = await readRecords(store.dir)
  // Releases that are gone (the temporary folders of tests, say) are forgotten.
  for (const folder of Object.keys(records.releases)) if (!existsSync(folder)) delete records.releases[folder]
  const prints: Fingerprints = published.fingerprints
  records.releases[resolve(outDir)] = {
    ...records.releases[resolve(outDir)],
    published: {
      codeKey: published.codeKey,
      sums: published.sums,
      date: published.date,
      fingerprints: jsonOf(prints.totals),
      files: Object.fromEntries([...prints.byFile].map(([k, v]) => [k, jsonOf(v)])),
      identities: Object.fromEntries(published.identities),
    },
  }
  await mkdir(store.dir, { recursive: true })
  const partial = join(store.dir, `${RECORD_FILE}.${process.pid}.partial`)
  await writeFile(partial, `${JSON.stringify(records, null, 2)}\n`)
  await rename(partial, join(store.dir, RECORD_FILE))
}
