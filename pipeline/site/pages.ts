/**
 * The pages of the site, written from the definitions and the facts of the release: the front
 * page, a page per dataset and a page per project that has more than its register row. Pure.
 */
import type { DatasetDefinition } from "../../schemas/dataset.ts"
import { columnsOf } from "../../schemas/derive/columns.ts"
import { citationOf, creatorsOf } from "../catalog/citation.ts"
import { LICENCES, type Licence } from "../catalog/licences.ts"
import { publisherName, type Publication } from "../catalog/publication.ts"
import { deliveryLabel, howText, standingText, type DeclaredDelivery } from "../manifest/declared-delivery.ts"
import { formatNumber, indicatorFigure, missingText, type Series } from "./chart.ts"
import { bilingual, bytes, esc, markdown, page, table } from "./html.ts"

export interface FileInfo {
  readonly path: string
  readonly bytes: number
  readonly sha256: string
}

export interface DatasetInfo {
  readonly definition: DatasetDefinition
  readonly rows: number
  readonly licence: Licence
  /** The deliveries that feed it, current and not, current first. */
  readonly deliveries: ReadonlyArray<DeclaredDelivery>
  readonly files: ReadonlyArray<FileInfo>
  readonly preview: ReadonlyArray<Record<string, unknown>>
}

export interface IndicatorChart {
  readonly indicatorId: string
  readonly labelSv: string
  readonly labelEn: string
  readonly unit: string
  readonly projectId: string | null
  readonly series: ReadonlyArray<Series>
  /** The deliveries its values come from. */
  readonly deliveries: ReadonlyArray<string>
}

export type Row = Record<string, unknown>

export interface ProjectInfo {
  readonly project: Row
  readonly municipalities: ReadonlyArray<Row>
  readonly funders: ReadonlyArray<Row>
  readonly activities: ReadonlyArray<Row>
  readonly goals: ReadonlyArray<Row>
  readonly targetGroups: ReadonlyArray<Row>
}

export interface SiteFacts {
  readonly publication: Publication
  readonly version: string
  /** The release's date: the latest day a current delivery was received. */
  readonly date: string
  readonly licence: Licence
  readonly datasets: ReadonlyArray<DatasetInfo>
  readonly charts: ReadonlyArray<IndicatorChart>
  readonly projects: ReadonlyArray<ProjectInfo>
  readonly changelog: string
  /** Metadata files of the release, linked from the front page. */
  readonly metadataFiles: ReadonlyArray<FileInfo>
}

const licenceLink = (l: Licence) => `<a href="${LICENCES[l].path}">${esc(LICENCES[l].title)}</a> (${l})`
const text = (v: unknown) => (v === null || v === undefined ? "" : String(v))
const sek = (v: unknown) => (v === null || v === undefined ? "" : `${formatNumber(Number(v))} kr`)

const loading = (p: Publication, d: DatasetDefinition, root: string) => {
  const file = p.baseUrl === undefined ? `${d.name}.parquet` : `${p.baseUrl}data/${d.name}.parquet`
  return `<h2 id="load">Läs in data <span lang="en" class="en">Load it</span></h2>
<p>Parquet-filen med typade kolumner, i pandas, R och DuckDB${p.baseUrl === undefined ? ` (efter nedladdning av <a href="${root}data/${d.name}.parquet">${esc(d.name)}.parquet</a>)` : ""}:</p>
<pre lang="en"><code>import pandas as pd
df = pd.read_parquet("${esc(file)}")</code></pre>
<pre lang="en"><code>df &lt;- arrow::read_parquet("${esc(file)}")</code></pre>
<pre lang="en"><code>SELECT * FROM '${esc(file)}';</code></pre>`
}

const downloads = (files: ReadonlyArray<FileInfo>, root: string, caption: string) =>
  table({
    caption,
    head: ["Fil <span lang=\"en\" class=\"en\">File</span>", "Storlek <span lang=\"en\" class=\"en\">Size</span>", "SHA-256"],
    rows: files.map((f) => [`<a href="${root}${esc(f.path)}" data-sha256="${f.sha256}">${esc(f.path)}</a>`, esc(bytes(f.bytes)), `<code>${f.sha256}</code>`]),
    numeric: [1],
  })

/** A preview cell: a missing value says why, never shows as 0. */
const previewCell = (row: Row, column: ReturnType<typeof columnsOf>[number]) => {
  const v = row[column.name]
  if (v !== null && v !== undefined) return esc(typeof v === "number" ? formatNumber(v) : String(v))
  const status = column.missingLabelField === undefined ? null : (row[column.missingLabelField] as string | null)
  return `<span class="missing">${esc(column.missingLabelField === undefined ? "tomt (empty)" : missingText(status))}</span>`
}

export const datasetPage = (facts: SiteFacts, d: DatasetInfo): string => {
  const def = d.definition
  const root = "../"
  const columns = columnsOf(def)
  const charts = def.name === "indicator_values" ? facts.charts : []
  const body = `<h1>${bilingual(def.title.sv, def.title.en)}</h1>
<p lang="sv">${esc(def.description.sv)}</p>
<p lang="en">${esc(def.description.en)}</p>
<dl class="facts">
<dt>Version</dt><dd>${esc(facts.version)}</dd>
<dt>Rader <span lang="en" class="en">Rows</span></dt><dd>${esc(formatNumber(d.rows))}</dd>
<dt>Licens <span lang="en" class="en">Licence</span></dt><dd>${licenceLink(d.licence)}</dd>
<dt>Nyckel <span lang="en" class="en">Key</span></dt><dd>${def.primaryKey.map((k) => `<code>${esc(k)}</code>`).join(", ")}</dd>
</dl>
<h2 id="sources">Källor <span lang="en" class="en">Sources</span></h2>
${def.fromManifest === true ? "<p>Gjord av förrådets manifest, <code>raw/manifest.json</code>: en rad per leverans. <span lang=\"en\">Made from the repository's manifest, <code>raw/manifest.json</code>: one row per delivery.</span></p>" : d.deliveries.length === 0 ? "<p>Ingen leverans i denna version. <span lang=\"en\">No delivery in this release.</span></p>" : `<p>Gällande leveranser publiceras; ersatta och återkallade ligger kvar i <code>raw/</code> som historik. <span lang="en">Current deliveries are published; superseded and withdrawn ones stay in <code>raw/</code> as history.</span></p>
${table({
  caption: "Leveranser som datamängden bygger på eller har byggt på",
  head: ["Leverans <span lang=\"en\" class=\"en\">Delivery</span>", "Tillkomst <span lang=\"en\" class=\"en\">How it came to be</span>", "Utgivare <span lang=\"en\" class=\"en\">Publisher</span>", "Mottagen <span lang=\"en\" class=\"en\">Received</span>", "Status", "Licens"],
  rows: d.deliveries.map((x) => [`<code>${esc(x.file)}</code>`, `<span lang="en">${esc(howText(x))}</span>`, esc(x.publisher), esc(x.received), `<span lang="en">${standingText(x, (f) => `<code>${esc(f)}</code>`, esc)}</span>`, esc(x.licence)]),
})}`}
<h2 id="downloads">Ladda ned <span lang="en" class="en">Download</span></h2>
${downloads(d.files, root, "Filer med storlek och SHA-256")}
<h2 id="fields">Fält <span lang="en" class="en">Fields</span></h2>
${table({
  caption: `Fälten i ${esc(def.name)}`,
  head: ["Fält", "Typ", "Enhet", "Får vara tomt", "Beskrivning", "<span lang=\"en\">Description</span>"],
  rows: columns.map((c) => [`<code>${esc(c.name)}</code>`, esc(c.type.toLowerCase()) + (c.enum === undefined ? "" : `: ${c.enum.map((v) => `<code>${esc(v)}</code>`).join(", ")}`), esc(c.unit ?? ""), c.nullable ? "ja" : "nej", esc(c.descriptionSv), `<span lang="en">${esc(c.description)}</span>`]),
})}
<h2 id="preview">De första raderna <span lang="en" class="en">The first rows</span></h2>
${d.preview.length === 0 ? "<p>Datamängden är tom i denna version. <span lang=\"en\">The dataset is empty in this release.</span></p>" : table({
  caption: `De första ${d.preview.length} raderna av ${esc(formatNumber(d.rows))}`,
  head: columns.map((c) => `<code>${esc(c.name)}</code>`),
  rows: d.preview.map((r) => columns.map((c) => previewCell(r, c))),
})}
${charts.length === 0 ? "" : `<h2 id="charts">Diagram <span lang="en" class="en">Charts</span></h2>
<p>Värden per kommun och år. Ett saknat värde visas som saknat med sin orsak, aldrig som noll. <span lang="en">Values per municipality and year. A missing value shows as missing, with its reason, never as zero.</span></p>
${charts.map((c) => indicatorFigure({ id: `chart-${c.indicatorId}`, labelSv: c.labelSv, labelEn: c.labelEn, unit: c.unit, series: c.series })).join("\n")}`}
<h2 id="cite">Citera <span lang="en" class="en">How to cite</span></h2>
<blockquote><p>${esc(citationOf({ publication: facts.publication, version: facts.version, date: facts.date, dataset: def, creators: def.fromManifest === true ? [] : creatorsOf(d.deliveries.filter((x) => x.status === "current")) }))}</p></blockquote>
${loading(facts.publication, def, root)}
<p><a href="${root}data/${esc(def.name)}.md">Kodbok <span lang="en" class="en">(codebook)</span></a> · <a href="${root}index.html#changes">Ändringar <span lang="en" class="en">(changes)</span></a></p>`
  return page({ title: `${def.title.sv} – ${facts.publication.title.sv}`, root, body, description: def.description.sv })
}

const activityTree = (activities: ReadonlyArray<Row>, parent: string | null): string => {
  const children = activities.filter((a) => (a["parent_activity_id"] ?? null) === parent)
  if (children.length === 0) return ""
  return `<ul>${children.map((a) => `<li><strong>${esc(text(a["activity_id"]))}. ${bilingual(text(a["label_sv"]), text(a["label_en"]))}</strong><br><span lang="sv">${esc(text(a["description_sv"]))}</span>${activityTree(activities, text(a["activity_id"]))}</li>`).join("")}</ul>`
}

/** What the deliveries of a project's indicator values say of them: where they come from, and why values are missing. */
const aboutValues = (facts: SiteFacts, charts: ReadonlyArray<IndicatorChart>): string => {
  const files = new Set(charts.flatMap((c) => c.deliveries))
  const described = facts.datasets.flatMap((d) => d.deliveries).filter((d, i, all) => files.has(d.file) && all.findIndex((x) => x.file === d.file) === i)
  if (described.length === 0) return ""
  return `<p>Värdena kommer från <span lang="en" class="en">The values come from</span>:</p>
<ul>${described.map((d) => `<li><code>${esc(d.file)}</code> <span lang="en">(${esc(deliveryLabel(d))})${d.description === undefined ? "" : `: ${esc(d.description)}`}</span></li>`).join("")}</ul>`
}

export const projectPage = (facts: SiteFacts, info: ProjectInfo): string => {
  const p = info.project
  const root = "../"
  const id = text(p["project_id"])
  const title = text(p["title_sv"])
  const charts = facts.charts.filter((c) => c.projectId === id)
  const roleSv: Record<string, string> = { participant: "deltagare", regional_centre: "regionens centralort", project_area: "omfattas enligt registret" }
  const body = `<h1>${esc(text(p["acronym"]) === "" ? title : `${text(p["acronym"])}: ${title}`)}${p["title_en"] === null ? "" : ` <span lang="en" class="en">${esc(text(p["title_en"]))}</span>`}</h1>
${p["summary_sv"] === null ? "" : `<p lang="sv">${esc(text(p["summary_sv"]))}</p>`}
${p["summary_en"] === null ? "" : `<p lang="en">${esc(text(p["summary_en"]))}</p>`}
<dl class="facts">
<dt>Period</dt><dd>${esc(text(p["start_date"]))} – ${esc(text(p["end_date"]))}</dd>
<dt>Status</dt><dd>${esc(text(p["status"]))}</dd>
<dt>Projektägare <span lang="en" class="en">Lead</span></dt><dd>${esc(text(p["lead_organisation"]))}</dd>
<dt>Program</dt><dd>${esc(text(p["programme"]))}${p["programme_area"] === null ? "" : `, ${esc(text(p["programme_area"]))}`}</dd>
<dt>Fond <span lang="en" class="en">Fund</span></dt><dd>${esc(text(p["fund"]))}</dd>
<dt>Beviljat EU-stöd <span lang="en" class="en">EU funds granted</span></dt><dd>${esc(sek(p["eu_funds_granted_sek"]))}</dd>
<dt>Nationell offentlig medfinansiering <span lang="en" class="en">National co-financing</span></dt><dd>${esc(sek(p["national_public_funding_sek"]))}</dd>
${p["eu_funds_paid_sek"] === null ? "" : `<dt>Utbetalt EU-stöd <span lang="en" class="en">EU funds paid</span></dt><dd>${esc(sek(p["eu_funds_paid_sek"]))} (${esc(text(p["eu_funds_paid_date"]))})</dd>`}
${p["tillvaxtverket_case_id"] === null ? "" : `<dt>Ärende i Projektbanken <span lang="en" class="en">Case</span></dt><dd>${esc(text(p["tillvaxtverket_case_id"]))}</dd>`}
</dl>
<h2 id="municipalities">Kommuner <span lang="en" class="en">Municipalities</span></h2>
${table({
  caption: "Kommunerna i projektet",
  head: ["Kommun", "Kommunkod", "Roll <span lang=\"en\" class=\"en\">Role</span>", "Projektägare"],
  rows: info.municipalities.map((m) => [esc(text(m["municipality_name"])), `<code>${esc(text(m["municipality_code"]))}</code>`, `${esc(roleSv[text(m["role"])] ?? text(m["role"]))} <span lang="en" class="en">(${esc(text(m["role"]))})</span>`, m["lead_beneficiary"] === true ? "ja" : m["lead_beneficiary"] === false ? "nej" : "uppgift saknas"]),
})}
<h2 id="funding">Finansiering <span lang="en" class="en">Funding</span></h2>
${table({
  caption: "Finansiärer och belopp",
  head: ["Finansiär", "Typ", "Belopp <span lang=\"en\" class=\"en\">Amount</span>"],
  rows: info.funders.map((f) => [esc(text(f["funder_name"])), esc(text(f["funder_type"])), f["amount_sek"] !== null ? esc(sek(f["amount_sek"])) : f["amount_eur"] !== null ? `${esc(formatNumber(Number(f["amount_eur"])))} €` : `<span class="missing">${esc(missingText(f["amount_status"] as string | null))}</span>`]),
  numeric: [2],
})}
${info.goals.length === 0 ? "" : `<h2 id="goals">Syfte och mål <span lang="en" class="en">Purpose and goals</span></h2>
<ul>${info.goals.map((g) => `<li>${bilingual(text(g["text_sv"]), text(g["text_en"]))}</li>`).join("")}</ul>`}
${info.targetGroups.length === 0 ? "" : `<h2 id="target-groups">Målgrupper <span lang="en" class="en">Target groups</span></h2>
<ul>${info.targetGroups.map((g) => `<li>${bilingual(text(g["label_sv"]), text(g["label_en"]))}</li>`).join("")}</ul>`}
${info.activities.length === 0 ? "" : `<h2 id="activities">Aktiviteter <span lang="en" class="en">Activities</span></h2>
${activityTree(info.activities, null)}`}
${charts.length === 0 ? "" : `<h2 id="indicators">Indikatorer <span lang="en" class="en">Indicators</span></h2>
${aboutValues(facts, charts)}
${charts.map((c) => indicatorFigure({ id: `chart-${c.indicatorId}`, labelSv: c.labelSv, labelEn: c.labelEn, unit: c.unit, series: c.series })).join("\n")}`}
<p><a href="${root}datasets/projects.html">Alla projekt <span lang="en" class="en">(all projects)</span></a></p>`
  return page({ title: `${text(p["acronym"]) || title} – ${facts.publication.title.sv}`, root, body, description: text(p["summary_sv"]) || title })
}

export const indexPage = (facts: SiteFacts): string => {
  const p = facts.publication
  const body = `<h1>${bilingual(p.title.sv, p.title.en)}</h1>
<p lang="sv">${esc(p.description.sv)}</p>
<p lang="en">${esc(p.description.en)}</p>
<dl class="facts">
<dt>Version</dt><dd>${esc(facts.version)}</dd>
<dt>Utgivare <span lang="en" class="en">Publisher</span></dt><dd>${p.publisher === undefined ? `<span lang="en">${esc(publisherName(p))}</span> (ingen utgivare angiven i <code>publication.json</code>)` : esc(p.publisher.name)}</dd>
<dt>Licens <span lang="en" class="en">Licence</span></dt><dd>${licenceLink(facts.licence)}</dd>
</dl>
<h2 id="datasets">Datamängder <span lang="en" class="en">Datasets</span></h2>
${table({
  caption: "Datamängderna i denna version",
  head: ["Datamängd <span lang=\"en\" class=\"en\">Dataset</span>", "Beskrivning", "Rader <span lang=\"en\" class=\"en\">Rows</span>"],
  rows: facts.datasets.map((d) => [`<a href="datasets/${esc(d.definition.name)}.html">${esc(d.definition.title.sv)}</a> <span lang="en" class="en">${esc(d.definition.title.en)}</span>`, `<span lang="sv">${esc(d.definition.description.sv)}</span>`, esc(formatNumber(d.rows))]),
  numeric: [2],
})}
${facts.projects.length === 0 ? "" : `<h2 id="projects">Projekt <span lang="en" class="en">Projects</span></h2>
<ul>${facts.projects.map((x) => `<li><a href="projects/${esc(text(x.project["project_id"]))}.html">${esc(text(x.project["acronym"]) || text(x.project["title_sv"]))}: ${esc(text(x.project["title_sv"]))}</a> (${esc(text(x.project["start_date"]))} – ${esc(text(x.project["end_date"]))})</li>`).join("")}</ul>`}
<h2 id="metadata">Metadata och kontroll <span lang="en" class="en">Metadata and checks</span></h2>
${downloads(facts.metadataFiles, "", "Metadatafiler med storlek och SHA-256")}
<h2 id="cite">Citera <span lang="en" class="en">How to cite</span></h2>
<blockquote><p>${esc(citationOf({ publication: p, version: facts.version, date: facts.date, creators: creatorsOf(facts.datasets.flatMap((x) => x.deliveries.filter((y) => y.status === "current"))) }))}</p></blockquote>
<section id="changes" aria-labelledby="changes-heading">
<h2 id="changes-heading">Ändringar <span lang="en" class="en">Changes</span></h2>
${markdown(facts.changelog.replace(/^# Changes\n/u, ""), 1)}
</section>`
  return page({ title: p.title.sv, root: "", body, description: p.description.sv })
}
