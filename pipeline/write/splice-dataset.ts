/**
 * A large dataset whose rows changed a little since it was published, by the same code: its
 * Parquet file is written whole, and its JSON and CSV files are the published ones with the
 * records that are gone taken out and the new ones, rendered by the same writers, put in at
 * their places (splice-text.ts). The read-back then accounts for the records taken out and put
 * in, instead of reading the whole files again (check/check-release.ts).
 */
import { readFile, rm, writeFile } from "node:fs/promises"
import { join } from "node:path"
import type { DatasetDefinition } from "../../schemas/dataset.ts"
import { sqlString } from "../../schemas/derive/duckdb.ts"
import { sha256File } from "../shared/files.ts"
import type { Database } from "../db/duckdb.ts"
import { copyText, textQuery } from "./copy-formats.ts"
import { dropSpliceEdits, INSERTED_TABLE, spliceEdits } from "./splice-edits.ts"
import { CSV_LAYOUT, JSON_LAYOUT, recordsOf, SpliceRefused, spliceText, type TextLayout } from "./splice-text.ts"

/** From how many published rows a changed dataset's JSON and CSV files are spliced. */
export const SPLICED_FROM_ROWS = 1_000_000

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
  readonly json: SplicedFormat
  readonly csv: SplicedFormat
  readonly deleted: number
  readonly inserted: number
  /** The spliced files' digests and sizes, by their paths in the release. */
  readonly hashes: ReadonlyMap<string, { readonly sha256: string; readonly sha1: string; readonly bytes: number }>
}

/** The published release to splice from, trusted as the carry-over trusts it (catalog/carry-decision.ts). */
export interface SpliceSource {
  readonly dir: string
  /** The published SHA256SUMS, by path. */
  readonly sums: ReadonlyMap<string, string>
  /** A folder for the records rendered and taken out (the build's work folder). */
  readonly workDir: string
  /** Whether the SHA-1 of the new files is needed too (the DCAT catalogue gives it). */
  readonly sha1: boolean
  readonly fromRows: number
}

const LAYOUTS: Record<"json" | "csv", TextLayout> = { json: JSON_LAYOUT, csv: CSV_LAYOUT }

/**
 * Splices `base`.json and `base`.csv from the published files, once `base`.parquet is written.
 * Returns undefined when the dataset was published with fewer rows than `from.fromRows`, and
 * why not when they cannot be spliced; the caller then writes them whole, and neither is left.
 */
export const spliceDataset = async (
  db: Database,
  d: DatasetDefinition,
  base: string,
  newRows: number,
  numbers: ReadonlyArray<string>,
  from: SpliceSource,
): Promise<SplicedDataset | string | undefined> => {
  const published = (ext: string) => join(from.dir, "data", `${d.name}.${ext}`)
  const sum = (ext: string) => from.sums.get(`data/${d.name}.${ext}`)
  const [{ n }] = (await db.rows(`SELECT count(*) AS n FROM read_parquet(${sqlString(published("parquet"))})`)) as [
    { n: unknown },
  ]
  if (Number(n) < from.fromRows) return undefined
  if ((await sha256File(published("parquet")).catch(() => "")) !== sum("parquet"))
    return "its published Parquet file is not what SHA256SUMS says"
  if (newRows === 0) return "it has no rows now"
  const most = Math.min(MOST_EDITS.rows, Math.floor(MOST_EDITS.share * newRows))
  const edits = await spliceEdits(db, d, published("parquet"), `${base}.parquet`, most)
  if (edits === undefined) return `more than ${most} records would be taken out and put in`
  const work = (what: string, ext: string) => join(from.workDir, `${d.name}.${what}.${ext}`)
  const where = `file_row_number IN (SELECT pos FROM ${INSERTED_TABLE}) ORDER BY file_row_number`
  const formats = ["json", "csv"] as const
  try {
    // One after the other: each is bound by writing its file, and two at once took longer.
    const spliced: Array<readonly [string, { sha256: string; sha1: string; bytes: number }]> = []
    for (const format of formats) {
      const layout = LAYOUTS[format]
      await db.run(copyText(textQuery(`${base}.parquet`, format, numbers, where), format, work("inserted", format)))
      const rendered = recordsOf(await readFile(work("inserted", format), "utf8"), layout, edits.inserted.length)
      const out = await spliceText({
        published: published(format),
        publishedSha256: sum(format) ?? "",
        target: `${base}.${format}`,
        layout,
        head: rendered.head,
        oldRows: edits.oldRows,
        newRows: edits.newRows,
        deleted: edits.deleted,
        inserted: edits.inserted.map((at, i) => ({ at, text: rendered.records[i]! })),
        sha1: from.sha1,
      })
      await writeFile(work("deleted", format), rendered.head + out.deletedTexts.join(layout.sep) + layout.end)
      spliced.push([`data/${d.name}.${format}`, { sha256: out.sha256, sha1: out.sha1, bytes: out.bytes }])
    }
    return {
      published: edits.oldPrint,
      json: { deleted: work("deleted", "json"), inserted: work("inserted", "json") },
      csv: { deleted: work("deleted", "csv"), inserted: work("inserted", "csv") },
      deleted: edits.deleted.length,
      inserted: edits.inserted.length,
      hashes: new Map(spliced),
    }
  } catch (e) {
    await Promise.all(formats.map((f) => rm(`${base}.${f}`, { force: true })))
    if (e instanceof SpliceRefused) return e.message
    throw e
  } finally {
    await dropSpliceEdits(db)
  }
}
