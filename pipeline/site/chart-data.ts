/**
 * What the site's charts draw and table, read from the staged files in one pass over the values:
 * the municipalities the site is about (those of the projects it has pages for) drawn, and every
 * municipality's values tabled for as many indicators as a page can hold, so that the others can
 * be seen without a server.
 */
import { sqlString } from "../../schemas/derive/duckdb.ts"
import { provenanceName } from "../../schemas/provenance.ts"
import type { Database } from "../db/duckdb.ts"
import type { Point, Series } from "./chart.ts"
import type { ChartFocus, IndicatorChart, ProjectInfo } from "./site-facts.ts"

/** How many indicators are charted, project indicators first: they are what a project page shows. */
const CHARTED_INDICATORS = 20
/** Without a project page to say which municipalities matter, the charts draw the first by code. */
const CHARTED_MUNICIPALITIES = 12
/**
 * Up to how many values the tables of every municipality hold together, in the charts' order: an
 * indicator past it tables the municipalities it draws, and says its values are in the files.
 */
export const TABLED_VALUES = 30_000
const BY_CODE = { sv: "de första i kodordning", en: "the first by code" }

/** The municipalities the charts draw: those of the projects the site has pages for, and why. */
export const chartFocus = (projects: ReadonlyArray<ProjectInfo>): ChartFocus => {
  const codes = [...new Set(projects.flatMap((p) => p.municipalities.map((m) => String(m["municipality_code"]))))]
  const names = projects.map((p) => String(p.project["acronym"] ?? p.project["title_sv"]))
  return codes.length > 0
    ? {
        codes,
        because: { sv: `kommunerna i ${names.join(" och ")}`, en: `the municipalities of ${names.join(" and ")}` },
      }
    : { codes: [], because: BY_CODE }
}

/** How many municipalities a chart draws: the focus's number, or, without one, the first by code. */
const drawnCount = (focus: ChartFocus) => (focus.codes.length > 0 ? focus.codes.length : CHARTED_MUNICIPALITIES)

/**
 * The series a chart draws, and why those: the focus's municipalities where the indicator has
 * values for any, else the first by code.
 */
export const drawnSeries = (
  c: IndicatorChart,
  focus: ChartFocus,
): { readonly series: ReadonlyArray<Series>; readonly because: ChartFocus["because"] } => {
  const inFocus = c.series.filter((s) => focus.codes.includes(s.code))
  return inFocus.length > 0
    ? { series: inFocus, because: focus.because }
    : {
        series: c.series.slice(0, drawnCount(focus)),
        because: BY_CODE,
      }
}

export const indicatorCharts = async (
  db: Database,
  from: (dataset: string) => string,
  focus: ChartFocus,
): Promise<IndicatorChart[]> => {
  const indicators = await db.rows(`SELECT i.*, v.n, v.m FROM ${from("indicators")} i
    JOIN (SELECT indicator_id, count(*) AS n, count(DISTINCT municipality_code) AS m FROM ${from("indicator_values")} GROUP BY ALL) v USING (indicator_id)
    ORDER BY i.project_id IS NULL, i.indicator_id LIMIT ${CHARTED_INDICATORS}`)
  if (indicators.length === 0) return []
  let tabled = 0
  const complete = new Set<string>()
  for (const i of indicators) {
    tabled += Number(i["n"])
    if (tabled <= TABLED_VALUES) complete.add(String(i["indicator_id"]))
  }
  const list = (ids: Iterable<string>) => [...ids].map(sqlString).join(", ") || "NULL"
  // Every municipality of an indicator tabled whole; of the others, the focus first, then by code.
  const points = await db.rows(`WITH kept AS (
      SELECT DISTINCT indicator_id, municipality_code FROM ${from("indicator_values")}
      WHERE indicator_id IN (${list(indicators.map((i) => String(i["indicator_id"])))})
      QUALIFY indicator_id IN (${list(complete)}) OR row_number() OVER (
        PARTITION BY indicator_id ORDER BY municipality_code IN (${list(focus.codes)}) DESC, municipality_code) <= ${drawnCount(focus)})
    SELECT v.indicator_id AS id, v.municipality_code AS code, m.municipality_name AS name, v.year, v.value, v.value_status AS status, t.file
    FROM ${from("indicator_values")} v JOIN kept USING (indicator_id, municipality_code) JOIN ${from("municipalities")} m USING (municipality_code)
      JOIN ${from(provenanceName("indicator_values"))} t USING (indicator_id, municipality_code, year)
    ORDER BY id, code, year`)
  const byIndicator = new Map<string, typeof points>()
  for (const p of points) {
    const id = String(p["id"])
    if (!byIndicator.has(id)) byIndicator.set(id, [])
    byIndicator.get(id)!.push(p)
  }
  return indicators.map((i) => {
    const id = String(i["indicator_id"])
    const mine = byIndicator.get(id) ?? []
    const series = new Map<string, Series & { points: Point[] }>()
    for (const p of mine) {
      const code = String(p["code"])
      const s = series.get(code) ?? { code, name: String(p["name"]), points: [] }
      s.points.push({
        year: Number(p["year"]),
        value: p["value"] === null ? null : Number(p["value"]),
        status: (p["status"] as string | null) ?? null,
      })
      series.set(code, s)
    }
    return {
      indicatorId: id,
      labelSv: String(i["label_sv"]),
      labelEn: String(i["label_en"]),
      unit: String(i["unit"]),
      projectId: (i["project_id"] as string | null) ?? null,
      series: [...series.values()],
      municipalities: Number(i["m"]),
      complete: complete.has(id),
      deliveries: [...new Set(mine.map((x) => String(x["file"])))].sort(),
    }
  })
}
