/**
 * The catalogue (version, change record, codebooks, DCAT), the site and the data package of a
 * release whose data files are written, and its SHA256SUMS last: the files whose hashes the plan
 * and the splice know are not read again.
 */
import { FileHashes } from "../catalog/file-hashes.ts"
import type { ReleaseShape } from "../check/check-release.ts"
import type { Publication } from "../catalog/publication.ts"
import { isCatalogued, writeCatalog, writeDataPackage } from "../catalog/write-catalog.ts"
import type { Database } from "../db/duckdb.ts"
import { planned, type ReleasePlan } from "../incremental/plan.ts"
import type { Problem } from "../problems/problem.ts"
import { writeSite } from "../site/write-site.ts"
import { SOURCES } from "../sources/index.ts"
import { writeChecksums, type Written } from "../write/write-release.ts"
import { type RunContext, seconds } from "./context.ts"
import type { LoadedTables } from "./load-tables.ts"

export const writeMetadata = async (
  ctx: RunContext,
  db: Database,
  stagingDir: string,
  publication: Publication,
  tables: LoadedTables,
  plan: ReleasePlan,
  files: { readonly written: Written; readonly problems: ReadonlyArray<Problem> },
): Promise<ReleaseShape> => {
  const started = performance.now()
  const { datasets } = ctx
  const { release } = tables
  const hashes = new FileHashes(stagingDir, isCatalogued(publication))
  for (const carried of planned(plan, "carried").values())
    for (const [file, hash] of carried.files) hashes.known(file, hash)
  for (const spliced of files.written.spliced.values())
    for (const [file, hash] of spliced.hashes) hashes.known(file, hash)
  const input = {
    db,
    stagingDir,
    outDir: ctx.outDir,
    datasets,
    deliveries: release.deliveries,
    history: release.history,
    publication,
    origin: (d: (typeof release.deliveries)[number]) =>
      d.source === undefined ? undefined : SOURCES.get(d.source)?.origin,
    hashes,
    plan,
    spliced: new Map([...files.written.spliced].map(([name, s]) => [name, s.rows])),
    // What the build took for an entry error of its source is published, but covers no period.
    flagged: files.problems.flatMap((p) =>
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
  ctx.progress(
    `wrote the catalogue and the site: version ${catalog.version}${catalog.changed ? "" : ", the data unchanged since it was published"} (${seconds(started)} s)`,
  )
  await writeChecksums(stagingDir, hashes.files)
  return { catalogue: catalog.written.length > 0, rowPages: site.rowPages, rows: catalog.rows }
}
