import { citationOf, creatorsOf } from "../catalog/citation.ts"
import { publisherName } from "../catalog/publication.ts"
import { datasetPageFile, rowPageFile } from "../contract/release-layout.ts"
import { isPublished } from "../manifest/declared-delivery.ts"
import { formatNumber } from "./chart.ts"
import { bilingual, esc, page, table } from "./html.ts"
import { markdown } from "./markdown.ts"
import { periodOf, rowNames } from "./row-page.ts"

import { downloads, licenceLink, type RowPage, type SiteFacts } from "./site-facts.ts"

/** The newest entry of the changelog: the front page shows it, and links the whole record. */
const latestEntry = (changelog: string): string => {
  const entries = changelog.replace(/^# Changes\n/u, "").split(/^(?=## )/mu)
  return entries.find((e) => e.startsWith("## ")) ?? ""
}

/** A table of datasets, each linked to its page, with its description and rows. */
const datasetTable = (caption: string, datasets: SiteFacts["datasets"]) =>
  table({
    caption,
    head: [
      'Datamängd <span lang="en" class="en">Dataset</span>',
      "Beskrivning",
      'Rader <span lang="en" class="en">Rows</span>',
    ],
    rows: datasets.map((d) => [
      `<a href="${esc(datasetPageFile(d.definition.name))}">${esc(d.definition.title.sv)}</a> <span lang="en" class="en">${esc(d.definition.title.en)}</span>`,
      `<span lang="sv">${esc(d.definition.description.sv)}</span>`,
      esc(formatNumber(d.rows)),
    ]),
    numeric: [2],
  })

/** The rows that have a page of their own (the projects), each with its names and period. */
const rowPages = (facts: SiteFacts): string => {
  const paged = facts.paged
  if (paged === undefined || paged.pages.length === 0) return ""
  const d = paged.definition
  const item = (p: RowPage) => {
    const { short, title } = rowNames(d, p.row)
    const period = periodOf(d, p.row)
    return `<li><a href="${esc(rowPageFile(d.name, p.key))}">${esc(short)}: ${esc(title)}</a>${period === undefined ? "" : ` (${esc(period.start)} – ${esc(period.end)})`}</li>`
  }
  return `<h2 id="${esc(d.name)}">${esc(d.rowPages!.heading.sv)} <span lang="en" class="en">${esc(d.rowPages!.heading.en)}</span></h2>
<ul>${paged.pages.map(item).join("")}</ul>`
}

export const indexPage = (facts: SiteFacts): string => {
  const p = facts.publication
  const supporting = facts.datasets.filter((d) => d.definition.supporting === true)
  const body = `<h1>${bilingual(p.title.sv, p.title.en)}</h1>
<p lang="sv">${esc(p.description.sv)}</p>
<p lang="en">${esc(p.description.en)}</p>
<dl class="facts">
<dt>Version</dt><dd>${esc(facts.version)}</dd>
<dt>Utgivare <span lang="en" class="en">Publisher</span></dt><dd>${p.publisher === undefined ? `<span lang="en">${esc(publisherName(p))}</span> (ingen utgivare angiven i <code>publication.json</code>)` : esc(p.publisher.name)}</dd>
<dt>Licens <span lang="en" class="en">Licence</span></dt><dd>${facts.licence === null ? 'Ingen gemensam licens: varje datamängd anger sin licens, eller de villkor som är kända där källan inte ger någon. <span lang="en">No one licence: each dataset states its licence, or the terms known where its source grants none.</span>' : licenceLink(facts.licence)}</dd>
</dl>
<h2 id="datasets">Datamängder <span lang="en" class="en">Datasets</span></h2>
${datasetTable(
  "Datamängderna i denna version",
  facts.datasets.filter((d) => d.definition.supporting !== true),
)}
${
  supporting.length === 0
    ? ""
    : `<h2 id="supporting">Stödtabeller <span lang="en" class="en">Supporting tables</span></h2>
<p>Kodlistor från sina källor och leveranserna bakom datamängderna: de stöder datamängderna ovan och är inga egna data. <span lang="en">Code lists from their sources, and the deliveries behind the datasets: they support the datasets above and are no data of their own.</span></p>
${datasetTable("Stödtabellerna i denna version", supporting)}`
}
${rowPages(facts)}
<h2 id="metadata">Metadata och kontroll <span lang="en" class="en">Metadata and checks</span></h2>
${downloads(facts.metadataFiles, "", "Metadatafiler med storlek och SHA-256")}
<h2 id="cite">Citera <span lang="en" class="en">How to cite</span></h2>
<blockquote><p>${esc(citationOf({ publication: p, version: facts.version, date: facts.date, creators: creatorsOf(facts.datasets.flatMap((x) => x.deliveries.filter(isPublished))) }))}</p></blockquote>
<section id="changes" aria-labelledby="changes-heading">
<h2 id="changes-heading">Senaste ändringar <span lang="en" class="en">Latest changes</span></h2>
${markdown(latestEntry(facts.changelog), 1)}
<p><a href="CHANGELOG.md">Alla versioner <span lang="en" class="en">(every version: CHANGELOG.md)</span></a></p>
</section>`
  return page({
    site: p.title,
    title: p.title.sv,
    root: "",
    body,
    description: p.description.sv,
    catalogue: facts.catalogue,
  })
}
