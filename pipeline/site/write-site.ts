/**
 * Writes the static site into the staging folder: the front page, a page per dataset and per
 * project with more than a register row, and the style sheet. The facts come from the staged
 * Parquet files (through DuckDB) and the hashes already computed. Returns the files written, and
 * the projects that have a page.
 */
import { mkdir, writeFile } from "node:fs/promises"
import { join } from "node:path"
import type { DatasetDefinition } from "../../schemas/dataset.ts"
import { sqlString } from "../../schemas/derive/duckdb.ts"
import { provenanceName } from "../../schemas/provenance.ts"
import { datasetTerms, releaseLicence } from "../catalog/licences.ts"
import type { Publication } from "../catalog/publication.ts"
import type { PlannedDelivery } from "../contract/source-declaration.ts"
import { historyOf, type DeclaredDelivery } from "../manifest/declared-delivery.ts"
import type { Database } from "../db/duckdb.ts"
import { datasetFiles, projectPageFile, RELEASE_FILES } from "../contract/release-layout.ts"
import type { Series } from "./chart.ts"
import { datasetPage } from "./dataset-page.ts"
import { indexPage } from "./index-page.ts"
import { projectPage } from "./project-page.ts"
import type { FileInfo, IndicatorChart, ProjectInfo, Row, SiteFacts } from "./site-facts.ts"
import { STYLE } from "./style.ts"

/** How many rows a dataset page previews, and how much a chart shows. */
const PREVIEW_ROWS = 10
const CHARTED_INDICATORS = 20
const CHARTED_MUNICIPALITIES = 12
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
  readonly hashes: ReadonlyMap<string, { readonly bytes: number; readonly sha256: string }>
  readonly changelog: string
}): Promise<{ readonly files: ReadonlyArray<string>; readonly projects: ReadonlyArray<string> }> => {
  const { db, stagingDir, datasets, deliveries, hashes } = options
  const has = (name: string) => datasets.some((d) => d.name === name)
  const from = (name: string) => `read_parquet(${sqlString(join(stagingDir, "data", `${name}.parquet`))})`
  const info = (path: string): FileInfo => {
    const h = hashes.get(path)
    if (h === undefined) throw new Error(`no hash of ${path}`)
    return { path, bytes: h.bytes, sha256: h.sha256 }
  }

  const datasetInfos = []
  for (const d of datasets) {
    datasetInfos.push({
      definition: d,
      rows: options.rows.get(d.name)!,
      terms: datasetTerms(d, deliveries),
      deliveries: historyOf(options.history, d.name),
      files: datasetFiles(d)
        .filter((f) => f.role !== "site")
        .map((f) => info(f.path)),
      preview: await db.rows(`SELECT * FROM ${from(d.name)} LIMIT ${PREVIEW_ROWS}`),
    })
  }

  const charts: IndicatorChart[] = []
  if (
    has("indicators") &&
    has("indicator_values") &&
    has(provenanceName("indicator_values")) &&
    has("municipalities")
  ) {
    // Project indicators first: they are what a project page shows.
    const indicators =
      await db.rows(`SELECT i.* FROM ${from("indicators")} i WHERE EXISTS (SELECT 1 FROM ${from("indicator_values")} v WHERE v.indicator_id = i.indicator_id)
      ORDER BY i.project_id IS NULL, i.indicator_id LIMIT ${CHARTED_INDICATORS}`)
    // One pass over the values for every charted indicator: the first municipalities of each.
    const ids = indicators.map((i) => sqlString(String(i["indicator_id"])))
    const points =
      ids.length === 0
        ? []
        : await db.rows(`WITH shown AS (
        SELECT indicator_id, municipality_code FROM (SELECT DISTINCT indicator_id, municipality_code FROM ${from("indicator_values")} WHERE indicator_id IN (${ids.join(", ")}))
        QUALIFY row_number() OVER (PARTITION BY indicator_id ORDER BY municipality_code) <= ${CHARTED_MUNICIPALITIES})
      SELECT v.indicator_id AS id, v.municipality_code AS code, m.municipality_name AS name, v.year, v.value, v.value_status AS status, t.file
      FROM ${from("indicator_values")} v JOIN shown USING (indicator_id, municipality_code) JOIN ${from("municipalities")} m USING (municipality_code)
        JOIN ${from(provenanceName("indicator_values"))} t USING (indicator_id, municipality_code, year)
      ORDER BY id, code, year`)
    for (const i of indicators) {
      const id = String(i["indicator_id"])
      const series = new Map<string, Series & { points: Series["points"][number][] }>()
      for (const p of points.filter((x) => x["id"] === id)) {
        const code = String(p["code"])
        const s = series.get(code) ?? { code, name: String(p["name"]), points: [] }
        s.points.push({
          year: Number(p["year"]),
          value: p["value"] === null ? null : Number(p["value"]),
          status: (p["status"] as string | null) ?? null,
        })
        series.set(code, s)
      }
      const files = [...new Set(points.filter((x) => x["id"] === id).map((x) => String(x["file"])))].sort()
      charts.push({
        indicatorId: id,
        labelSv: String(i["label_sv"]),
        labelEn: String(i["label_en"]),
        unit: String(i["unit"]),
        projectId: (i["project_id"] as string | null) ?? null,
        series: [...series.values()],
        deliveries: files,
      })
    }
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
    metadataFiles: metadata.filter((f) => hashes.has(f)).map(info),
  }
  const written: string[] = []
  const write = async (path: string, text: string) => {
    await mkdir(join(stagingDir, path, ".."), { recursive: true })
    await writeFile(join(stagingDir, path), text)
    written.push(path)
  }
  await write("style.css", STYLE)
  await write("index.html", indexPage(facts))
  for (const d of datasetInfos) await write(`datasets/${d.definition.name}.html`, datasetPage(facts, d))
  for (const p of projects) await write(projectPageFile(String(p.project["project_id"])), projectPage(facts, p))
  return { files: written, projects: projects.map((p) => String(p.project["project_id"])) }
}
