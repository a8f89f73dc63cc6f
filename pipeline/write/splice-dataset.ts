/**
 * A large dataset whose rows changed a little since it was published, by the same code: its
 * Parquet file is written whole, and meanwhile its JSON and CSV files are made from the
 * published ones, with the records that are gone taken out and the new ones, rendered by the
 * same writers, put in at their places (splice-edits.ts finds them, splice-text.ts copies). The
 * read-back then accounts for the records taken out and put in, instead of reading the whole
 * files again (check/check-release.ts).
 */
import { dataFile, type DataFormat } from "../contract/release-layout.ts"
import { readFile, rm, writeFile } from "node:fs/promises"
import { join } from "node:path"
import type { DatasetDefinition } from "../../schemas/dataset.ts"
import { columnsOf } from "../../schemas/derive/columns.ts"
import { quoteIdent, sqlString } from "../../schemas/derive/duckdb.ts"
import { hasIdentity, type FileIdentity } from "../incremental/file-identity.ts"
import { sha256File } from "../shared/files.ts"
import { digestsInThread } from "../shared/hash-thread.ts"
import type { Database } from "../db/duckdb.ts"
import { copyText, textQuery } from "./copy-formats.ts"
import { provenanceName } from "../../schemas/provenance.ts"
import type { Fingerprints } from "../incremental/fingerprints.ts"
import {
  type ChangedFiles,
  changedFiles,
  checkPositions,
  DELETED_TABLE,
  dropSpliceEdits,
  GONE_TABLE,
  INSERTED_TABLE,
  spliceEdits,
} from "./splice-edits.ts"
import { CSV_LAYOUT, JSON_LAYOUT, recordsOf, SpliceRefused, spliceText, type TextLayout } from "./splice-text.ts"

/** From how many published rows a changed dataset's JSON and CSV files are spliced (incremental/plan.ts). */
export const SPLICED_FROM_ROWS = 100_000

/**
 * At most this share of a dataset's rows, and this many, taken out and put in; more, and it is
 * written whole (the records put in are held in memory while they are spliced).
 */
const MOST_EDITS = { share: 0.1, rows: 200_000 }

/** Where the records a format lost and gained are kept, each as a file of that format. */
export interface SplicedFormat {
  readonly deleted: string
  readonly inserted: string
}

export interface SplicedDataset {
  /** The published rows' count and sum of row hashes, which its JSON and CSV files held. */
  readonly published: { readonly n: string; readonly h: string }
  /**
   * The rows taken out and put in, each as a Parquet file: all the rows that differ between the
   * published release and this one, which the change record compares (catalog/changes.ts).
   */
  readonly rows: {
    readonly deleted: string
    readonly inserted: string
    readonly before: number
    readonly after: number
  }
  readonly json: SplicedFormat
  readonly csv: SplicedFormat
  readonly deleted: number
  readonly inserted: number
  /** How many delivery files' rows were compared, when it was known which had changed. */
  readonly files: number | undefined
  /** The spliced files' digests and sizes, by their paths in the release. */
  readonly hashes: ReadonlyMap<string, { readonly sha256: string; readonly sha1: string; readonly bytes: number }>
}

/** The rows a spliced dataset lost and gained, and its row counts before and after. */
export type SplicedRows = SplicedDataset["rows"]

/** The published release to splice from, trusted as the plan trusts it (incremental/plan.ts). */
export interface SpliceSource {
  readonly dir: string
  /** The published SHA256SUMS, by path. */
  readonly sums: ReadonlyMap<string, string>
  /** A folder for the records rendered and taken out (the build's work folder). */
  readonly workDir: string
  /** Whether the SHA-1 of the new files is needed too (the DCAT catalogue gives it). */
  readonly sha1: boolean
  /** The fingerprints recorded when the release was published, and the table's now. */
  readonly prints?: { readonly published: Fingerprints; readonly now: Fingerprints }
  /** The identities of the release's files once published, by path: those that keep them are not hashed. */
  readonly identities?: ReadonlyMap<string, FileIdentity>
}

/**
 * The delivery files whose rows changed since the release was published, where that is known:
 * the published rows' files are named by the published provenance dataset, which must be what
 * SHA256SUMS says.
 */
const changedSince = async (d: DatasetDefinition, from: SpliceSource): Promise<ChangedFiles | undefined> => {
  const published = from.prints?.published.byFile.get(d.name)
  const now = from.prints?.now.byFile.get(d.name)
  const total = from.prints?.published.totals.get(d.name)
  if (published === undefined || now === undefined || total === undefined) return undefined
  const provenance = dataFile(d.provenanceOf === undefined ? provenanceName(d.name) : d.name, "parquet")
  const path = join(from.dir, provenance)
  const trusted =
    (await hasIdentity(path, from.identities?.get(provenance))) ||
    (await sha256File(path).catch(() => "")) === from.sums.get(provenance)
  return trusted ? changedFiles(path, published, now, total) : undefined
}

const LAYOUTS: Record<"json" | "csv", TextLayout> = { json: JSON_LAYOUT, csv: CSV_LAYOUT }
const FORMATS = ["json", "csv"] as const

/** What spliceDataset did: the Parquet file's rows, and the JSON and CSV files spliced, or why not. */
export interface SpliceOutcome {
  readonly rows: number
  readonly spliced: SplicedDataset | string
}

/**
 * Writes `base`.parquet (`writeParquet`) and, while it is written, splices `base`.json and
 * `base`.csv from the published files. When they are not spliced (the outcome says why), neither
 * is left, and the caller writes them whole.
 */
export const spliceDataset = async (
  db: Database,
  d: DatasetDefinition,
  base: string,
  numbers: ReadonlyArray<string>,
  from: SpliceSource,
  writeParquet: () => Promise<number>,
): Promise<SpliceOutcome> => {
  const published = (ext: DataFormat) => join(from.dir, dataFile(d.name, ext))
  const sum = (ext: DataFormat) => from.sums.get(dataFile(d.name, ext))
  const unchanged = (ext: DataFormat) => hasIdentity(published(ext), from.identities?.get(dataFile(d.name, ext)))
  const whole = async (why: string) => ({ rows: await writeParquet(), spliced: why })
  if (!(await unchanged("parquet")) && (await sha256File(published("parquet")).catch(() => "")) !== sum("parquet"))
    return whole("its published Parquet file is not what SHA256SUMS says")
  const [{ now }] = (await db.rows(`SELECT count(*) AS now FROM ${quoteIdent(d.name)}`)) as [{ now: unknown }]
  const most = Math.min(MOST_EDITS.rows, Math.floor(MOST_EDITS.share * Number(now)))
  let written: Promise<number> | undefined
  try {
    const edits = await spliceEdits(db, d, published("parquet"), Number(now), most, await changedSince(d, from))
    if (edits === undefined) return whole(`more than ${most} records would be taken out and put in`)
    const work = (what: string, ext: string) => join(from.workDir, `${d.name}.${what}.${ext}`)
    // The new records, in a Parquet file of their own, rendered as the whole files are.
    const names = columnsOf(d).map((c) => quoteIdent(c.name))
    await db.run(
      `COPY (SELECT ${names.join(", ")} FROM ${INSERTED_TABLE} ORDER BY new_pos) TO ${sqlString(work("inserted", "parquet"))} (FORMAT parquet)`,
    )
    await db.run(
      `COPY (SELECT ${names.join(", ")} FROM ${GONE_TABLE} WHERE pos IN (SELECT pos FROM ${DELETED_TABLE}) ORDER BY pos) TO ${sqlString(work("deleted", "parquet"))} (FORMAT parquet)`,
    )
    const rendered = new Map<"json" | "csv", { head: string; records: string[] }>()
    for (const format of FORMATS) {
      await db.run(copyText(textQuery(work("inserted", "parquet"), format, numbers), format, work("inserted", format)))
      rendered.set(
        format,
        recordsOf(await readFile(work("inserted", format), "utf8"), LAYOUTS[format], edits.inserted.length),
      )
    }
    // One file after the other (each is bound by writing, and two at once took longer), both
    // while DuckDB sorts and writes the Parquet file; each is hashed on a thread of its own once
    // written, while the next is spliced.
    const splicing = (async () => {
      const digests: Array<Promise<readonly [string, { sha256: string; sha1: string; bytes: number }]>> = []
      try {
        for (const format of FORMATS) {
          const layout = LAYOUTS[format]
          const { head, records } = rendered.get(format)!
          const target = `${base}.${format}`
          const out = await spliceText({
            published: published(format),
            publishedSha256: sum(format) ?? "",
            publishedUnchanged: await unchanged(format),
            target,
            layout,
            head,
            oldRows: edits.oldRows,
            newRows: edits.newRows,
            deleted: edits.deleted,
            inserted: edits.inserted.map((at, i) => ({ at, text: records[i]! })),
          })
          digests.push(
            digestsInThread(target, from.sha1).then(
              (digest) => [dataFile(d.name, format), { ...digest, bytes: out.bytes }] as const,
            ),
          )
          await writeFile(work("deleted", format), head + out.deletedTexts.join(layout.sep) + layout.end)
        }
      } finally {
        // No thread is left hashing, nor its failure unheard, when a splice is refused.
        await Promise.allSettled(digests)
      }
      return Promise.all(digests)
    })()
    written = writeParquet()
    // Neither is left running whatever the other does.
    const [made, parquetRows] = await Promise.allSettled([splicing, written])
    if ("reason" in parquetRows) throw parquetRows.reason
    const refused = async (why: string) => {
      await Promise.all(FORMATS.map((f) => rm(`${base}.${f}`, { force: true })))
      return { rows: parquetRows.value, spliced: why }
    }
    if ("reason" in made) {
      if (made.reason instanceof SpliceRefused) return refused(made.reason.message)
      throw made.reason
    }
    if (!(await checkPositions(db, d, `${base}.parquet`, edits)))
      return refused("the new records are not where the Parquet file has them")
    return {
      rows: parquetRows.value,
      spliced: {
        published: edits.oldPrint,
        rows: {
          deleted: work("deleted", "parquet"),
          inserted: work("inserted", "parquet"),
          before: edits.oldRows,
          after: edits.newRows,
        },
        json: { deleted: work("deleted", "json"), inserted: work("inserted", "json") },
        csv: { deleted: work("deleted", "csv"), inserted: work("inserted", "csv") },
        deleted: edits.deleted.length,
        inserted: edits.inserted.length,
        files: edits.files,
        hashes: new Map(made.value),
      },
    }
  } catch (e) {
    await Promise.all(FORMATS.map((f) => rm(`${base}.${f}`, { force: true })))
    // Refused before the Parquet file was begun: a rendered record over two lines, say.
    if (e instanceof SpliceRefused && written === undefined) return whole(e.message)
    throw e
  } finally {
    await dropSpliceEdits(d, db)
  }
}
