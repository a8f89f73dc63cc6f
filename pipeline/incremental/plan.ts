/**
 * What a build does with each dataset, decided before anything is written: carried over from
 * the release in the output folder (its files linked, not written or checked again), spliced
 * (its Parquet file written whole, its JSON and CSV files made from the published ones:
 * write/splice-dataset.ts), or written whole. Pure: the shell (survey.ts) reads the store, the
 * published SHA256SUMS and the files' digests, and records the release once published.
 *
 * A dataset is carried over only when the release is still the one recorded (the same
 * SHA256SUMS, by the same code), its rows have the fingerprint they were published with, and
 * each of its files is what SHA256SUMS says. Its workbook, which carries the release's date, is
 * carried only when the date is the same too. A dataset that is not carried over is spliced when
 * it was published with `fromRows` rows or more; the splice may still find more changed than it
 * takes, and write the files whole.
 */
import type { DatasetDefinition } from "../../schemas/dataset.ts"
import { dataFile, schemaFile } from "../contract/release-layout.ts"
import type { FileIdentity } from "./file-identity.ts"
import { samePrint, type Fingerprint, type Fingerprints } from "./fingerprints.ts"

/** A file's sha256 and size, as read (or as its unchanged identity vouches). */
export interface FileDigest {
  readonly sha256: string
  readonly bytes: number
}

/** The release in the output folder, found to be the one the store recorded when it was published. */
export interface PublishedRelease {
  readonly dir: string
  /** Its SHA256SUMS, by path. */
  readonly sums: ReadonlyMap<string, string>
  readonly date: string
  /** The fingerprints of its datasets' rows. */
  readonly fingerprints: Fingerprints
  /** Its files' identities once published, by path: a file that keeps its identity is not read to know it. */
  readonly identities: ReadonlyMap<string, FileIdentity>
}

export type DatasetPlan =
  | {
      readonly action: "carried"
      readonly why: string
      /** The published release's folder. */
      readonly from: string
      /** Its rows: those it was published with. */
      readonly rows: number
      /** Its files linked from the release, with their digests. */
      readonly files: ReadonlyMap<string, FileDigest>
      /** Whether its workbook is among them (else it is written anew, for the release's date). */
      readonly workbook: boolean
    }
  | {
      readonly action: "spliced"
      readonly why: string
      readonly from: PublishedRelease
      /** Its rows as published. */
      readonly published: Fingerprint
    }
  | { readonly action: "written"; readonly why: string }

export interface ReleasePlan {
  /** By dataset name, one for each dataset of the build. */
  readonly datasets: ReadonlyMap<string, DatasetPlan>
  /** The fingerprints of the rows now, recorded once the release is published; none without a store. */
  readonly now?: Fingerprints
}

/** A build without a store: every dataset written whole. */
export const writeAll = (datasets: ReadonlyArray<DatasetDefinition>, why: string): ReleasePlan => ({
  datasets: new Map(datasets.map((d) => [d.name, { action: "written", why }])),
})

/** The files of a dataset a build writes, the workbook apart (contract/release-layout.ts has them all). */
export const dataFiles = (d: DatasetDefinition): ReadonlyArray<string> => [
  dataFile(d.name, "json"),
  dataFile(d.name, "csv"),
  dataFile(d.name, "parquet"),
  schemaFile(d.name),
]

/** What the store recorded when a release was published into a folder. */
export interface PublishedRecord {
  readonly codeKey: string
  /** The sha256 of the release's SHA256SUMS. */
  readonly sums: string
  readonly date: string
  readonly fingerprints: Fingerprints
  readonly identities: ReadonlyMap<string, FileIdentity>
}

/** What the output folder holds now, beside the store's record of it. */
export interface FoundRelease {
  readonly dir: string
  readonly record: PublishedRecord | undefined
  readonly codeKey: string
  /** The sha256 of its SHA256SUMS, and the sums it lists; undefined without one. */
  readonly sumsSha256: string | undefined
  readonly sums: ReadonlyMap<string, string> | undefined
}

/** The published release the build may carry over and splice from, or why there is none. */
export const trustedRelease = (found: FoundRelease): PublishedRelease | string => {
  const { record, sums } = found
  if (record === undefined) return "no release published into the output folder is recorded"
  if (record.codeKey !== found.codeKey) return "the code changed since the release was published"
  if (sums === undefined || record.sums !== found.sumsSha256)
    return "the release in the output folder is not the one recorded (its SHA256SUMS differs)"
  return {
    dir: found.dir,
    sums,
    date: record.date,
    fingerprints: record.fingerprints,
    identities: record.identities,
  }
}

/** The published files a dataset would be carried over with, when its rows are those published. */
const carriedFiles = (d: DatasetDefinition, from: PublishedRelease, date: string): ReadonlyArray<string> => {
  const workbook = dataFile(d.name, "xlsx")
  return [...dataFiles(d), ...(from.date === date && from.sums.has(workbook) ? [workbook] : [])]
}

/** The files whose digests decide the carry-over: those of the datasets whose rows are the same. */
export const filesToVerify = (
  datasets: ReadonlyArray<DatasetDefinition>,
  from: PublishedRelease,
  now: Fingerprints,
  date: string,
): ReadonlyArray<string> =>
  datasets
    .filter((d) => samePrint(from.fingerprints.totals.get(d.name), now.totals.get(d.name)))
    .flatMap((d) => carriedFiles(d, from, date))

/**
 * The plan: for each dataset, carried, spliced or written, and why. `digests`: the files of
 * `filesToVerify` as found in the output folder (a missing one is absent).
 */
export const decidePlan = (
  datasets: ReadonlyArray<DatasetDefinition>,
  from: PublishedRelease | string,
  now: Fingerprints,
  date: string,
  fromRows: number,
  digests: ReadonlyMap<string, FileDigest>,
): ReleasePlan => {
  const decide = (d: DatasetDefinition): DatasetPlan => {
    if (typeof from === "string") return { action: "written", why: from }
    const published = from.fingerprints.totals.get(d.name)
    if (published === undefined || !from.sums.has(dataFile(d.name, "parquet")))
      return { action: "written", why: "it is not in the published release" }
    const same = samePrint(published, now.totals.get(d.name))
    if (same) {
      const files = carriedFiles(d, from, date)
      const found = files.map((f) => [f, digests.get(f)] as const)
      if (found.every(([f, digest]) => digest !== undefined && digest.sha256 === from.sums.get(f)))
        return {
          action: "carried",
          why: "its rows and files are those published",
          from: from.dir,
          rows: Number(published.rows),
          files: new Map(found as ReadonlyArray<readonly [string, FileDigest]>),
          workbook: files.includes(dataFile(d.name, "xlsx")),
        }
    }
    const why = same ? "its published files are not what SHA256SUMS says" : "its rows changed since it was published"
    return published.rows < BigInt(fromRows)
      ? { action: "written", why: `${why}, and it was published with fewer than ${fromRows} rows` }
      : { action: "spliced", why, from, published }
  }
  return { datasets: new Map(datasets.map((d) => [d.name, decide(d)])), now }
}

/** The datasets a plan carries over, splices or writes, with their plans. */
export const planned = <A extends DatasetPlan["action"]>(
  plan: ReleasePlan,
  action: A,
): ReadonlyMap<string, Extract<DatasetPlan, { action: A }>> =>
  new Map([...plan.datasets].filter((e): e is [string, Extract<DatasetPlan, { action: A }>] => e[1].action === action))
