import { defineDataset } from "../dataset.ts"
import { integer, nullable, number, code } from "../field.ts"
import { missingLabel, municipalityCode } from "../common-fields.ts"
import { ERDF, FOUR_K, FOUR_K_PLACES, keywords, SCB } from "../common-keywords.ts"
import { COUNT_UNITS, INDICATOR_WORDS } from "./indicators.ts"

export const indicatorValues = defineDataset({
  name: "indicator_values",
  title: {
    sv: "Indikatorvärden per kommun och år: 4K:s mål och SCB:s folkmängd och förvärvsarbetande (RAMS)",
    en: "Indicator values per municipality and year: 4K's goals and Statistics Sweden's population and employment (RAMS)",
  },
  description: {
    sv: "Ett värde per indikator, kommun och år; ett saknat värde står kvar med sin orsak. Här finns målen för 4K (Konkurrenskraftiga Kranskommuner) i Nordmaling, Bjurholm, Robertsfors, Vindeln och Vännäs under projektåren 2008–2010, och, som sammanhang, statistik för Sveriges kommuner, som SCB:s folkmängd den 31 december och förvärvsarbetande (RAMS).",
    en: "One value per indicator, municipality and year; a missing value stays, with its reason. It holds the goals of 4K (Competitive Commuter-Belt Municipalities) in Nordmaling, Bjurholm, Robertsfors, Vindeln and Vännäs over the project's years 2008–2010 and, for context, statistics of the municipalities of Sweden, such as the population on 31 December and the employed persons (RAMS) of Statistics Sweden (SCB).",
  },
  fields: {
    indicator_id: code(
      { en: "The indicator (see indicators)", sv: "Indikatorn (se indicators)", headerWords: INDICATOR_WORDS },
      /^[a-z][a-z0-9_]*$/u,
      "a lower-case identifier such as new_jobs",
    ),
    municipality_code: municipalityCode,
    year: integer(
      { en: "Year the value refers to", sv: "År som värdet avser", headerWords: ["ar", "artal", "year"] },
      { minimum: 1900, maximum: 2100 },
    ),
    value: nullable(
      number({
        en: "The value, in the indicator's unit",
        sv: "Värdet, i indikatorns enhet",
        missingLabelField: "value_status",
        headerWords: ["varde", "antal", "value", "count", "number", "summa", "total", "andel", "procent", "percent"],
      }),
    ),
    value_status: nullable(
      missingLabel("the value", "värdet", ["status", "vardestatus", "value status", "orsak", "reason"]),
    ),
  },
  primaryKey: ["indicator_id", "municipality_code", "year"],
  // A newer delivery supersedes the values of the indicators, municipalities and years it covers.
  coverage: ["indicator_id", "municipality_code", "year"],
  rowRules: [{ fields: ["value"], labelledBy: "value_status" }],
  period: { year: "year" },
  chart: { value: "value" },
  wide: {
    title: { sv: "En rad per kommun och år", en: "One row per municipality and year" },
    holds: "Each indicator's value and status side by side, with the municipality's name and county",
    rows: ["municipality_code", "year"],
    on: "indicator_id",
    values: { value: "value", value_status: "status" },
  },
  foreignKeys: [
    { fields: ["indicator_id"], reference: { dataset: "indicators", fields: ["indicator_id"] } },
    { fields: ["municipality_code"], reference: { dataset: "municipalities", fields: ["municipality_code"] } },
  ],
  tableRules: [
    {
      // A project's indicator has values only for the years the project ran.
      code: "row/period",
      fields: ["year"],
      sql: `SELECT v._file, v._line, v._cols, CAST(v.year AS VARCHAR) AS value,
          'the indicator ' || v.indicator_id || ' belongs to project ' || p.project_id || ', which ran ' ||
          strftime(p.start_date, '%Y-%m-%d') || ' to ' || strftime(p.end_date, '%Y-%m-%d') || '; ' || v.year || ' is outside it' AS message
        FROM indicator_values v JOIN indicators i USING (indicator_id) JOIN projects p ON p.project_id = i.project_id
        WHERE v.year < year(p.start_date) OR v.year > year(p.end_date)`,
    },
    {
      // An indicator that counts has whole, non-negative values.
      code: "cell/constraint",
      fields: ["value"],
      sql: `SELECT v._file, v._line, v._cols, CAST(v.value AS VARCHAR) AS value,
          'the indicator ' || v.indicator_id || ' counts (' || i.unit || '): expected a whole number of at least 0' AS message
        FROM indicator_values v JOIN indicators i USING (indicator_id)
        WHERE i.unit IN (${COUNT_UNITS.map((u) => `'${u}'`).join(", ")}) AND v.value IS NOT NULL AND (v.value < 0 OR v.value <> trunc(v.value))`,
    },
  ],
  themes: ["REGI", "ECON", "SOCI"],
  keywords: keywords(
    {
      sv: ["indikatorer", "statistik", "kommunstatistik", "folkmängd", "befolkning", "förvärvsarbetande", "RAMS"],
      en: ["indicators", "statistics", "municipal statistics", "population", "employment", "RAMS"],
    },
    FOUR_K,
    FOUR_K_PLACES,
    ERDF,
    SCB,
  ),
})
