/**
 * Kolada, the Swedish municipal KPI database (RKA), through its API v3: the values of the
 * configured KPIs for the configured municipalities, each KPI a row of `indicators` and each
 * value a row of `indicator_values`. Kolada splits some KPIs by gender (T, K, M); the release
 * publishes the totals (T).
 */
import { cleanText } from "../shared/text.ts"
import type { SourceCell, SourceRecord } from "../contract/source-record.ts"
import type { AdaptedRecords, SourceAdapter, SourceDeclaration } from "../contract/source-declaration.ts"

export const KOLADA_API = "https://api.kolada.se/v3"

interface Kpi {
  readonly indicator_id: string
  readonly label_sv: string
  readonly label_en: string
  readonly unit: string
}

/** The KPIs fetched, with their names as the release gives them. */
export const KOLADA_KPIS: Readonly<Record<string, Kpi>> = {
  N00999: {
    indicator_id: "kolada_n00999",
    label_sv: "Nystartade företag per 1 000 invånare",
    label_en: "New companies per 1,000 inhabitants",
    unit: "per_1000_inhabitants",
  },
  N00981: {
    indicator_id: "kolada_n00981",
    label_sv: "Förvärvsarbetande dagbefolkning kommun, antal",
    label_en: "Jobs located in the municipality (employed persons working there)",
    unit: "persons",
  },
  N01951: {
    indicator_id: "kolada_n01951",
    label_sv: "Invånare totalt, antal",
    label_en: "Inhabitants, total",
    unit: "persons",
  },
}

/** The five 4K municipalities and Umeå. */
export const KOLADA_MUNICIPALITIES = ["2401", "2403", "2404", "2409", "2460", "2480"]

/** The first page of the values of the configured KPIs and municipalities. */
export const koladaValuesUrl = (base: string): string =>
  `${base.replace(/\/+$/u, "")}/data/kpi/${Object.keys(KOLADA_KPIS).join(",")}/municipality/${KOLADA_MUNICIPALITIES.join(",")}`

const cell = (record: SourceRecord, name: string): SourceCell | undefined => record.cells.find((c) => c.name === name)
const text = (c: SourceCell | undefined) => (c?.value === null || c?.value === undefined ? null : cleanText(c.value))
const at = (from: SourceCell | undefined, name: string, value: string | null, line: number): SourceCell =>
  from === undefined
    ? { name, line, column: 0, value }
    : { name, label: from.name, line: from.line, column: from.column, value }

/** A KPI id Kolada sent that is not configured stays as it came, and fails the dataset's checks there. */
const indicatorId = (kpi: string | null) => (kpi === null ? null : (KOLADA_KPIS[kpi]?.indicator_id ?? kpi))

const valueRecords = (records: ReadonlyArray<SourceRecord>): AdaptedRecords[] =>
  records.map((r) => {
    if (text(cell(r, "gender")) !== "T") return { from: r, records: [], corrections: [], problems: [] }
    const value = cell(r, "value")
    const missing = value === undefined || value.value === null
    return {
      from: r,
      records: [
        {
          line: r.line,
          cells: [
            at(cell(r, "kpi"), "indicator_id", indicatorId(text(cell(r, "kpi"))), r.line),
            ...[cell(r, "municipality"), cell(r, "period")].filter((c): c is SourceCell => c !== undefined),
            ...(value === undefined ? [] : [value]),
            ...(missing ? [at(value, "value_status", "not known", r.line)] : []),
          ],
        },
      ],
      corrections: [],
      problems: [],
    }
  })

/** One codebook row per configured KPI the file holds, located where it first appears. */
const indicatorRecords = (records: ReadonlyArray<SourceRecord>): AdaptedRecords[] => {
  const first = new Map<string, SourceRecord>()
  for (const r of records) {
    const kpi = text(cell(r, "kpi"))
    if (kpi !== null && KOLADA_KPIS[kpi] !== undefined && !first.has(kpi)) first.set(kpi, r)
  }
  return [...first].map(([kpi, r]) => {
    const k = KOLADA_KPIS[kpi]!
    const where = cell(r, "kpi")
    const row = {
      indicator_id: k.indicator_id,
      label_sv: k.label_sv,
      label_en: k.label_en,
      unit: k.unit,
      definition_sv: `Kolada-nyckeltalet ${kpi}, ${k.label_sv}, som Kolada publicerar det; totalen för alla kön.`,
      definition_en: `Kolada's KPI ${kpi} (${k.label_en}) as Kolada publishes it; the total for all genders.`,
      source: "Kolada (RKA, Rådet för främjande av kommunala analyser)",
    }
    return {
      from: r,
      records: [{ line: r.line, cells: Object.entries(row).map(([name, value]) => at(where, name, value, r.line)) }],
      corrections: [],
      problems: [],
    }
  })
}

export const koladaAdapter: SourceAdapter = (dataset, records) =>
  dataset === "indicator_values" ? valueRecords(records) : dataset === "indicators" ? indicatorRecords(records) : []

const identity = (...fields: string[]) => Object.fromEntries(fields.map((f) => [f, f]))

export const kolada: SourceDeclaration = {
  name: "kolada",
  title: "Kolada",
  origin: KOLADA_API,
  publisher: "Rådet för främjande av kommunala analyser (RKA), Kolada",
  // No licence grant from RKA is recorded here: none is assumed.
  licence: null,
  rights:
    "Kolada's figures are those of Rådet för främjande av kommunala analyser (RKA); no licence from RKA is recorded for them, so none is given here; credit Kolada (RKA), as it asks",
  attribution: "Källa: Kolada, Rådet för främjande av kommunala analyser (RKA)",
  description: `Values of Kolada's KPIs ${Object.keys(KOLADA_KPIS).join(", ")} for the municipalities ${KOLADA_MUNICIPALITIES.join(", ")}, from Kolada's API v3, all pages of one request in one file. Kolada asks that it be named as the source.`,
  scope: `Kolada's KPIs ${Object.keys(KOLADA_KPIS).join(", ")} × the municipalities ${KOLADA_MUNICIPALITIES.join(", ")}, in the years the snapshot has, and the KPIs' definitions`,
  format: "json",
  dialect: { encoding: "utf-8", records: "values", unnest: "values" },
  columns: {
    kpi: "indicator_values.indicator_id, indicators",
    municipality: "indicator_values.municipality_code",
    period: "indicator_values.year",
    gender: "which values are published: the totals (T)",
    value: "indicator_values.value",
    count: { ignore: "how many values Kolada's figure is made of" },
    status: { ignore: "Kolada's status of the value; a missing value is published as not known" },
  },
  feeds: [
    {
      dataset: "indicators",
      columns: identity("indicator_id", "label_sv", "label_en", "unit", "definition_sv", "definition_en", "source"),
    },
    {
      dataset: "indicator_values",
      columns: {
        indicator_id: "indicator_id",
        municipality: "municipality_code",
        period: "year",
        value: "value",
        value_status: "value_status",
      },
      // Asked for by KPI and municipality: a snapshot without one of them withdraws its values.
      covers: {
        indicator_id: Object.values(KOLADA_KPIS).map((k) => k.indicator_id),
        municipality_code: KOLADA_MUNICIPALITIES,
      },
    },
  ],
  adapter: koladaAdapter,
  remote: { fileName: "kolada-values.json", url: koladaValuesUrl, answer: "kolada-v3" },
}
