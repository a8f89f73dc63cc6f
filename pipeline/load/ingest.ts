/**
 * Reads every delivery into the dataset tables of an open DuckDB (read-delivery.ts), dataset by
 * dataset so that a delivery can refer to the lists read before it (municipality names). With
 * a cache, a delivery read by an earlier build is loaded as it was kept (incremental/delivery-cache.ts).
 * Once a dataset's deliveries are in, the rows newer deliveries cover leave it
 * (supersede-covered.ts); the dataset made from the manifest comes last, saying where each
 * delivery then stands.
 */
import { counted } from "../shared/text.ts"
import { join } from "node:path"
import type { DatasetDefinition } from "../../schemas/dataset.ts"
import type { PlannedDelivery } from "../contract/source-declaration.ts"
import type { LoadedManifest as Manifest } from "../manifest/load-manifest.ts"
import type { Problem } from "../problems/problem.ts"
import type { MunicipalityIndex } from "../normalize/municipality-names.ts"
import { loadNames } from "./name-lookup.ts"
import { createTables, StagedRows } from "./staged-tables.ts"
import { type ExplainContext, rowValidator } from "../normalize/explain-refusal.ts"
import type { Database } from "../db/duckdb.ts"
import { manifestRows } from "../manifest/declared-delivery.ts"
import { publishedAfterCoverage, type ShareLeft } from "../manifest/coverage.ts"
import { supersedeCovered } from "./supersede-covered.ts"
import { MANIFEST_FILE } from "../contract/raw-layout.ts"
import { readDelivery, type ReadResult } from "./read-delivery.ts"
import {
  deliveryKey,
  forgetUnused,
  keep,
  loadKept,
  type DeliveryCacheOptions,
  type DeliveryOutcome,
} from "../incremental/delivery-cache.ts"

export interface DeliveryStats {
  readonly file: string
  readonly dataset: string
  readonly rowsRead: number
  readonly rowsRejected: number
  readonly seconds: number
  /** Which reader took the file: DuckDB, or the tokenizer. */
  readonly reader: "duckdb" | "tokenizer" | "json" | "xlsx" | "adapter"
}

export interface IngestResult {
  readonly stats: ReadonlyArray<DeliveryStats>
  /** Where each field of a CSV delivery comes from, for locating table-rule problems. */
  readonly fieldColumns: ReadonlyMap<string, ReadonlyMap<string, { column: number; name: string }>>
  /** The sheet each workbook delivery was read from, by the file's label, for locating problems. */
  readonly sheets: ReadonlyMap<string, string>
  /**
   * The deliveries kept in the cache, by dataset and file: their keys and the rows they were
   * kept with.
   */
  readonly kept: ReadonlyMap<string, ReadonlyMap<string, { readonly key: string; readonly rows: number }>>
  /**
   * The manifest as the release publishes it, once the rows newer deliveries cover are out: the
   * deliveries with rows left, and where each declared delivery stands.
   */
  readonly published: Manifest
}

export interface IngestOptions {
  readonly db: Database
  readonly rawDir: string
  readonly workDir: string
  readonly manifest: Manifest
  readonly datasets: ReadonlyArray<DatasetDefinition>
  readonly cap: number
  readonly label: (file: string) => string
  readonly report: (p: Problem) => void
  readonly countUnlisted: (severity: Problem["severity"], n: number) => void
  readonly progress: (line: string) => void
  /** Tests set this to read every CSV with the tokenizer, to compare the two readers. */
  readonly tokenizerOnly?: boolean
  /** Where normalized deliveries are kept between builds; none kept when undefined. */
  readonly cache?: DeliveryCacheOptions
}

export const ingest = async (options: IngestOptions): Promise<IngestResult> => {
  const { db, manifest, datasets, workDir } = options
  const stats: DeliveryStats[] = []
  const fieldColumns = new Map<string, Map<string, { column: number; name: string }>>()
  const sheets = new Map<string, string>()
  const keptByDataset = new Map<string, Map<string, { key: string; rows: number }>>()
  let names: MunicipalityIndex | undefined
  const cache = options.cache
  // The keys of the deliveries read so far, and of those later ones are matched against.
  const used: string[] = []
  const upstream: string[] = []
  const left: ShareLeft[] = []
  await createTables(db, datasets)

  for (const dataset of datasets) {
    // A view of its dataset's table (staged-tables.ts): nothing is read into it.
    if (dataset.provenanceOf !== undefined) continue
    if (dataset.fromManifest === true) continue
    const validate = rowValidator(dataset.schema)
    const keys: string[] = []
    const keptRows = new Map<string, { key: string; rows: number }>()
    keptByDataset.set(dataset.name, keptRows)
    for (const [n, delivery] of manifest.deliveries.entries()) {
      if (delivery.dataset !== dataset.name) continue
      const started = performance.now()
      const file = options.label(delivery.file)
      const key =
        cache === undefined
          ? undefined
          : deliveryKey({
              codeKey: cache.codeKey,
              delivery,
              label: file,
              cap: options.cap,
              reader: options.tokenizerOnly === true ? "tokenizer" : "any",
              upstream,
            })
      if (key !== undefined) keys.push(key)
      const kept =
        key === undefined ? undefined : await loadKept<ReadResult>(db, cache!.dir, key, dataset, delivery.file)
      let outcome: DeliveryOutcome<ReadResult>
      if (kept !== undefined) {
        // Kept from an earlier build: its problems are the build's as if it were read again.
        for (const p of kept.problems) options.report(p)
        for (const [severity, count] of kept.unlisted) options.countUnlisted(severity, count)
        if (kept.fieldColumns !== null) fieldColumns.set(delivery.file, new Map(kept.fieldColumns))
        if (kept.sheet !== null) sheets.set(file, kept.sheet)
        keptRows.set(delivery.file, { key: key!, rows: kept.rows })
        outcome = kept
      } else {
        outcome = await readNow(options, n, dataset, delivery, { names, validate }, fieldColumns, sheets)
        // The cache only ever saves work: a build whose delivery cannot be kept goes on.
        if (key !== undefined)
          await keep(db, cache!.dir, key, dataset, delivery.file, outcome).then(
            (rows) => keptRows.set(delivery.file, { key, rows }),
            (e: Error) => options.progress(`${delivery.file} not kept for the next build: ${e.message.split("\n")[0]}`),
          )
      }
      const result = outcome.stats
      const seconds = (performance.now() - started) / 1000
      stats.push({ file: delivery.file, dataset: dataset.name, ...result, seconds })
      options.progress(
        `read ${delivery.file} → ${dataset.name}: ${counted(result.rowsRead, "row")}, ${result.rowsRejected} rejected (${seconds.toFixed(2)} s, ${result.reader}${kept === undefined ? "" : ", kept from an earlier build"})`,
      )
    }
    left.push(
      ...(await supersedeCovered(
        db,
        dataset,
        manifest.covered.filter((c) => c.dataset === dataset.name),
      )),
    )
    used.push(...keys)
    if (dataset.nameLookup !== undefined) {
      // Later deliveries are matched against this dataset's names: what they are made from.
      upstream.push(...keys)
      names = await loadNames(db, dataset, dataset.nameLookup)
    }
  }
  const published = publishedAfterCoverage(manifest, left)
  for (const dataset of datasets.filter((d) => d.fromManifest === true)) {
    // Made from the manifest: each row located at its entry.
    const staged = new StagedRows(join(workDir, `${dataset.name}.ndjson`), dataset)
    for (const { row, line } of manifestRows(dataset, published.history))
      await staged.add({ ...row, _file: MANIFEST_FILE, _line: line, _cols: null }, [])
    await staged.load(db)
    options.progress(`made ${dataset.name} from ${MANIFEST_FILE}: ${counted(published.history.length, "row")}`)
  }
  if (cache !== undefined)
    await forgetUnused(cache.dir, new Set(used)).catch((e: Error) =>
      options.progress(`old entries of ${cache.dir} not removed: ${e.message.split("\n")[0]}`),
    )
  return { stats, fieldColumns, sheets, kept: keptByDataset, published }
}

/**
 * A delivery read now, its outcome as the cache keeps it: its problems up to the cap, as the
 * collector keeps them, and the rest counted (a file with a fault on each of a million lines
 * holds no million problems), and the columns and sheet its fields were found in.
 */
const readNow = async (
  options: IngestOptions,
  n: number,
  dataset: DatasetDefinition,
  delivery: PlannedDelivery,
  context: Pick<ExplainContext, "names" | "validate">,
  fieldColumns: Map<string, Map<string, { column: number; name: string }>>,
  sheets: Map<string, string>,
): Promise<DeliveryOutcome<ReadResult>> => {
  const file = options.label(delivery.file)
  const problems: Problem[] = []
  const unlisted: Array<[Problem["severity"], number]> = []
  const past = { error: 0, warning: 0 }
  const watched: IngestOptions = {
    ...options,
    report: (p) => {
      if (problems.length < options.cap) problems.push(p)
      else past[p.severity]++
      options.report(p)
    },
    countUnlisted: (severity, count) => {
      unlisted.push([severity, count])
      options.countUnlisted(severity, count)
    },
  }
  const [columnsBefore, sheetBefore] = [fieldColumns.get(delivery.file), sheets.get(file)]
  const read = await readDelivery(watched, n, dataset, delivery, context, fieldColumns, sheets)
  const columnsAfter = fieldColumns.get(delivery.file)
  const sheetAfter = sheets.get(file)
  for (const severity of ["error", "warning"] as const)
    if (past[severity] > 0) unlisted.push([severity, past[severity]])
  return {
    problems,
    unlisted,
    stats: read,
    fieldColumns: columnsAfter === undefined || columnsAfter === columnsBefore ? null : [...columnsAfter],
    sheet: sheetAfter === undefined || sheetAfter === sheetBefore ? null : sheetAfter,
  }
}
