/**
 * The tables of a run: every delivery read and normalized (or loaded as kept by an earlier
 * build), the deliveries reconciled with their sources, then the table rules applied (keys,
 * references, periods, counts). Their problems go to the run's collector.
 */
import type { LoadedManifest as Manifest } from "../manifest/load-manifest.ts"
import type { Database } from "../db/duckdb.ts"
import { normalizedDir } from "../incremental/store.ts"
import { type DeliveryStats, ingest } from "../load/ingest.ts"
import type { QualityReport } from "../reconcile/reconcile.ts"
import { reconcileDeliveries, reconciliationLine } from "../reconcile/reconcile-deliveries.ts"
import { SOURCES } from "../sources/index.ts"
import { applyTableRules } from "../validate/apply-table-rules.ts"
import { formulaFindings } from "../validate/formula-warnings.ts"
import { decimalFormats, locateFinding } from "../validate/locate-finding.ts"
import { type RunContext, seconds } from "./context.ts"

export interface LoadedTables {
  readonly stats: ReadonlyArray<DeliveryStats>
  readonly corrections: number
  /** What the release publishes: the deliveries with rows left once newer ones' coverage is applied. */
  readonly release: Manifest
  readonly quality: QualityReport
}

export const loadTables = async (
  ctx: RunContext,
  db: Database,
  workDir: string,
  manifest: Manifest,
): Promise<LoadedTables> => {
  const { collector, datasets, label, options, progress } = ctx
  const store = options.cache
  const deliveries = store && { dir: normalizedDir(store), codeKey: store.codeKey }
  const ingested = await ingest({
    db,
    rawDir: ctx.rawDir,
    workDir,
    manifest,
    datasets,
    cap: collector.cap,
    label,
    report: (p) => collector.add(p),
    countUnlisted: (severity, n) => collector.countUnlisted(severity, n),
    progress,
    ...(options.tokenizerOnly === true ? { tokenizerOnly: true } : {}),
    ...(deliveries === undefined ? {} : { cache: deliveries }),
  })
  const release = ingested.published
  const quality = await reconcileDeliveries(db, datasets, release, SOURCES)
  const compared = reconciliationLine(quality, datasets)
  if (compared !== undefined) progress(compared)
  const corrections = Number((await db.rows(`SELECT count(*) AS n FROM corrections`))[0]!["n"])
  const excludedFiles = manifest.deliveries.filter((d) => d.invalidRows === "exclude").map((d) => d.file)
  const ruled = performance.now()
  const formats = decimalFormats(manifest.deliveries, datasets)
  const locate = (f: Parameters<typeof locateFinding>[0]) =>
    locateFinding(f, ingested.fieldColumns, label, ingested.sheets, formats)
  const keptFrom = deliveries && { dir: deliveries.dir, entries: ingested.kept }
  await applyTableRules(db, datasets, excludedFiles, collector, locate, keptFrom)
  for (const f of await formulaFindings(db, datasets, collector.cap))
    collector.add({ ...locate(f), severity: "warning" })
  progress(`checked keys, references, periods and counts (${seconds(ruled)} s)`)
  return { stats: ingested.stats, corrections, release, quality }
}
