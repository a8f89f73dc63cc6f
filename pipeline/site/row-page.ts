/**
 * The page of a row of a dataset with `rowPages` (a project): its names, summary, period and
 * facts; the rows of the datasets that refer to it, as each one's `onPage` says; the charts of
 * its measures, and the statistics of its places over its period. Pure.
 */
import type { DatasetDefinition } from "../../schemas/dataset.ts"
import type { PageFact, PageSection } from "../../schemas/row-pages.ts"
import { datasetPageFile } from "../contract/release-layout.ts"
import { deliveryLabel } from "../manifest/declared-delivery.ts"
import { indicatorFigure } from "./chart.ts"
import { bilingual, esc, page, table } from "./html.ts"
import { columnOf, fieldsHtml, isNumber, labelHtml, referredName } from "./page-cells.ts"
import { text, type IndicatorChart, type PagedDataset, type Row, type RowPage, type SiteFacts } from "./site-facts.ts"

/** The row's short name (an acronym), or its Swedish name, and its Swedish name. */
export const rowNames = (d: DatasetDefinition, row: Row): { readonly short: string; readonly title: string } => {
  const title = d.names === undefined ? "" : text(row[d.names.sv])
  const short = d.names?.short === undefined ? "" : text(row[d.names.short])
  return { short: short || title, title }
}

/** The row's period, from its first day to its last, where the dataset has one. */
export const periodOf = (
  d: DatasetDefinition,
  row: Row,
): { readonly start: string; readonly end: string } | undefined =>
  d.period === undefined || !("start" in d.period)
    ? undefined
    : { start: text(row[d.period.start]), end: text(row[d.period.end]) }

const factHtml = (d: DatasetDefinition, row: Row, f: PageFact): string => {
  if (row[f.field] === null || row[f.field] === undefined) return ""
  const beside = f.beside === undefined || row[f.beside.field] === null ? "" : fieldsHtml(d, row, [f.beside.field])
  const more = beside === "" ? "" : f.beside?.bracketed === true ? ` (${beside})` : `, ${beside}`
  return `<dt>${labelHtml(f.label)}</dt><dd>${fieldsHtml(d, row, [f.field])}${more}</dd>`
}

/** The activities' tree: each row under the one its parent field names, from the top. */
const tree = (
  rows: ReadonlyArray<Row>,
  show: Extract<PageSection["show"], { tree: unknown }>["tree"],
  key: string,
  parent: string | null,
): string => {
  const children = rows.filter((r) => (r[show.parent] ?? null) === parent)
  if (children.length === 0) return ""
  return `<ul>${children.map((r) => `<li><strong>${esc(text(r[key]))}. ${bilingual(text(r[show.label.sv]), text(r[show.label.en]))}</strong><br><span lang="sv">${esc(text(r[show.text]))}</span>${tree(rows, show, key, text(r[key]))}</li>`).join("")}</ul>`
}

/** A section of the page: the rows of a dataset that refer to the row, as its `onPage` says; nothing where it has none. */
export const sectionHtml = (paged: DatasetDefinition, d: DatasetDefinition, rows: ReadonlyArray<Row>): string => {
  const s = d.onPage
  if (s === undefined || rows.length === 0) return ""
  const heading = `<h2 id="${esc(s.anchor)}">${labelHtml(s.heading)}</h2>`
  if ("list" in s.show) {
    const { sv, en } = s.show.list
    return `${heading}\n<ul>${rows.map((r) => `<li>${bilingual(text(r[sv]), text(r[en]))}</li>`).join("")}</ul>`
  }
  if ("tree" in s.show) {
    // A row's key among the row's others: its key beside the field that refers to the page's row.
    const own = d.primaryKey.find(
      (k) => !d.foreignKeys.some((fk) => fk.reference.dataset === paged.name && fk.fields.includes(k)),
    )
    return `${heading}\n${tree(rows, s.show.tree, own ?? d.primaryKey.at(-1)!, null)}`
  }
  const { columns } = s.show
  const cell = (r: Row, c: (typeof columns)[number]) =>
    c.as === "name"
      ? esc(text(r[referredName(c.fields[0]!)]))
      : c.as === "code"
        ? `<code>${esc(text(r[c.fields[0]!]))}</code>`
        : fieldsHtml(d, r, c.fields)
  return `${heading}\n${table({
    caption: esc(s.show.table),
    head: columns.map((c) => labelHtml(c.label)),
    rows: rows.map((r) => columns.map((c) => cell(r, c))),
    numeric: columns.flatMap((c, i) => (c.as === undefined && isNumber(columnOf(d, c.fields[0]!)) ? [i] : [])),
  })}`
}

/** What the deliveries of a row's measures' values say of them: where they come from, and why values are missing. */
const aboutValues = (facts: SiteFacts, charts: ReadonlyArray<IndicatorChart>): string => {
  const files = new Set(charts.flatMap((c) => c.deliveries))
  const described = facts.datasets
    .flatMap((d) => d.deliveries)
    .filter((d, i, all) => files.has(d.file) && all.findIndex((x) => x.file === d.file) === i)
  if (described.length === 0) return ""
  return `<p>Värdena kommer från <span lang="en" class="en">The values come from</span>:</p>
<ul>${described.map((d) => `<li><code>${esc(d.file)}</code> <span lang="en">(${esc(deliveryLabel(d))})${d.description === undefined ? "" : `: ${esc(d.description)}`}</span></li>`).join("")}</ul>`
}

/**
 * The statistics that are no row's (population, employment) for the row's places, from the year
 * before its period to the year after, where there are values.
 */
const context = (facts: SiteFacts, paged: DatasetDefinition, info: RowPage): string => {
  const period = periodOf(paged, info.row)
  if (period === undefined) return ""
  const codes = new Set(info.places)
  const first = Number(period.start.slice(0, 4)) - 1
  const last = Number(period.end.slice(0, 4)) + 1
  const figures = facts.charts
    .filter((c) => c.ofRow === null)
    .map((c) => ({
      chart: c,
      series: c.series
        .filter((s) => codes.has(s.code))
        .map((s) => ({ ...s, points: s.points.filter((x) => x.year >= first && x.year <= last) }))
        .filter((s) => s.points.length > 0),
    }))
    .filter((f) => f.series.length > 0)
  if (figures.length === 0) return ""
  const { called } = facts.focus
  return `<h2 id="context">Statistik för projektets ${esc(called.sv)} <span lang="en" class="en">Statistics of the project's ${esc(called.en)}</span></h2>
<p>Från året före projektet till året efter (${first}–${last}), de år som har värden. <span lang="en">From the year before the project to the year after (${first}–${last}), the years that have values.</span></p>
${figures.map((f) => indicatorFigure({ id: `context-${f.chart.indicatorId}`, labelSv: f.chart.labelSv, labelEn: f.chart.labelEn, measuredIn: f.chart.measuredIn, series: f.series })).join("\n")}`
}

export const rowPage = (facts: SiteFacts, paged: PagedDataset, info: RowPage): string => {
  const d = paged.definition
  const declared = d.rowPages!
  const p = info.row
  const root = "../"
  const { short, title } = rowNames(d, p)
  const en = d.names === undefined ? null : (p[d.names.en] ?? null)
  const summary = (lang: "sv" | "en") => {
    const field = declared.summary?.[lang]
    return field === undefined || p[field] === null ? "" : `<p lang="${lang}">${esc(text(p[field]))}</p>`
  }
  const period = periodOf(d, p)
  const charts = facts.charts.filter((c) => c.ofRow === info.key)
  const measures = facts.datasets.find((x) => x.definition.measure !== undefined)?.definition.name ?? "charts"
  const body = `<h1>${esc(short === title ? title : `${short}: ${title}`)}${en === null ? "" : ` <span lang="en" class="en">${esc(text(en))}</span>`}</h1>
${summary("sv")}
${summary("en")}
<dl class="facts">
${[
  ...(period === undefined ? [] : [`<dt>Period</dt><dd>${esc(period.start)} – ${esc(period.end)}</dd>`]),
  ...declared.facts.map((f) => factHtml(d, p, f)),
]
  .filter((x) => x !== "")
  .join("\n")}
</dl>
${info.sections
  .map((s) => sectionHtml(d, s.definition, s.rows))
  .filter((x) => x !== "")
  .join("\n")}
${
  charts.length === 0
    ? ""
    : `<h2 id="${esc(measures)}">Indikatorer <span lang="en" class="en">Indicators</span></h2>
${aboutValues(facts, charts)}
${charts.map((c) => indicatorFigure({ id: `chart-${c.indicatorId}`, labelSv: c.labelSv, labelEn: c.labelEn, measuredIn: c.measuredIn, series: c.series })).join("\n")}`
}
${context(facts, d, info)}
<p><a href="${root}${esc(datasetPageFile(d.name))}">${esc(declared.all.sv)} <span lang="en" class="en">(${esc(declared.all.en)})</span></a></p>`
  return page({
    site: facts.publication.title,
    title: `${short} – ${facts.publication.title.sv}`,
    root,
    body,
    description: (declared.summary === undefined ? "" : text(p[declared.summary.sv])) || title,
    catalogue: facts.catalogue,
  })
}
