/** The page of a dataset: what it is, its deliveries, downloads, fields, a preview, citation and loading. Pure. */
import type { DatasetDefinition } from "../../schemas/dataset.ts"
import { columnsOf } from "../../schemas/derive/columns.ts"
import { supportedBy, supportingOf } from "../../schemas/derive/supporting.ts"
import type { Place } from "../catalog/coverage.ts"
import { citationOf, creatorsOf } from "../catalog/citation.ts"
import { TYPE_WORDS } from "../catalog/codebook.ts"
import { FORMAT_NAMES, loadSnippets, type Snippet } from "../catalog/load-snippets.ts"
import { wideSnippets } from "../catalog/wide-snippets.ts"
import { foreignKeyJoins, joinSnippets } from "../catalog/join-snippets.ts"
import { deliveryUrl, fileAddress, type Publication } from "../catalog/publication.ts"
import { howText, isPublished, standingText } from "../manifest/declared-delivery.ts"
import {
  dataFile,
  datasetPageFile,
  type DataFormat,
  hasWorkbook,
  readAlone,
  WORKBOOK_ROWS,
} from "../contract/release-layout.ts"
import { formatNumber, indicatorFigure, missingText } from "./chart.ts"
import { drawnSeries } from "./chart-data.ts"
import { bilingual, esc, page, table } from "./html.ts"

import { downloads, termsHtml, type DatasetInfo, type IndicatorChart, type Row, type SiteFacts } from "./site-facts.ts"

const block = (s: Snippet) => `<p>${esc(s.tool)}:</p>\n<pre lang="en" tabindex="0"><code>${esc(s.code)}</code></pre>`

/** The joins with the datasets its keys refer to, as the codebook gives them. */
const joining = (p: Publication, d: DatasetDefinition, datasets: ReadonlyArray<DatasetDefinition>) => {
  const file = (name: string, ext: DataFormat) => fileAddress(p, name, ext)
  const joins = foreignKeyJoins(d, datasets)
  return joins.length === 0
    ? ""
    : `<h2 id="join">Koppla <span lang="en" class="en">Join it</span></h2>
<p>Två datamängder har inga fält gemensamt utom nycklar: en koppling på nyckeln är också vad pandas <code>merge</code>, dplyr och DuckDB:s <code>NATURAL JOIN</code> gör utan angivna fält. <span lang="en">Two datasets share no field but a key: a join on the key is also what pandas' <code>merge</code>, dplyr and DuckDB's <code>NATURAL JOIN</code> do when no field is named.</span></p>
${joins.map((j) => `<h3><a href="${esc(j.dataset.name)}.html">${esc(j.dataset.name)}</a>: <code>${esc(j.on.join(", "))}</code></h3>\n${joinSnippets(d, [j], file).map(block).join("\n")}`).join("\n")}`
}

const loading = (
  p: Publication,
  d: DatasetDefinition,
  datasets: ReadonlyArray<DatasetDefinition>,
  root: string,
  workbook: boolean,
) => {
  const file = (name: string, ext: DataFormat) => fileAddress(p, name, ext)
  const snippets = loadSnippets(d, (ext) => file(d.name, ext), workbook)
  const pivot =
    d.wide === undefined
      ? ""
      : `\n<h3>${esc(d.wide.title.sv)} <span lang="en" class="en">${esc(d.wide.title.en)}</span></h3>\n${wideSnippets(d, datasets, file).map(block).join("\n")}`
  return `<h2 id="load">Läs in data <span lang="en" class="en">Load it</span></h2>
<p>Med typerna angivna: koder som text, heltal som heltal, datum som datum, saknade värden som NA${p.baseUrl === undefined ? ` (efter nedladdning av <a href="${root}${esc(dataFile(d.name, "csv"))}">${esc(d.name)}.csv</a>, .json eller .parquet)` : ""}.</p>
${(["csv", "json", "parquet", "xlsx"] as const)
  .filter((f) => snippets.some((s) => s.format === f))
  .map(
    (f) =>
      `<h3>${FORMAT_NAMES[f]}</h3>\n${snippets
        .filter((s) => s.format === f)
        .map(block)
        .join("\n")}`,
  )
  .join("\n")}${pivot}`
}

/** A preview cell: a missing value says why, never shows as 0. */
const previewCell = (row: Row, column: ReturnType<typeof columnsOf>[number]) => {
  const v = row[column.name]
  if (v !== null && v !== undefined) return esc(typeof v === "number" ? formatNumber(v) : String(v))
  const status = column.missingLabelField === undefined ? null : (row[column.missingLabelField] as string | null)
  return `<span class="missing">${esc(column.missingLabelField === undefined ? "tomt (empty)" : missingText(status))}</span>`
}

/**
 * An indicator's figure on the dataset's page: the municipalities the site is about drawn (or
 * the first by code, where it has none of them), and every municipality's values in its table.
 */
const focusedFigure = (facts: SiteFacts, c: IndicatorChart): string => {
  const { series: drawn, because: why } = drawnSeries(c, facts.focus)
  const [n, all] = [drawn.length, c.placeCount]
  const where = c.complete
    ? { sv: "Alla finns i tabellen under diagrammen.", en: "all are in the table below them" }
    : {
        sv: `Alla finns i datamängdens filer (${c.series.length} i tabellen under diagrammen).`,
        en: `all are in the dataset's files (${c.series.length} in the table below them)`,
      }
  const note =
    n === all
      ? undefined
      : `Diagrammen visar ${n} av ${all} ${esc(facts.focus.called.sv)} med värden, ${esc(why.sv)}: ${esc(drawn.map((s) => s.name).join(", "))}. ${where.sv} <span lang="en">The charts show ${n} of the ${all} ${esc(facts.focus.called.en)} with values, ${esc(why.en)}; ${where.en}.</span>`
  return indicatorFigure({
    id: `chart-${c.indicatorId}`,
    labelSv: c.labelSv,
    labelEn: c.labelEn,
    measuredIn: c.measuredIn,
    series: drawn,
    table: [...drawn, ...c.series.filter((s) => !drawn.includes(s))],
    ...(note === undefined ? {} : { note }),
  })
}

/** The period and places a dataset covers, and the supporting tables it is linked to (or supports), as entries of its facts. */
const coverageFacts = (facts: SiteFacts, d: DatasetInfo, root: string): string => {
  const { temporal, places } = d.coverage
  const definitions = facts.datasets.map((x) => x.definition)
  const linked = (xs: ReadonlyArray<DatasetDefinition>) =>
    xs.map((x) => `<a href="${root}${esc(datasetPageFile(x.name))}">${esc(x.title.sv)}</a>`).join(", ")
  const place = (p: Place) =>
    `<a href="${root}${esc(datasetPageFile(p.dataset))}#place-${esc(p.key)}">${esc(p.name)}</a>`
  const supporting = supportingOf(d.definition, definitions)
  return [
    temporal === undefined
      ? ""
      : `<dt>Period <span lang="en" class="en">Period covered</span></dt><dd id="temporal">${esc(temporal.start)} – ${esc(temporal.end)}</dd>`,
    places.length === 0
      ? ""
      : `<dt>Områden <span lang="en" class="en">Places</span></dt><dd id="spatial">${places.map(place).join(", ")}</dd>`,
    d.definition.supporting === true
      ? `<dt>Stödtabell till <span lang="en" class="en">Supporting table of</span></dt><dd>${linked(supportedBy(d.definition, definitions))}</dd>`
      : "",
    supporting.length === 0
      ? ""
      : `<dt>Stödtabeller <span lang="en" class="en">Supporting tables</span></dt><dd>${linked(supporting)}</dd>`,
  ]
    .filter((x) => x !== "")
    .join("\n")
}

export const datasetPage = (facts: SiteFacts, d: DatasetInfo): string => {
  const def = d.definition
  // A delivery links to its file in the repository at the release's tag, where one is configured.
  const fileCell = (file: string) => {
    const url = deliveryUrl(facts.publication, facts.version, file)
    return url === undefined ? `<code>${esc(file)}</code>` : `<a href="${esc(url)}"><code>${esc(file)}</code></a>`
  }
  const root = "../"
  const columns = columnsOf(def)
  const charts = def.chart !== undefined ? facts.charts : []
  const definitions = facts.datasets.map((x) => x.definition)
  const provenance = definitions.find((x) => x.provenanceOf === def.name)?.name
  const body = `<h1 id="dataset">${bilingual(def.title.sv, def.title.en)}</h1>
<p lang="sv">${esc(def.description.sv)}</p>
<p lang="en">${esc(def.description.en)}</p>
<dl class="facts">
<dt>Version</dt><dd>${esc(facts.version)}</dd>
<dt>Rader <span lang="en" class="en">Rows</span></dt><dd>${esc(formatNumber(d.rows))}</dd>
<dt>Licens <span lang="en" class="en">Licence</span></dt><dd>${termsHtml(d.terms)}</dd>
<dt>Nyckel <span lang="en" class="en">Key</span></dt><dd>${def.primaryKey.map((k) => `<code>${esc(k)}</code>`).join(", ")}</dd>
${coverageFacts(facts, d, root)}
${provenance === undefined ? "" : `<dt id="provenance">Radernas ursprung <span lang="en" class="en">Where each row comes from</span></dt><dd><a href="${esc(provenance)}.html">${esc(provenance)}</a>: nyckel, leveransens fil och rad <span lang="en" class="en">key, the delivery's file and line</span></dd>\n`}</dl>
<h2 id="sources">Källor <span lang="en" class="en">Sources</span></h2>
${
  def.fromManifest === true
    ? '<p>Gjord av förrådets manifest, <code>raw/manifest.json</code>: en rad per leverans. <span lang="en">Made from the repository\'s manifest, <code>raw/manifest.json</code>: one row per delivery.</span></p>'
    : d.deliveries.length === 0
      ? '<p>Ingen leverans i denna version. <span lang="en">No delivery in this release.</span></p>'
      : `<p>Gällande leveranser publiceras; ersatta och återkallade ligger kvar i <code>raw/</code> som historik. <span lang="en">Current deliveries are published; superseded and withdrawn ones stay in <code>raw/</code> as history.</span></p>
${table({
  caption: "Leveranser som datamängden bygger på eller har byggt på",
  head: [
    'Leverans <span lang="en" class="en">Delivery</span>',
    'Tillkomst <span lang="en" class="en">How it came to be</span>',
    'Utgivare <span lang="en" class="en">Publisher</span>',
    'Data per <span lang="en" class="en">Data as of</span>',
    'Hämtad <span lang="en" class="en">Retrieved</span>',
    'Inlagd <span lang="en" class="en">Filed</span>',
    "Status",
    "Licens",
  ],
  rows: d.deliveries.map((x) => [
    fileCell(x.file),
    `<span lang="en">${howText(x, { text: esc, url: esc })}</span>`,
    esc(x.publisher),
    esc(x.asOf ?? "okänt"),
    esc(x.retrieved ?? "okänt"),
    esc(x.received),
    `<span lang="en">${standingText(x, (f) => `<code>${esc(f)}</code>`, esc)}</span>`,
    x.licence === null ? 'ingen angiven <span lang="en" class="en">none stated</span>' : esc(x.licence),
  ]),
})}`
}
<h2 id="downloads">Ladda ned <span lang="en" class="en">Download</span></h2>
${downloads(d.files, root, "Filer med storlek och SHA-256")}${
  !readAlone(def) || hasWorkbook(d.rows)
    ? ""
    : `
<p>Ingen Excel-fil: ett kalkylblad är inte verktyget för fler än ${formatNumber(WORKBOOK_ROWS)} rader. Öppna CSV-filen, eller snabbare Parquet-filen, med pandas, R eller DuckDB. <span lang="en">No workbook: a spreadsheet is not the tool for more than ${WORKBOOK_ROWS.toLocaleString("en")} rows. Open the CSV file or, faster, the Parquet file with pandas, R or DuckDB.</span></p>`
}
<h2 id="fields">Fält <span lang="en" class="en">Fields</span></h2>
${table({
  caption: `Fälten i ${esc(def.name)}`,
  head: ["Fält", "Typ", "Enhet", "Får vara tomt", "Beskrivning", '<span lang="en">Description</span>'],
  rows: columns.map((c) => [
    `<code>${esc(c.name)}</code>`,
    esc(TYPE_WORDS[c.type]) +
      (c.enum === undefined ? "" : `: ${c.enum.map((v) => `<code>${esc(v)}</code>`).join(", ")}`),
    esc(c.unit ?? ""),
    c.nullable ? "ja" : "nej",
    esc(c.descriptionSv),
    `<span lang="en">${esc(c.description)}</span>`,
  ]),
})}
${
  d.places.length === 0
    ? ""
    : `<h2 id="places">Förteckning <span lang="en" class="en">List</span></h2>
${table({
  caption: `${esc(def.title.sv)}: alla ${esc(formatNumber(d.places.length))}`,
  head: ["Kod", 'Namn <span lang="en" class="en">Name</span>'],
  rows: d.places.map((p) => [`<code id="place-${esc(p.key)}">${esc(p.key)}</code>`, esc(p.name)]),
})}`
}
<h2 id="preview">De första raderna <span lang="en" class="en">The first rows</span></h2>
${
  d.preview.length === 0
    ? '<p>Datamängden är tom i denna version. <span lang="en">The dataset is empty in this release.</span></p>'
    : table({
        caption: `De första ${d.preview.length} raderna av ${esc(formatNumber(d.rows))}`,
        head: columns.map((c) => `<code>${esc(c.name)}</code>`),
        rows: d.preview.map((r) => columns.map((c) => previewCell(r, c))),
      })
}
${
  charts.length === 0
    ? ""
    : `<h2 id="charts">Diagram <span lang="en" class="en">Charts</span></h2>
<p>Värden per kommun och år. Ett saknat värde visas som saknat med sin orsak, aldrig som noll. <span lang="en">Values per municipality and year. A missing value shows as missing, with its reason, never as zero.</span></p>
${charts.map((c) => focusedFigure(facts, c)).join("\n")}`
}
<h2 id="cite">Citera <span lang="en" class="en">How to cite</span></h2>
<blockquote><p>${esc(citationOf({ publication: facts.publication, version: facts.version, date: facts.date, dataset: def, creators: def.fromManifest === true ? [] : creatorsOf(d.deliveries.filter(isPublished)) }))}</p></blockquote>
${loading(facts.publication, def, definitions, root, readAlone(def) && hasWorkbook(d.rows))}
${joining(facts.publication, def, definitions)}
<p><a href="${root}${esc(dataFile(def.name, "md"))}">Kodbok <span lang="en" class="en">(codebook)</span></a> · <a href="${root}index.html#changes">Ändringar <span lang="en" class="en">(changes)</span></a></p>`
  return page({
    site: facts.publication.title,
    title: `${def.title.sv} – ${facts.publication.title.sv}`,
    root,
    body,
    description: def.description.sv,
    catalogue: facts.catalogue,
  })
}
