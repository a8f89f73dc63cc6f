import { defineDataset } from "../dataset.ts"
import { code, nullable, oneOf, text } from "../field.ts"
import { missingLabel, PROJECT_ID_EXPECTED, PROJECT_ID_PATTERN } from "../common-fields.ts"
import { ERDF, FOUR_K, FOUR_K_PLACES, keywords, SCB } from "../common-keywords.ts"

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
      { en: "Identifier of the indicator", sv: "Indikatorns identifierare" },
      /^[a-z][a-z0-9_]*$/u,
      "a lower-case identifier such as new_jobs",
    ),
    label_sv: text({ en: "Name in Swedish", sv: "Namn på svenska" }),
    label_en: text({
      en: "Name in English (where the source names it in Swedish only, a translation by its delivery)",
      sv: "Namn på engelska (där källan bara har ett svenskt namn, en översättning i leveransen)",
    }),
    unit: oneOf({ en: "Unit of the values", sv: "Värdenas enhet" }, [
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
        },
        PROJECT_ID_PATTERN,
        PROJECT_ID_EXPECTED,
      ),
    ),
    source: text({
      en: "Who produces the figures, or where the indicator is named",
      sv: "Vem som tar fram värdena, eller var indikatorn nämns",
    }),
  },
  primaryKey: ["indicator_id"],
  names: { sv: "label_sv", en: "label_en" },
  measure: { unit: "unit" },
  foreignKeys: [{ fields: ["project_id"], reference: { dataset: "projects", fields: ["project_id"] } }],
  themes: ["REGI", "ECON"],
  keywords: keywords(
    { sv: ["indikatorer", "kodbok", "folkmängd", "RAMS"], en: ["indicators", "codebook", "population", "RAMS"] },
    FOUR_K,
    FOUR_K_PLACES,
    ERDF,
    SCB,
  ),
})
