import { deliveryLabel } from "../manifest/declared-delivery.ts"
import { formatNumber, indicatorFigure, missingText } from "./chart.ts"
import { bilingual, esc, page, table } from "./html.ts"

import { sek, text, type IndicatorChart, type ProjectInfo, type Row, type SiteFacts } from "./site-facts.ts"

const activityTree = (activities: ReadonlyArray<Row>, parent: string | null): string => {
  const children = activities.filter((a) => (a["parent_activity_id"] ?? null) === parent)
  if (children.length === 0) return ""
  return `<ul>${children.map((a) => `<li><strong>${esc(text(a["activity_id"]))}. ${bilingual(text(a["label_sv"]), text(a["label_en"]))}</strong><br><span lang="sv">${esc(text(a["description_sv"]))}</span>${activityTree(activities, text(a["activity_id"]))}</li>`).join("")}</ul>`
}

/** What the deliveries of a project's indicator values say of them: where they come from, and why values are missing. */
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
 * The statistics that are no project's (population, employment) for the project's
 * municipalities, from the year before it began to the year after it ended, where there are values.
 */
const context = (facts: SiteFacts, info: ProjectInfo): string => {
  const p = info.project
  const codes = new Set(info.municipalities.map((m) => text(m["municipality_code"])))
  const first = Number(text(p["start_date"]).slice(0, 4)) - 1
  const last = Number(text(p["end_date"]).slice(0, 4)) + 1
  const figures = facts.charts
    .filter((c) => c.projectId === null)
    .map((c) => ({
      chart: c,
      series: c.series
        .filter((s) => codes.has(s.code))
        .map((s) => ({ ...s, points: s.points.filter((x) => x.year >= first && x.year <= last) }))
        .filter((s) => s.points.length > 0),
    }))
    .filter((f) => f.series.length > 0)
  if (figures.length === 0) return ""
  return `<h2 id="context">Statistik för projektets kommuner <span lang="en" class="en">Statistics of the project's municipalities</span></h2>
<p>Från året före projektet till året efter (${first}–${last}), de år som har värden. <span lang="en">From the year before the project to the year after (${first}–${last}), the years that have values.</span></p>
${figures.map((f) => indicatorFigure({ id: `context-${f.chart.indicatorId}`, labelSv: f.chart.labelSv, labelEn: f.chart.labelEn, unit: f.chart.unit, series: f.series })).join("\n")}`
}

export const projectPage = (facts: SiteFacts, info: ProjectInfo): string => {
  const p = info.project
  const root = "../"
  const id = text(p["project_id"])
  const title = text(p["title_sv"])
  const charts = facts.charts.filter((c) => c.projectId === id)
  const roleSv: Record<string, string> = {
    participant: "deltagare",
    regional_centre: "regionens centralort",
    project_area: "omfattas enligt registret",
  }
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
  head: ["Kommun", "Kommunkod", 'Roll <span lang="en" class="en">Role</span>', "Projektägare"],
  rows: info.municipalities.map((m) => [
    esc(text(m["municipality_name"])),
    `<code>${esc(text(m["municipality_code"]))}</code>`,
    `${esc(roleSv[text(m["role"])] ?? text(m["role"]))} <span lang="en" class="en">(${esc(text(m["role"]))})</span>`,
    m["lead_beneficiary"] === true ? "ja" : m["lead_beneficiary"] === false ? "nej" : "uppgift saknas",
  ]),
})}
<h2 id="funding">Finansiering <span lang="en" class="en">Funding</span></h2>
${table({
  caption: "Finansiärer och belopp",
  head: ["Finansiär", "Typ", 'Belopp <span lang="en" class="en">Amount</span>'],
  rows: info.funders.map((f) => [
    esc(text(f["funder_name"])),
    esc(text(f["funder_type"])),
    f["amount_sek"] !== null
      ? esc(sek(f["amount_sek"]))
      : f["amount_eur"] !== null
        ? `${esc(formatNumber(Number(f["amount_eur"])))} €`
        : `<span class="missing">${esc(missingText(f["amount_status"] as string | null))}</span>`,
  ]),
  numeric: [2],
})}
${
  info.goals.length === 0
    ? ""
    : `<h2 id="goals">Syfte och mål <span lang="en" class="en">Purpose and goals</span></h2>
<ul>${info.goals.map((g) => `<li>${bilingual(text(g["text_sv"]), text(g["text_en"]))}</li>`).join("")}</ul>`
}
${
  info.targetGroups.length === 0
    ? ""
    : `<h2 id="target-groups">Målgrupper <span lang="en" class="en">Target groups</span></h2>
<ul>${info.targetGroups.map((g) => `<li>${bilingual(text(g["label_sv"]), text(g["label_en"]))}</li>`).join("")}</ul>`
}
${
  info.activities.length === 0
    ? ""
    : `<h2 id="activities">Aktiviteter <span lang="en" class="en">Activities</span></h2>
${activityTree(info.activities, null)}`
}
${
  charts.length === 0
    ? ""
    : `<h2 id="indicators">Indikatorer <span lang="en" class="en">Indicators</span></h2>
${aboutValues(facts, charts)}
${charts.map((c) => indicatorFigure({ id: `chart-${c.indicatorId}`, labelSv: c.labelSv, labelEn: c.labelEn, unit: c.unit, series: c.series })).join("\n")}`
}
${context(facts, info)}
<p><a href="${root}datasets/projects.html">Alla projekt <span lang="en" class="en">(all projects)</span></a></p>`
  return page({
    site: facts.publication.title,
    title: `${text(p["acronym"]) || title} – ${facts.publication.title.sv}`,
    root,
    body,
    description: text(p["summary_sv"]) || title,
    catalogue: facts.catalogue,
  })
}
