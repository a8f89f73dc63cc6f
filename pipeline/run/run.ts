/**
 * The pipeline from raw/ to a published release, stage by stage:
 * manifest → inventory → read + normalize → table rules → write → check → publish.
 * `validate` stops after the table rules and publishes nothing.
 */
import { existsSync } from "node:fs"
import { rm, writeFile } from "node:fs/promises"
import { join, relative, resolve, sep } from "node:path"
import type { DatasetDefinition } from "../../schemas/dataset.ts"
import { DATASETS } from "../../schemas/datasets/index.ts"
import { readManifest } from "./read-manifest.ts"
import { ProblemCollector, DEFAULT_CAP } from "../problems/collector.ts"
import { problem, type Problem } from "../problems/problem.ts"
import { startReleaseCheck } from "../check/check-release.ts"
import { LockedError } from "../swap/lock.ts"
import { prepareOutput, type PreparedOutput } from "../swap/prepare-output.ts"
import { publish, makeSibling } from "../swap/swap.ts"
import { catalogueNeeds, loadPublication, PUBLICATION_FILE, unconfigured } from "../catalog/publication.ts"
import { isCatalogued, writeCatalog, writeDataPackage } from "../catalog/write-catalog.ts"
import { FileHashes } from "../catalog/file-hashes.ts"
import { publishedDeliveries } from "../catalog/previous-release.ts"
import { writeSite } from "../site/write-site.ts"
import type { QualityReport } from "../reconcile/reconcile.ts"
import { reconcileDeliveries, reconciliationLine } from "../reconcile/reconcile-deliveries.ts"
import type { PlannedDelivery } from "../contract/source-declaration.ts"
import { SOURCES } from "../sources/index.ts"
import { applyTableRules } from "../validate/apply-table-rules.ts"
import { formulaFindings } from "../validate/formula-warnings.ts"
import { openDatabase, type Database } from "../db/duckdb.ts"
import { jsonText } from "../shared/json.ts"
import { writeChecksums, writeCorrections, writeDatasets } from "../write/write-release.ts"
import { SPLICED_FROM_ROWS } from "../write/splice-dataset.ts"
import { fingerprints } from "../write/carry-over.ts"
import { recordPublished, whatCarriesOver } from "../catalog/carry-decision.ts"
import { releaseDateOf } from "../manifest/declared-delivery.ts"
import { checkRaw } from "../inventory/inventory.ts"
import { MANIFEST_FILE, PUBLISHERS_FILE } from "../contract/raw-layout.ts"
import type { OnBehalfChange } from "../manifest/ownership.ts"
import { ingest, type DeliveryStats } from "../load/ingest.ts"
import type { DeliveryCacheOptions } from "../load/delivery-cache.ts"
import { decimalFormats, locateFinding } from "../validate/locate-finding.ts"
import { validationReport, type ValidationReport } from "./report.ts"

export interface RunOptions {
  readonly command: "build" | "validate"
  readonly rawDir: string
  readonly outDir: string
  readonly cap?: number
  readonly datasets?: ReadonlyArray<DatasetDefinition>
  /** Read every CSV with the tokenizer instead of DuckDB (tests compare the two). */
  readonly tokenizerOnly?: boolean
  /** The publication's configuration (default: publication.json in the working directory). */
  readonly publicationFile?: string
  /** Overrides publication.json's baseUrl: where this release will be published. */
  readonly baseUrl?: string
  /** Progress lines for people (stderr in the CLI). */
  readonly progress?: (line: string) => void
  /** Where normalized deliveries are kept between builds (none kept when undefined). */
  readonly cache?: DeliveryCacheOptions
  /** From how many published rows a changed dataset's JSON and CSV are spliced (tests lower it). */
  readonly splicedFromRows?: number
}

export interface RunResult {
  readonly ok: boolean
  readonly report: ValidationReport
  readonly problems: ReadonlyArray<Problem>
  /** The changes the maintainers made to other publishers' deliveries since the previous release. */
  readonly onBehalf: ReadonlyArray<OnBehalfChange>
}

const seconds = (since: number) => ((performance.now() - since) / 1000).toFixed(2)

export const run = async (options: RunOptions): Promise<RunResult> => {
  const datasets = options.datasets ?? DATASETS
  const progress = options.progress ?? (() => {})
  const collector = new ProblemCollector(options.cap ?? DEFAULT_CAP)
  const rawDir = resolve(options.rawDir)
  const outDir = resolve(options.outDir)
  // Problems name files as the user would type them, relative to the working directory.
  const label = (file: string) => relative(process.cwd(), join(rawDir, file)) || file
  const outLabel = (file: string) => relative(process.cwd(), join(outDir, file))
  let stats: ReadonlyArray<DeliveryStats> = []
  let corrections = 0
  let onBehalf: ReadonlyArray<OnBehalfChange> = []
  const finish = (): RunResult => {
    const report = validationReport(collector, stats, corrections)
    return { ok: !collector.hasErrors, report, problems: collector.sorted(), onBehalf }
  }

  const manifestPath = join(rawDir, MANIFEST_FILE)
  if (!existsSync(manifestPath)) {
    collector.add(
      problem({
        code: "file/missing",
        file: label(MANIFEST_FILE),
        message: `raw/ has no ${MANIFEST_FILE} declaring its deliveries`,
      }),
    )
    return finish()
  }
  // The release in the output folder is the record of what was published: the manifest is held to it.
  const before = await publishedDeliveries(outDir, datasets)
  const parsed = await readManifest(rawDir, label, datasets, before)
  if (parsed.manifest === undefined) {
    collector.addAll(parsed.problems)
    collector.countUnlisted("error", parsed.unlisted ?? 0)
    return finish()
  }
  const manifest = parsed.manifest
  onBehalf = parsed.onBehalf
  if (parsed.register === undefined)
    progress(
      `no register of publishers (${label(PUBLISHERS_FILE)}): whose folder a delivery sits in, and who changes whose, is not checked`,
    )
  const publicationFile = resolve(options.publicationFile ?? PUBLICATION_FILE)
  const loaded = await loadPublication(publicationFile, relative(process.cwd(), publicationFile) || publicationFile)
  if (loaded.publication === undefined) {
    collector.addAll(loaded.problems)
    return finish()
  }
  const publication =
    options.baseUrl === undefined ? loaded.publication : { ...loaded.publication, baseUrl: options.baseUrl }
  // The publication's configuration is the operator's concern: a build reports it, validate (for publishers) does not.
  if (options.command === "build") {
    const missing = unconfigured(publication)
    if (missing.length > 0)
      progress(`not configured in ${PUBLICATION_FILE}, so left out of the metadata: ${missing.join("; ")}`)
    const needs = catalogueNeeds(publication)
    if (needs.length > 0)
      progress(`no DCAT catalogue (catalog.rdf, .ttl, .jsonld): it needs ${needs.join(", ")} in ${PUBLICATION_FILE}`)
  }
  const originOf = (d: PlannedDelivery) => (d.source === undefined ? undefined : SOURCES.get(d.source)?.origin)
  const raw = await checkRaw(rawDir, manifest, label, new Map(before.map((p) => [p.file, p.sha256])))
  collector.addAll(raw.problems)
  if (raw.stop) return finish()
  progress(`checked ${manifest.deliveries.length} deliveries against the manifest (${seconds(raw.started)} s)`)

  let output: PreparedOutput
  try {
    output = await prepareOutput(outDir, options.command === "build", progress)
  } catch (e) {
    if (!(e instanceof LockedError)) throw e
    collector.add(problem({ code: "release/locked", file: outLabel(""), message: e.message }))
    return finish()
  }
  const { lock, workDir } = output
  let stagingDir: string | undefined
  let db: Database | undefined
  let checking: ReturnType<typeof startReleaseCheck> | undefined
  try {
    db = await openDatabase(workDir)
    const ingested = await ingest({
      db,
      rawDir,
      workDir,
      manifest,
      datasets,
      cap: collector.cap,
      label,
      report: (p) => collector.add(p),
      countUnlisted: (severity, n) => collector.countUnlisted(severity, n),
      progress,
      ...(options.tokenizerOnly === true ? { tokenizerOnly: true } : {}),
      ...(options.cache === undefined ? {} : { cache: options.cache }),
    })
    stats = ingested.stats
    // What the release publishes: the deliveries with rows left once newer ones' coverage is applied.
    const release = ingested.published
    const quality = await reconcileDeliveries(db, datasets, release, SOURCES)
    const compared = reconciliationLine(quality, datasets)
    if (compared !== undefined) progress(compared)
    corrections = Number((await db.rows(`SELECT count(*) AS n FROM corrections`))[0]!["n"])
    const excludedFiles = manifest.deliveries.filter((d) => d.invalidRows === "exclude").map((d) => d.file)
    const ruled = performance.now()
    const formats = decimalFormats(manifest.deliveries, datasets)
    const locate = (f: Parameters<typeof locateFinding>[0]) =>
      locateFinding(f, ingested.fieldColumns, label, ingested.sheets, formats)
    const keptFrom = options.cache && { dir: options.cache.dir, entries: ingested.kept }
    await applyTableRules(db, datasets, excludedFiles, collector, locate, keptFrom)
    for (const f of await formulaFindings(db, datasets, collector.cap))
      collector.add({ ...locate(f), severity: "warning" })
    progress(`checked keys, references, periods and counts (${seconds(ruled)} s)`)
    if (collector.hasErrors || options.command === "validate") return finish()

    const started = performance.now()
    stagingDir = await makeSibling(outDir, "staging")
    const date = releaseDateOf(release.deliveries)
    // With a cache: the datasets whose rows were published as they are now are carried over.
    const prints = options.cache === undefined ? undefined : await fingerprints(db, datasets)
    const none = { datasets: new Set<string>(), workbooks: new Set<string>(), hashes: new Map() }
    const carried =
      prints === undefined
        ? none
        : await whatCarriesOver(options.cache!.dir, options.cache!.codeKey, outDir, date, datasets, prints).catch(
            () => none,
          )
    const sums = "publishedSums" in carried ? carried.publishedSums : undefined
    const printed = "publishedPrints" in carried ? carried.publishedPrints : undefined
    const splice = sums && {
      dir: outDir,
      sums,
      ...(printed && prints && { prints: { published: printed, now: prints } }),
      ...("publishedIdentities" in carried && { identities: carried.publishedIdentities }),
      workDir,
      sha1: isCatalogued(publication),
      fromRows: options.splicedFromRows ?? SPLICED_FROM_ROWS,
    }
    const written = await writeDatasets(db, datasets, stagingDir, date, {
      ...carried,
      from: outDir,
      ...(splice && { splice }),
    })
    for (const [name, why] of written.wholeBecause) progress(`${name}: written whole, not spliced: ${why}`)
    await writeCorrections(db, stagingDir)
    // In the release, files are named relative to raw/, whatever folder the build ran from.
    const published = validationReport(collector, stats, corrections)
    const relativeToRaw = published.problems.map((p) => ({
      ...p,
      file: relative(rawDir, resolve(p.file)).split(sep).join("/"),
    }))
    await writeFile(join(stagingDir, "validation-report.json"), jsonText({ ...published, problems: relativeToRaw }))
    await writeFile(join(stagingDir, "quality-report.json"), jsonText(quality satisfies QualityReport))
    const kept = `${carried.datasets.size === 0 ? "" : `, ${carried.datasets.size} carried over unchanged`}${[...written.spliced].map(([name, s]) => `, ${name}'s JSON and CSV spliced (records: ${s.deleted} out, ${s.inserted} in${s.files === undefined ? "" : `; the rows of ${s.files} delivery file${s.files === 1 ? "" : "s"} compared`})`).join("")}`
    progress(`wrote ${datasets.length} datasets as JSON, CSV and Parquet${kept} (${seconds(started)} s)`)

    // The datasets' files are read back (DuckDB, on connections of their own) while the
    // catalogue is written and the files are hashed.
    const checked = performance.now()
    checking = startReleaseCheck(db, datasets, stagingDir, outLabel, carried.datasets, written.spliced)
    const catalogued = performance.now()
    const hashes = new FileHashes(stagingDir, isCatalogued(publication))
    for (const [file, hash] of [...carried.hashes, ...[...written.spliced.values()].flatMap((s) => [...s.hashes])])
      hashes.known(file, hash)
    const input = {
      db,
      stagingDir,
      outDir,
      datasets,
      deliveries: release.deliveries,
      history: release.history,
      publication,
      origin: originOf,
      hashes,
      carried: new Map([...carried.datasets].map((name) => [name, Number(prints!.totals[name]!.split(":")[0])])),
      spliced: new Map([...written.spliced].map(([name, s]) => [name, s.rows])),
      // What the build took for an entry error of its source is published, but covers no period.
      flagged: relativeToRaw.flatMap((p) =>
        p.code === "source/suspect" && p.line !== undefined ? [{ file: p.file, line: p.line }] : [],
      ),
    }
    const catalog = await writeCatalog(input)
    const site = await writeSite({
      db,
      stagingDir,
      publication,
      version: catalog.version,
      date: catalog.date,
      datasets,
      rows: catalog.rows,
      deliveries: release.deliveries,
      history: release.history,
      hashes: hashes.files,
      changelog: catalog.changelog,
      coverage: catalog.coverage,
    })
    await hashes.add(...site.files)
    await writeDataPackage(input, catalog.version)
    progress(
      `wrote the catalogue and the site: version ${catalog.version}${catalog.changed ? "" : ", the data unchanged since it was published"} (${seconds(catalogued)} s)`,
    )
    await writeChecksums(stagingDir, hashes.files)
    const ownAddress = new Set(publication.contact?.email === undefined ? [] : [publication.contact.email])
    const shape = { catalogue: catalog.written.length > 0, rowPages: site.rowPages, rows: catalog.rows }
    collector.addAll(await checking.finish(shape, ownAddress))
    if (collector.hasErrors) return finish()
    progress(
      `checked the release: schemas, formats agree, no personal data (${seconds(checked)} s since the check began)`,
    )

    await publish(stagingDir, outDir)
    stagingDir = undefined
    // Published: what the next build may carry over is recorded, and a failure to is only said.
    if (prints !== undefined)
      await recordPublished(options.cache!.dir, options.cache!.codeKey, outDir, date, prints).catch((e: Error) =>
        progress(`not recorded for the next build: ${e.message.split("\n")[0]}`),
      )
    progress(`published ${relative(process.cwd(), outDir) || "."}`)
    return finish()
  } finally {
    // A check still reading the release is let finish before its database closes.
    await checking?.settled
    db?.close()
    await rm(workDir, { recursive: true, force: true })
    if (stagingDir !== undefined) await rm(stagingDir, { recursive: true, force: true })
    await lock?.release()
  }
}
