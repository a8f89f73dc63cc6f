/**
 * Tillväxtverket's Projektbanken: the register of projects funded by the EU structural funds,
 * exported as one CSV row per project. One row gives a project, the municipalities the project
 * covers (a list of names) and its two funders (the ERDF and national public co-financing).
 */
import { cleanText } from "../shared/text.ts"
import type { Problem } from "../problems/problem.ts"
import { problem } from "../problems/problem.ts"
import type { SourceCell, SourceRecord } from "../contract/source-record.ts"
import { REDACTED } from "../privacy/redact.ts"
import { repairText } from "./repair-text.ts"
import type {
  AdapterContext,
  AdaptedRecords,
  SourceAdapter,
  SourceCorrection,
  SourceDeclaration,
} from "../contract/source-declaration.ts"

export const PROJECT_ID_PREFIX = "projektbanken-"
const ERDF = "Europeiska regionala utvecklingsfonden (ERUF)"
const STATUS: Readonly<Record<string, string>> = { SLUT: "completed", PÅGÅR: "ongoing" }
/** The 2007–2013 programme period began on this day; an earlier start is an entry error. */
const PERIOD_START = "2007-01-01"

/** Free-text columns: repaired and cleared of personal data before they feed a field. */
const TEXT_COLUMNS = new Set([
  "projektnamn",
  "projektbeskrivning",
  "stodmottagare",
  "malprogram",
  "omrade",
  "insatsomrade",
])

interface Builder {
  readonly record: SourceRecord
  readonly dataset: string
  readonly ctx: AdapterContext
  readonly corrections: SourceCorrection[]
  readonly problems: Problem[]
}

const cellOf = (b: Builder, name: string): SourceCell | undefined => b.record.cells.find((c) => c.name === name)

/** A cell as it feeds `field`: free text repaired and redacted, each change recorded. */
const feeding = (b: Builder, name: string, field: string): SourceCell | undefined => {
  const cell = cellOf(b, name)
  if (cell === undefined || cell.value === null || !TEXT_COLUMNS.has(name)) return cell
  const repaired = repairText(cell.value)
  const at = { line: cell.line, column: cell.column, columnName: name, field }
  for (const fix of repaired.fixes) b.corrections.push({ ...at, ...fix })
  const redacted = b.ctx.redact(repaired.text)
  // Removed now, or already when the snapshot was filed (its sidecar counts them): each is marked.
  const removed = redacted.text.split(REDACTED).length - 1
  if (removed > 0) {
    b.corrections.push({
      ...at,
      from: "(withheld)",
      to: REDACTED,
      reason: `${removed} piece${removed === 1 ? "" : "s"} of personal data (a person's name, phone number or e-mail address) removed from the text; what was removed is not published`,
    })
  }
  return { ...cell, value: redacted.text }
}

/** A cell the adapter derives, located where its source cell is. */
const derived = (from: SourceCell | undefined, name: string, value: string | null, line: number): SourceCell =>
  from === undefined
    ? { name, column: 0, line, value }
    : { name, label: from.name, column: from.column, line: from.line, value }

const projectIdCell = (b: Builder): SourceCell => {
  const id = cellOf(b, "arende_id")
  const value = id?.value === null || id?.value === undefined ? null : cleanText(id.value)
  return derived(
    id,
    "project_id",
    value === null || value === "" ? null : `${PROJECT_ID_PREFIX}${value}`,
    b.record.line,
  )
}

const isZero = (cell: SourceCell | undefined) =>
  cell?.value !== null && cell?.value !== undefined && cleanText(cell.value) === "0"

/**
 * The currency of a row: Interreg projects state their amounts in EUR and leave the SEK column
 * at 0; every other row is in SEK. National co-financing is in the row's currency.
 */
const amounts = (b: Builder) => {
  const sek = cellOf(b, "beviljat_belopp_sek")
  const eur = cellOf(b, "beviljat_belopp_euro")
  const national = cellOf(b, "offentlig_finansiar")
  const inEur = isZero(sek) && eur !== undefined && !isZero(eur)
  if (!inEur && eur !== undefined && !isZero(eur) && b.dataset === "projects") {
    b.problems.push(
      problem({
        code: "cell/constraint",
        file: b.ctx.file,
        line: eur.line,
        column: eur.column,
        columnName: eur.name,
        value: eur.value,
        message: "the row gives EU funds both in SEK and in EUR; a project states its amounts in one currency",
      }),
    )
  }
  return { currency: inEur ? ("eur" as const) : ("sek" as const), eu: inEur ? eur : sek, national }
}

const projectRecord = (b: Builder): SourceRecord => {
  const line = b.record.line
  const { currency, eu, national } = amounts(b)
  const status = cellOf(b, "pagar_slut")
  const statusText = status?.value === null || status?.value === undefined ? null : cleanText(status.value)
  const start = cellOf(b, "projekt_starttid")
  const startText = start?.value === null || start?.value === undefined ? "" : cleanText(start.value)
  if (/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/u.test(startText) && startText < PERIOD_START) {
    b.problems.push(
      problem({
        code: "source/suspect",
        severity: "warning",
        file: b.ctx.file,
        line: start!.line,
        column: start!.column,
        columnName: start!.name,
        value: start!.value,
        message: `the project starts on ${startText}, before the 2007–2013 programme period began (${PERIOD_START}): probably an entry error in the register; published as the register states it`,
      }),
    )
  }
  const cells: SourceCell[] = [
    projectIdCell(b),
    derived(status, "status", statusText === null ? null : (STATUS[statusText] ?? statusText), line),
    ...(eu === undefined ? [] : [derived(eu, `eu_funds_granted_${currency}`, eu.value, line)]),
    ...(national === undefined ? [] : [derived(national, `national_public_funding_${currency}`, national.value, line)]),
  ]
  const passed: ReadonlyArray<[string, string]> = [
    ["arende_id", "tillvaxtverket_case_id"],
    ["projektnamn", "title_sv"],
    ["projekt_starttid", "start_date"],
    ["projekt_sluttid", "end_date"],
    ["stodmottagare", "lead_organisation"],
    ["malprogram", "programme"],
    ["omrade", "programme_area"],
    ["insatsomrade", "priority_axis"],
    ["projektbeskrivning", "summary_sv"],
  ]
  for (const [name, field] of passed) {
    const cell = feeding(b, name, field)
    if (cell !== undefined) cells.push(cell)
  }
  return { line, cells }
}

/** One record per municipality name in `kommun_fordelning`. */
const municipalityRecords = (b: Builder): SourceRecord[] => {
  const list = cellOf(b, "kommun_fordelning")
  if (list === undefined || list.value === null) return []
  const project = projectIdCell(b)
  return list.value
    .split(",")
    .map((name) => cleanText(name))
    .filter((name) => name !== "")
    .map((name) => ({ line: b.record.line, cells: [project, derived(list, "kommun", name, b.record.line)] }))
}

/** The ERDF grant and the national public co-financing, each in the row's currency. */
const funderRecords = (b: Builder): SourceRecord[] => {
  const { currency, eu, national } = amounts(b)
  const project = projectIdCell(b)
  const funder = (amount: SourceCell | undefined, id: string, name: string, type: string): SourceRecord => ({
    line: b.record.line,
    cells: [
      project,
      derived(amount, "funder_id", id, b.record.line),
      derived(amount, "funder_name", name, b.record.line),
      derived(amount, "funder_type", type, b.record.line),
      derived(amount, `amount_${currency}`, amount?.value ?? null, b.record.line),
    ],
  })
  return [
    funder(eu, "eruf", ERDF, "eu_fund"),
    funder(
      national,
      "nationell-offentlig-medfinansiering",
      "Nationell offentlig medfinansiering (alla offentliga medfinansiärer)",
      "national_public",
    ),
  ]
}

const adaptRecord = (dataset: string, record: SourceRecord, ctx: AdapterContext): AdaptedRecords => {
  const b: Builder = { record, dataset, ctx, corrections: [], problems: [] }
  const records =
    dataset === "projects"
      ? [projectRecord(b)]
      : dataset === "project_municipalities"
        ? municipalityRecords(b)
        : dataset === "project_funders"
          ? funderRecords(b)
          : []
  return { from: record, records, corrections: b.corrections, problems: b.problems }
}

/** Each row of the register stands alone. */
export const projektbankenAdapter: SourceAdapter = (dataset, records, ctx) =>
  records.map((r) => adaptRecord(dataset, r, ctx))

const identity = (...fields: string[]) => Object.fromEntries(fields.map((f) => [f, f]))

export const projektbanken: SourceDeclaration = {
  name: "projektbanken",
  title: "Tillväxtverket, Projektbanken",
  origin: "https://projektbank.tillvaxtverket.se/projektbanken",
  publisher: "Tillväxtverket",
  // Tillväxtverket states no licence for the register, nor does the scrape it comes to us in.
  licence: null,
  rights:
    "Tillväxtverket's public register of projects funded by the EU structural funds; Tillväxtverket states no licence for it, so none is given here; credit Tillväxtverket, Projektbanken",
  attribution: "Källa: Tillväxtverket, Projektbanken (projects funded by the EU structural funds)",
  description:
    "Tillväxtverket's register of projects funded by the EU structural funds, exported one row per project: names, period, beneficiary, programme, amounts, and the municipalities each project covers. Neither the register nor the export states a licence; the release credits Tillväxtverket.",
  scope: "every project of the export, by case number, with its municipalities and funders",
  format: "csv",
  dialect: {
    encoding: "utf-8",
    delimiter: ",",
    missingValues: [
      { value: "Information saknas", label: "not known" },
      { value: "Värde saknas", label: "not known" },
      { value: "-0", label: "not known" },
    ],
  },
  columns: {
    source: { ignore: "the register's address, the same on every row; the source declaration holds it" },
    arende_id: "projects.project_id, projects.tillvaxtverket_case_id",
    projektnamn_short: { ignore: "projektnamn cut at 40 characters" },
    stodmottagare_short: { ignore: "stodmottagare cut at 40 characters" },
    projekt_starttid: "projects.start_date",
    projekt_sluttid: "projects.end_date",
    beviljat_belopp_sek: "projects.eu_funds_granted_sek, project_funders.amount_sek",
    beviljat_belopp_euro: "projects.eu_funds_granted_eur, project_funders.amount_eur",
    projektnamn: "projects.title_sv",
    projektbeskrivning: "projects.summary_sv",
    pagar_slut: "projects.status",
    stodmottagare: "projects.lead_organisation",
    projektledare: { personal: true },
    projektledare_telnr: { personal: true },
    projektledare_mail: { personal: true },
    malprogram: "projects.programme",
    omrade: "projects.programme_area",
    insatsomrade: "projects.priority_axis",
    offentlig_finansiar: "projects.national_public_funding_sek or _eur, project_funders",
    lan_fordelning: { ignore: "the counties follow from the municipalities in kommun_fordelning" },
    kommun_fordelning: "project_municipalities.municipality_code",
    laddningsdatum: {
      ignore: "when the register was read for the export: the snapshot's entry records it as the day its data is as of",
    },
  },
  feeds: [
    {
      dataset: "projects",
      columns: {
        ...identity(
          "project_id",
          "status",
          "eu_funds_granted_sek",
          "eu_funds_granted_eur",
          "national_public_funding_sek",
          "national_public_funding_eur",
        ),
        arende_id: "tillvaxtverket_case_id",
        projektnamn: "title_sv",
        projekt_starttid: "start_date",
        projekt_sluttid: "end_date",
        stodmottagare: "lead_organisation",
        malprogram: "programme",
        omrade: "programme_area",
        insatsomrade: "priority_axis",
        projektbeskrivning: "summary_sv",
      },
      constants: { fund: ERDF },
    },
    {
      dataset: "project_municipalities",
      columns: { project_id: "project_id", kommun: { field: "municipality_code", parse: "municipality-name" } },
      constants: { role: "project_area" },
    },
    {
      dataset: "project_funders",
      columns: identity("project_id", "funder_id", "funder_name", "funder_type", "amount_sek", "amount_eur"),
    },
  ],
  asOfColumn: "laddningsdatum",
  freeText: [...TEXT_COLUMNS],
  adapter: projektbankenAdapter,
}
