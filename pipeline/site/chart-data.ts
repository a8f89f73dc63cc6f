/**
 * What the site's charts draw and table, read from the staged files in one pass over the values:
 * the municipalities the site is about (those of the projects it has pages for) drawn, and every
 * municipality's values tabled for as many indicators as a page can hold, so that the others can
 * be seen without a server.
 */
import type { DatasetDefinition } from "../../schemas/dataset.ts"
import { quoteIdent as q, sqlString } from "../../schemas/derive/duckdb.ts"
import { provenanceName } from "../../schemas/provenance.ts"
import type { Database } from "../db/duckdb.ts"
import type { Point, Series } from "./chart.ts"
import { columnOf } from "./page-cells.ts"
import { referringField } from "./read-row-pages.ts"
import type { ChartFocus, IndicatorChart, PagedDataset } from "./site-facts.ts"

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

/**
 * The datasets the charts are drawn from, found by the roles their definitions declare: the
 * values (`chart`), with the years of its period and the label of a missing value; the measures
 * its key refers to (`measure`, the indicators), named by `names`; the places its key refers to
 * (`places`); and where each value comes from (its provenance dataset). Undefined where the
 * release lacks one of them.
 */
export interface ChartSources {
  readonly values: DatasetDefinition
  readonly measures: DatasetDefinition
  readonly places: DatasetDefinition
  readonly provenance: DatasetDefinition
  /** The values' fields: the measure's key, the place's key, the year, the value, the missing label. */
  readonly fields: {
    readonly measure: string
    readonly place: string
    readonly year: string
    readonly value: string
    readonly missing: string | undefined
  }
}

export const chartSources = (datasets: ReadonlyArray<DatasetDefinition>): ChartSources | undefined => {
  const values = datasets.find((d) => d.chart !== undefined)
  if (values?.chart === undefined || values.period === undefined || !("year" in values.period)) return undefined
  const referred = (has: (d: DatasetDefinition) => boolean) =>
    datasets.find((d) => has(d) && referringField(values, d.name) !== undefined)
  const measures = referred((d) => d.measure !== undefined && d.names !== undefined)
  const places = referred((d) => d.places !== undefined)
  const provenance = datasets.find((d) => d.name === provenanceName(values.name))
  if (measures === undefined || places === undefined || provenance === undefined) return undefined
  return {
    values,
    measures,
    places,
    provenance,
    fields: {
      measure: referringField(values, measures.name)!,
      place: referringField(values, places.name)!,
      year: values.period.year,
      value: values.chart.value,
      missing: columnOf(values, values.chart.value).missingLabelField,
    },
  }
}

/** The places the charts draw: those of the rows the site has pages for (the projects' municipalities), and why. */
export const chartFocus = (paged: PagedDataset | undefined, places: DatasetDefinition | undefined): ChartFocus => {
  const pages = paged?.pages ?? []
  const codes = [...new Set(pages.flatMap((p) => p.places))]
  const names = paged?.definition.names
  const called = places?.places?.called ?? { sv: "platser", en: "places" }
  const named = pages.map((p) =>
    names === undefined ? p.key : String((names.short === undefined ? null : p.row[names.short]) ?? p.row[names.sv]),
  )
  return codes.length > 0
    ? {
        codes,
        because: { sv: `kommunerna i ${named.join(" och ")}`, en: `the ${called.en} of ${named.join(" and ")}` },
        called,
      }
    : { codes: [], because: BY_CODE, called }
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
  sources: ChartSources,
  focus: ChartFocus,
  paged: PagedDataset | undefined,
): Promise<IndicatorChart[]> => {
  const { values, measures, places, provenance, fields: f } = sources
  const names = measures.names!
  const key = q(measures.primaryKey[0]!)
  const owner = paged === undefined ? undefined : referringField(measures, paged.definition.name)
  // The measures of a row with a page (a project's indicators) first: they are what its page shows.
  const indicators = await db.rows(`SELECT i.${key} AS id, i.${q(names.sv)} AS sv, i.${q(names.en)} AS en,
      i.${q(measures.measure!.unit)} AS measured, ${owner === undefined ? "NULL" : `i.${q(owner)}`} AS owner, v.n, v.m
    FROM ${from(measures.name)} i
    JOIN (SELECT ${q(f.measure)} AS id, count(*) AS n, count(DISTINCT ${q(f.place)}) AS m FROM ${from(values.name)} GROUP BY ALL) v
      ON v.id = i.${key}
    ORDER BY owner IS NULL, id LIMIT ${CHARTED_INDICATORS}`)
  if (indicators.length === 0) return []
  let tabled = 0
  const complete = new Set<string>()
  for (const i of indicators) {
    tabled += Number(i["n"])
    if (tabled <= TABLED_VALUES) complete.add(String(i["id"]))
  }
  const list = (ids: Iterable<string>) => [...ids].map(sqlString).join(", ") || "NULL"
  const [measure, place] = [q(f.measure), q(f.place)]
  // Every place of a measure tabled whole; of the others, the focus first, then by code.
  const points = await db.rows(`WITH kept AS (
      SELECT DISTINCT ${measure}, ${place} FROM ${from(values.name)}
      WHERE ${measure} IN (${list(indicators.map((i) => String(i["id"])))})
      QUALIFY ${measure} IN (${list(complete)}) OR row_number() OVER (
        PARTITION BY ${measure} ORDER BY ${place} IN (${list(focus.codes)}) DESC, ${place}) <= ${drawnCount(focus)})
    SELECT v.${measure} AS id, v.${place} AS code, m.${q(places.places!.name)} AS name, v.${q(f.year)} AS y,
      v.${q(f.value)} AS x, ${f.missing === undefined ? "NULL" : `v.${q(f.missing)}`} AS missing, t.file
    FROM ${from(values.name)} v JOIN kept USING (${measure}, ${place})
      JOIN ${from(places.name)} m ON m.${q(places.primaryKey[0]!)} = v.${place}
      JOIN ${from(provenance.name)} t ON ${values.primaryKey.map((k) => `t.${q(k)} = v.${q(k)}`).join(" AND ")}
    ORDER BY id, code, y`)
  const byIndicator = new Map<string, typeof points>()
  for (const p of points) {
    const id = String(p["id"])
    if (!byIndicator.has(id)) byIndicator.set(id, [])
    byIndicator.get(id)!.push(p)
  }
  return indicators.map((i) => {
    const id = String(i["id"])
    const mine = byIndicator.get(id) ?? []
    const series = new Map<string, Series & { points: Point[] }>()
    for (const p of mine) {
      const code = String(p["code"])
      const s = series.get(code) ?? { code, name: String(p["name"]), points: [] }
      s.points.push({
        year: Number(p["y"]),
        value: p["x"] === null ? null : Number(p["x"]),
        missing: (p["missing"] as string | null) ?? null,
      })
      series.set(code, s)
    }
    return {
      indicatorId: id,
      labelSv: String(i["sv"]),
      labelEn: String(i["en"]),
      measuredIn: String(i["measured"]),
      ofRow: (i["owner"] as string | null) ?? null,
      series: [...series.values()],
      placeCount: Number(i["m"]),
      complete: complete.has(id),
      deliveries: [...new Set(mine.map((x) => String(x["file"])))].sort(),
    }
  })
}
