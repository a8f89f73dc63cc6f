/**
 * Charts of an indicator's values per municipality over time, drawn at build time as SVG: one
 * small panel per municipality, each with its own scale. A missing value is a marked gap with
 * its reason ("ej rapporterat"), never a zero. Each chart comes with its values as a table,
 * which may hold more municipalities than the chart draws: the others are seen there. Pure.
 */
import { MISSING_LABEL_MEANINGS } from "../../schemas/common-fields.ts"
import { esc, table } from "./html.ts"

export interface Point {
  readonly year: number
  readonly value: number | null
  /** Why the value is missing, where it is: its missing label. */
  readonly missing: string | null
}

export interface Series {
  readonly code: string
  readonly name: string
  readonly points: ReadonlyArray<Point>
}

export const missingText = (status: string | null): string =>
  `${MISSING_LABEL_MEANINGS[(status ?? "not known") as keyof typeof MISSING_LABEL_MEANINGS]?.sv ?? "saknas"} (${status ?? "missing"})`

const SWEDISH = new Intl.NumberFormat("sv-SE", { maximumFractionDigits: 2 })

/** A number as Swedish readers write it: `7 276`, `3,5`. */
export const formatNumber = (v: number): string => SWEDISH.format(v)

const W = 240
const H = 130
const M = { left: 52, right: 10, top: 22, bottom: 26 }

const panel = (id: string, s: Series, years: ReadonlyArray<number>, measuredIn: string): string => {
  const present = s.points.filter((p) => p.value !== null) as Array<Point & { value: number }>
  const min = Math.min(0, ...present.map((p) => p.value))
  const max = Math.max(1, ...present.map((p) => p.value))
  const x = (year: number) =>
    M.left + (years.length === 1 ? 0 : ((year - years[0]!) / (years.at(-1)! - years[0]!)) * (W - M.left - M.right))
  const y = (v: number) => H - M.bottom - ((v - min) / (max - min)) * (H - M.top - M.bottom)
  const missing = s.points.filter((p) => p.value === null)
  const segments: string[] = []
  let current: string[] = []
  for (const p of [...s.points].sort((a, b) => a.year - b.year)) {
    if (p.value === null) {
      if (current.length > 1) segments.push(current.join(" "))
      current = []
    } else current.push(`${current.length === 0 ? "M" : "L"}${x(p.year).toFixed(1)},${y(p.value).toFixed(1)}`)
  }
  if (current.length > 1) segments.push(current.join(" "))
  const described =
    present.length === 0
      ? `${s.name}: inga värden, alla ${missingText(missing[0]?.missing ?? null)}.`
      : `${s.name}: ${s.points.map((p) => `${p.year} ${p.value === null ? missingText(p.missing) : formatNumber(p.value)}`).join(", ")}.`
  return `<svg role="img" aria-labelledby="${id}-t ${id}-d" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" xmlns="http://www.w3.org/2000/svg">
<title id="${id}-t">${esc(s.name)}</title>
<desc id="${id}-d">${esc(described)}</desc>
<text x="${M.left}" y="14" font-size="12" font-weight="600" fill="#1b1b1b">${esc(s.name)}</text>
<line x1="${M.left}" y1="${H - M.bottom}" x2="${W - M.right}" y2="${H - M.bottom}" stroke="#767676"/>
<text x="${M.left}" y="${H - 8}" font-size="11" fill="#1b1b1b">${years[0]}</text>
<text x="${W - M.right}" y="${H - 8}" font-size="11" text-anchor="end" fill="#1b1b1b">${years.at(-1)}</text>
${
  present.length === 0
    ? `<text x="${(M.left + W - M.right) / 2}" y="${(M.top + H - M.bottom) / 2}" font-size="12" text-anchor="middle" fill="#4a4a4a">${esc(missingText(missing[0]?.missing ?? null).split(" (")[0]!)}</text>`
    : `<text x="${M.left - 4}" y="${y(max) + 4}" font-size="11" text-anchor="end" fill="#1b1b1b">${esc(formatNumber(max))}</text>
<text x="${M.left - 4}" y="${y(min) + 4}" font-size="11" text-anchor="end" fill="#1b1b1b">${esc(formatNumber(min))}</text>`
}
${segments.map((d) => `<path d="${d}" fill="none" stroke="#00528a" stroke-width="2"/>`).join("\n")}
${present.map((p) => `<circle cx="${x(p.year).toFixed(1)}" cy="${y(p.value).toFixed(1)}" r="3" fill="#00528a"><title>${p.year}: ${esc(formatNumber(p.value))} ${esc(measuredIn)}</title></circle>`).join("\n")}
${missing.map((p) => `<g><title>${p.year}: ${esc(missingText(p.missing))}</title><path d="M${(x(p.year) - 3).toFixed(1)},${H - M.bottom - 3} l6,6 m0,-6 l-6,6" stroke="#4a4a4a" stroke-width="1.5"/></g>`).join("\n")}
</svg>`
}

export const indicatorFigure = (options: {
  readonly id: string
  readonly labelSv: string
  readonly labelEn: string
  readonly measuredIn: string
  /** The series drawn. */
  readonly series: ReadonlyArray<Series>
  /** The series of the table under the chart, the drawn ones first (default: those drawn). */
  readonly table?: ReadonlyArray<Series>
  /** What the chart shows of the table, in HTML, under its caption. */
  readonly note?: string
}): string => {
  const yearsOf = (series: ReadonlyArray<Series>) =>
    [...new Set(series.flatMap((s) => s.points.map((p) => p.year)))].sort((a, b) => a - b)
  const years = yearsOf(options.series)
  if (years.length === 0) return ""
  const tabled = options.table ?? options.series
  const tableYears = yearsOf(tabled)
  const rows = tabled.map((s) => [
    esc(`${s.name} (${s.code})`),
    ...tableYears.map((year) => {
      const p = s.points.find((x) => x.year === year)
      return p === undefined
        ? ""
        : p.value === null
          ? `<span class="missing">${esc(missingText(p.missing))}</span>`
          : esc(formatNumber(p.value))
    }),
  ])
  return `<figure aria-labelledby="${options.id}-caption">
<figcaption id="${options.id}-caption"><span lang="sv">${esc(options.labelSv)}</span> <span lang="en" class="en">${esc(options.labelEn)}</span> (${esc(options.measuredIn)})</figcaption>
${
  options.note === undefined
    ? ""
    : `<p class="note">${options.note}</p>
`
}<div class="charts">
${options.series.map((s, i) => panel(`${options.id}-${i}`, s, years, options.measuredIn)).join("\n")}
</div>
<details><summary>${
    tabled.length > options.series.length
      ? `Alla ${tabled.length} kommuners värden som tabell <span lang="en" class="en">(every municipality's values as a table)</span>`
      : 'Värdena som tabell <span lang="en" class="en">(the values as a table)</span>'
  }</summary>
${table({ caption: `${esc(options.labelSv)} per kommun och år`, head: ["Kommun", ...tableYears.map(String)], rows, numeric: tableYears.map((_, i) => i + 1) })}
</details>
</figure>`
}
