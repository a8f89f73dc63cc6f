/**
 * The release's data files written into the staging folder as the plan says (carried over,
 * spliced or written), the corrections, and the reports of the run: the validation report and
 * the quality report.
 */
import { writeFile } from "node:fs/promises"
import { join, relative, resolve, sep } from "node:path"
import type { Database } from "../db/duckdb.ts"
import { planned, type ReleasePlan } from "../incremental/plan.ts"
import type { Problem } from "../problems/problem.ts"
import { jsonText } from "../shared/json.ts"
import { writeCorrections, writeDatasets, type Written } from "../write/write-release.ts"
import { type RunContext, seconds } from "./context.ts"
import type { LoadedTables } from "./load-tables.ts"
import { validationReport } from "./report.ts"

export interface WrittenFiles {
  readonly written: Written
  /** The problems of the validation report, their files named relative to raw/. */
  readonly problems: ReadonlyArray<Problem>
}

/** The progress line's account of what was not written whole. */
const keptLine = (plan: ReleasePlan, written: Written): string => {
  const carried = planned(plan, "carried").size
  const spliced = [...written.spliced].map(
    ([name, s]) =>
      `, ${name}'s JSON and CSV spliced (records: ${s.deleted} out, ${s.inserted} in${s.files === undefined ? "" : `; the rows of ${s.files} delivery file${s.files === 1 ? "" : "s"} compared`})`,
  )
  return `${carried === 0 ? "" : `, ${carried} carried over unchanged`}${spliced.join("")}`
}

export const writeFiles = async (
  ctx: RunContext,
  db: Database,
  dirs: { readonly stagingDir: string; readonly workDir: string },
  tables: LoadedTables,
  date: string,
  plan: ReleasePlan,
  sha1: boolean,
): Promise<WrittenFiles> => {
  const { collector, datasets, progress } = ctx
  const { stagingDir } = dirs
  const started = performance.now()
  const written = await writeDatasets(db, datasets, stagingDir, date, plan, { workDir: dirs.workDir, sha1 })
  for (const [name, why] of written.wholeBecause) progress(`${name}: written whole, not spliced: ${why}`)
  await writeCorrections(db, stagingDir)
  // In the release, files are named relative to raw/, whatever folder the build ran from.
  const published = validationReport(collector, tables.stats, tables.corrections)
  const problems = published.problems.map((p) => ({
    ...p,
    file: relative(ctx.rawDir, resolve(p.file)).split(sep).join("/"),
  }))
  await writeFile(join(stagingDir, "validation-report.json"), jsonText({ ...published, problems }))
  await writeFile(join(stagingDir, "quality-report.json"), jsonText(tables.quality))
  progress(
    `wrote ${datasets.length} datasets as JSON, CSV and Parquet${keptLine(plan, written)} (${seconds(started)} s)`,
  )
  return { written, problems }
}
