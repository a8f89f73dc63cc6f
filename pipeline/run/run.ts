/**
 * The pipeline from raw/ to a published release, stage by stage:
 * manifest → inventory → read + normalize → reconcile → table rules → plan → write → check →
 * publish. `validate` stops after the table rules and publishes nothing.
 */
import { rm } from "node:fs/promises"
import { startReleaseCheck } from "../check/check-release.ts"
import { isCatalogued } from "../catalog/write-catalog.ts"
import { openDatabase, type Database } from "../db/duckdb.ts"
import { planBuild } from "../incremental/survey.ts"
import { releaseDateOf } from "../manifest/declared-delivery.ts"
import type { OnBehalfChange } from "../manifest/ownership.ts"
import { problem, type Problem } from "../problems/problem.ts"
import { LockedError } from "../swap/lock.ts"
import { prepareOutput, type PreparedOutput } from "../swap/prepare-output.ts"
import { makeSibling } from "../swap/swap.ts"
import { SPLICED_FROM_ROWS } from "../write/splice-dataset.ts"
import { type RunOptions, runContext, seconds } from "./context.ts"
import { type LoadedTables, loadTables } from "./load-tables.ts"
import { publishRelease } from "./publish-release.ts"
import { readInputs } from "./read-inputs.ts"
import { validationReport, type ValidationReport } from "./report.ts"
import { writeFiles } from "./write-files.ts"
import { writeMetadata } from "./write-metadata.ts"

export type { RunOptions } from "./context.ts"

export interface RunResult {
  readonly ok: boolean
  readonly report: ValidationReport
  readonly problems: ReadonlyArray<Problem>
  /** The changes the maintainers made to other publishers' deliveries since the previous release. */
  readonly onBehalf: ReadonlyArray<OnBehalfChange>
}

export const run = async (options: RunOptions): Promise<RunResult> => {
  const ctx = runContext(options)
  const { collector, datasets, outDir, progress } = ctx
  let tables: LoadedTables | undefined
  let onBehalf: ReadonlyArray<OnBehalfChange> = []
  const finish = (): RunResult => {
    const report = validationReport(collector, tables?.stats ?? [], tables?.corrections ?? 0)
    return { ok: !collector.hasErrors, report, problems: collector.sorted(), onBehalf }
  }

  const inputs = await readInputs(ctx)
  if (inputs === undefined) return finish()
  onBehalf = inputs.onBehalf
  let output: PreparedOutput
  try {
    output = await prepareOutput(outDir, options.command === "build", progress)
  } catch (e) {
    if (!(e instanceof LockedError)) throw e
    collector.add(problem({ code: "release/locked", file: ctx.outLabel(""), message: e.message }))
    return finish()
  }
  const { lock, workDir } = output
  let stagingDir: string | undefined
  let db: Database | undefined
  let checking: ReturnType<typeof startReleaseCheck> | undefined
  try {
    db = await openDatabase(workDir)
    tables = await loadTables(ctx, db, workDir, inputs.manifest)
    if (collector.hasErrors || options.command === "validate") return finish()

    stagingDir = await makeSibling(outDir, "staging")
    const date = releaseDateOf(tables.release.deliveries)
    const plan = await planBuild(db, datasets, {
      store: options.cache,
      outDir,
      date,
      fromRows: options.splicedFromRows ?? SPLICED_FROM_ROWS,
    })
    const sha1 = isCatalogued(inputs.publication)
    const files = await writeFiles(ctx, db, { stagingDir, workDir }, tables, date, plan, sha1)
    // The datasets' files are read back (DuckDB, on connections of their own) while the
    // catalogue is written and the files are hashed.
    const checked = performance.now()
    checking = startReleaseCheck(db, datasets, stagingDir, ctx.outLabel, plan, files.written.spliced)
    const shape = await writeMetadata(ctx, db, stagingDir, inputs.publication, tables, plan, files)
    const email = inputs.publication.contact?.email
    collector.addAll(await checking.finish(shape, new Set(email === undefined ? [] : [email])))
    if (collector.hasErrors) return finish()
    progress(
      `checked the release: schemas, formats agree, no personal data (${seconds(checked)} s since the check began)`,
    )

    await publishRelease(ctx, stagingDir, date, plan)
    stagingDir = undefined
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
