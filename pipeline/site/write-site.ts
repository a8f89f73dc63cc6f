/**
 * Writes the static site into the staging folder: the front page, a page per dataset and per
 * project with more than a register row, and the style sheet. The facts come from the staged
 * Parquet files (through DuckDB) and the hashes already computed. Returns the files written, and
 * the projects that have a page.
 */
import { mkdir, writeFile } from "node:fs/promises"
import { join } from "node:path"
import type { DatasetDefinition } from "../../schemas/dataset.ts"
import { quoteIdent, sqlString } from "../../schemas/derive/duckdb.ts"
import type { Coverage } from "../catalog/coverage.ts"
import { provenanceName } from "../../schemas/provenance.ts"
import { datasetTerms, releaseLicence } from "../catalog/licences.ts"
import type { Publication } from "../catalog/publication.ts"
import type { PlannedDelivery } from "../contract/source-declaration.ts"
import { historyOf, type DeclaredDelivery } from "../manifest/declared-delivery.ts"
import type { Database } from "../db/duckdb.ts"
import {
  dataFile,
  datasetPageFile,
  DCAT_FILES,
  hasWorkbook,
  readAlone,
  RELEASE_FILES,
  rowPageFile,
  schemaFile,
} from "../contract/release-layout.ts"
import { chartFocus, indicatorCharts } from "./chart-data.ts"
import { datasetPage } from "./dataset-page.ts"
import { indexPage } from "./index-page.ts"
import { projectPage } from "./project-page.ts"
import type { FileInfo, ProjectInfo, Row, SiteFacts } from "./site-facts.ts"
import { STYLE } from "./style.ts"

/** How many rows a dataset page previews, and how many projects have a page. */
const PREVIEW_ROWS = 10
const PROJECT_PAGES = 50

export const writeSite = async (options: {
  readonly db: Database
  readonly stagingDir: string
  readonly publication: Publication
  readonly version: string
  /** The release's date: the latest day a current delivery was received. */
  readonly date: string
  readonly datasets: ReadonlyArray<DatasetDefinition>
  /** Each dataset's row count. */
  readonly rows: ReadonlyMap<string, number>
  readonly deliveries: ReadonlyArray<PlannedDelivery>
  /** Every declared delivery, current or not. */
  readonly history: ReadonlyArray<DeclaredDelivery>
  /** With the SHA-1 where the catalogue gives it. */
  readonly hashes: ReadonlyMap<string, { readonly bytes: number; readonly sha256: string; readonly sha1?: string }>
  readonly changelog: string
  /** Each dataset's period and places. */
  readonly coverage: ReadonlyMap<string, Coverage>
}): Promise<{ readonly files: ReadonlyArray<string>; readonly rowPages: ReadonlyArray<string> }> => {
  const { db, stagingDir, datasets, deliveries, hashes } = options
  const has = (name: string) => datasets.some((d) => d.name === name)
  const from = (name: string) => `read_parquet(${sqlString(join(stagingDir, dataFile(name, "parquet")))})`
  const info = (path: string, id?: string): FileInfo => {
    const h = hashes.get(path)
    if (h === undefined) throw new Error(`no hash of ${path}`)
    return {
      path,
      bytes: h.bytes,
      sha256: h.sha256,
      ...(id === undefined ? {} : { id }),
      ...(h.sha1 === undefined || h.sha1 === "" ? {} : { sha1: h.sha1 }),
    }
  }

  const datasetInfos = []
  for (const d of datasets) {
    datasetInfos.push({
      definition: d,
      rows: options.rows.get(d.name)!,
      terms: datasetTerms(d, deliveries),
      deliveries: historyOf(options.history, d.name),
      // Each file's row is where the catalogue's distribution of it points.
      files: [
        info(dataFile(d.name, "csv"), "csv"),
        info(dataFile(d.name, "json"), "json"),
        info(dataFile(d.name, "parquet"), "parquet"),
        ...(readAlone(d) && hasWorkbook(options.rows.get(d.name)!) ? [info(dataFile(d.name, "xlsx"), "xlsx")] : []),
        info(schemaFile(d.name), "schema"),
        info(dataFile(d.name, "md"), "codebook"),
      ],
      preview: await db.rows(`SELECT * FROM ${from(d.name)} LIMIT ${PREVIEW_ROWS}`),
      coverage: options.coverage.get(d.name) ?? { temporal: undefined, places: [] },
      places:
        d.places === undefined
          ? []
          : (
              await db.rows(
                `SELECT ${quoteIdent(d.primaryKey[0]!)} AS k, ${quoteIdent(d.places.name)} AS n FROM ${from(d.name)} ORDER BY k`,
              )
            ).map((r) => ({ key: String(r["k"]), name: String(r["n"]) })),
    })
  }

  const projects: ProjectInfo[] = []
  if (has("projects")) {
    const described = ["project_activities", "project_goals", "indicators"]
      .filter(has)
      .map((n) => `SELECT project_id FROM ${from(n)} WHERE project_id IS NOT NULL`)
    const ids =
      described.length === 0
        ? []
        : (
            await db.rows(
              `SELECT DISTINCT project_id FROM (${described.join(" UNION ALL ")}) ORDER BY 1 LIMIT ${PROJECT_PAGES}`,
            )
          ).map((r) => String(r["project_id"]))
    const of = async (name: string, id: string, order: string, join_ = ""): Promise<Row[]> =>
      has(name)
        ? db.rows(`SELECT * FROM ${from(name)} t ${join_} WHERE t.project_id = ${sqlString(id)} ORDER BY ${order}`)
        : []
    for (const id of ids) {
      const [project] = await of("projects", id, "project_id")
      if (project === undefined) continue
      projects.push({
        project,
        municipalities: await of(
          "project_municipalities",
          id,
          "t.municipality_code",
          `JOIN ${from("municipalities")} m USING (municipality_code)`,
        ),
        funders: await of("project_funders", id, "t.funder_type, t.funder_id"),
        activities: await of("project_activities", id, "t.activity_id"),
        goals: await of("project_goals", id, "t.goal_type DESC, t.goal_id"),
        targetGroups: await of("project_target_groups", id, "t.target_group_id"),
      })
    }
  }

  const focus = chartFocus(projects)
  const charts =
    has("indicators") && has("indicator_values") && has(provenanceName("indicator_values")) && has("municipalities")
      ? await indicatorCharts(db, from, focus)
      : []
  const metadata = RELEASE_FILES.filter((f) => f.listed === true).map((f) => f.path)
  const facts: SiteFacts = {
    publication: options.publication,
    version: options.version,
    date: options.date,
    licence: releaseLicence(datasetInfos.map((d) => d.terms)),
    datasets: datasetInfos,
    charts,
    projects,
    changelog: options.changelog,
    metadataFiles: metadata.filter((f) => hashes.has(f)).map((f) => info(f)),
    catalogue: DCAT_FILES.every((f) => hashes.has(f)),
    focus,
  }
  const written: string[] = []
  const write = async (path: string, text: string) => {
    await mkdir(join(stagingDir, path, ".."), { recursive: true })
    await writeFile(join(stagingDir, path), text)
    written.push(path)
  }
  await write("style.css", STYLE)
  await write("index.html", indexPage(facts))
  for (const d of datasetInfos) await write(datasetPageFile(d.definition.name), datasetPage(facts, d))
  const rowPages = projects.map((p) => rowPageFile("projects", String(p.project["project_id"])))
  for (const [i, p] of projects.entries()) await write(rowPages[i]!, projectPage(facts, p))
  return { files: written, rowPages }
}
