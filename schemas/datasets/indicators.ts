import { defineDataset } from "../dataset.ts"
import { code, nullable, oneOf, text } from "../field.ts"
import {
  ENGLISH_NAME_WORDS,
  missingLabel,
  PROJECT_ID_EXPECTED,
  PROJECT_ID_PATTERN,
  PROJECT_WORDS,
  SWEDISH_NAME_WORDS,
} from "../common-fields.ts"
import { ERDF, FOUR_K, FOUR_K_PLACES, keywords, SCB } from "../common-keywords.ts"

/** The header words of a field naming an indicator. */
export const INDICATOR_WORDS = [
  "indikator",
  "indikatorid",
  "indikator id",
  "indikatorkod",
  "indicator",
  "indicator id",
  "kpi",
]

/** Units whose values must be non-negative whole numbers. */
export const COUNT_UNITS = ["count", "persons"] as const

export const indicators = defineDataset({
  name: "indicators",
  title: {
    sv: "Indikatorer för 4K – Konkurrenskraftiga Kranskommuner – och för kommunstatistik från SCB",
    en: "Indicators of 4K – Competitive Commuter-Belt Municipalities – and of municipal statistics from Statistics Sweden",
  },
  description: {
    sv: "Kodbok för indikatorvärdena: varje indikators namn, enhet, definition och källa. Här finns 4K:s (Konkurrenskraftiga Kranskommuner) kvantitativa mål för Nordmaling, Bjurholm, Robertsfors, Vindeln och Vännäs, som nya arbetstillfällen och nya företag, och statistik per kommun, som SCB:s folkmängd och förvärvsarbetande (RAMS).",
    en: "Codebook of the indicator values: each indicator's names, unit, definition and source. It holds the quantitative goals of 4K (Competitive Commuter-Belt Municipalities) for Nordmaling, Bjurholm, Robertsfors, Vindeln and Vännäs, such as new jobs and new companies, and statistics per municipality, such as the population and the employed persons (RAMS) of Statistics Sweden (SCB).",
  },
  fields: {
    indicator_id: code(
      { en: "Identifier of the indicator", sv: "Indikatorns identifierare", headerWords: INDICATOR_WORDS },
      /^[a-z][a-z0-9_]*$/u,
      "a lower-case identifier such as new_jobs",
    ),
    label_sv: text({ en: "Name in Swedish", sv: "Namn på svenska", headerWords: SWEDISH_NAME_WORDS }),
    label_en: text({
      headerWords: ENGLISH_NAME_WORDS,
      en: "Name in English (where the source names it in Swedish only, a translation by its delivery)",
      sv: "Namn på engelska (där källan bara har ett svenskt namn, en översättning i leveransen)",
    }),
    unit: oneOf({ en: "Unit of the values", sv: "Värdenas enhet", headerWords: ["enhet", "unit"] }, [
      ...COUNT_UNITS,
      "percent",
      "sek",
      "per_1000_inhabitants",
    ]),
    definition_sv: nullable(
      text({
        en: "Definition in Swedish, as its source gives it or its delivery says it",
        sv: "Definition på svenska, som källan ger den eller leveransen anger",
        missingLabelField: "definition_status",
      }),
    ),
    definition_en: nullable(
      text({ en: "Definition in English", sv: "Definition på engelska", missingLabelField: "definition_status" }),
    ),
    definition_status: nullable(missingLabel("the definition", "definitionen")),
    project_id: nullable(
      code(
        {
          en: "The project whose goal the indicator measures; null for general statistics",
          sv: "Projektet vars mål indikatorn mäter; tomt för allmän statistik",
          headerWords: PROJECT_WORDS,
        },
        PROJECT_ID_PATTERN,
        PROJECT_ID_EXPECTED,
      ),
    ),
    source: text({
      en: "Who produces the figures, or where the indicator is named",
      sv: "Vem som tar fram värdena, eller var indikatorn nämns",
      headerWords: ["kalla", "source"],
    }),
  },
  primaryKey: ["indicator_id"],
  names: { sv: "label_sv", en: "label_en" },
  measure: { unit: "unit" },
  foreignKeys: [{ fields: ["project_id"], reference: { dataset: "projects", fields: ["project_id"] } }],
  codebook: {
    labelFields: { sv: "label_sv", en: "label_en" },
    unitField: "unit",
    countUnits: COUNT_UNITS,
    definitionFields: { sv: "definition_sv", en: "definition_en" },
    projectField: "project_id",
    sourceField: "source",
  },
  themes: ["REGI", "ECON"],
  keywords: keywords(
    { sv: ["indikatorer", "kodbok", "folkmängd", "RAMS"], en: ["indicators", "codebook", "population", "RAMS"] },
    FOUR_K,
    FOUR_K_PLACES,
    ERDF,
    SCB,
  ),
})
