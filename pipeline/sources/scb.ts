/**
 * Statistics Sweden's PxWeb exports, as their shapes are declared: a manifest entry naming
 * the source is enough to read one. Their indicators are defined by a delivery to
 * `indicators`, as `raw/scb/indikatorer.json` defines `population`.
 */
import type { SourceDeclaration } from "../contract/source-declaration.ts"

const SCB = "Statistiska centralbyrån (SCB)"
// SCB publishes its statistical database under CC0 (since 2021-07-01), asking for "Källa: SCB".
const REGION = { field: "municipality_code", parse: "code-name" } as const

/** BE0101, population on 31 December per municipality, long layout. */
export const scbPopulation: SourceDeclaration = {
  name: "scb-population",
  title: "SCB, Folkmängd per kommun (BE0101)",
  origin: "https://www.statistikdatabasen.scb.se/pxweb/sv/ssd/START__BE__BE0101__BE0101A/BefolkningNy/",
  publisher: SCB,
  licence: "CC0-1.0",
  attribution: "Källa: SCB",
  description:
    "Population on 31 December per municipality and year (SCB BE0101), PxWeb CSV export: UTF-8, semicolons, region as code and name, one row per municipality and year.",
  scope: "the population indicator for every municipality and year of the export",
  format: "csv",
  dialect: { encoding: "utf-8", delimiter: ";" },
  columns: {
    region: REGION,
    ålder: { ignore: "always 'totalt ålder' (all ages): the population indicator is the total" },
    år: "year",
    Folkmängd: "value",
  },
  feeds: [{ dataset: "indicator_values", columns: {}, constants: { indicator_id: "population" } }],
}

const RAMS_VALUE = "Förvärvsarbetande 16+ år med bostad i regionen (nattbefolkning) (RAMS)"

/** RAMS, employed persons living in the municipality, by the sector of their workplace and age. */
export const scbRams: SourceDeclaration = {
  name: "scb-rams",
  title: "SCB, Förvärvsarbetande (RAMS) per kommun, sektor och ålder",
  origin: "https://www.statistikdatabasen.scb.se/pxweb/sv/ssd/START__AM__AM0207/",
  publisher: SCB,
  licence: "CC0-1.0",
  attribution: "Källa: SCB",
  description:
    "Employed persons aged 16+ living in the municipality (RAMS), in the municipal sector by the sector of their workplace and by age group 55-59, 60-64 and 65+, PxWeb CSV export: Windows-1252, commas, every field quoted but the number.",
  scope: "the six RAMS indicators (two sectors by three age groups) for every municipality and year of the export",
  format: "csv",
  dialect: { encoding: "windows-1252", delimiter: "," },
  columns: {
    region: REGION,
    år: "year",
    "arbetsställets sektortillhörighet": { categoryOf: "indicator_id" },
    ålder: { categoryOf: "indicator_id" },
    [RAMS_VALUE]: "value",
  },
  feeds: [
    {
      dataset: "indicator_values",
      columns: {},
      categories: {
        indicator_id: {
          "primärkommunal förvaltning / 55-59 år": "rams_municipal_administration_55_59",
          "primärkommunal förvaltning / 60-64 år": "rams_municipal_administration_60_64",
          "primärkommunal förvaltning / 65+ år": "rams_municipal_administration_65_plus",
          "kommunalt ägda företag och organisationer / 55-59 år": "rams_municipal_companies_55_59",
          "kommunalt ägda företag och organisationer / 60-64 år": "rams_municipal_companies_60_64",
          "kommunalt ägda företag och organisationer / 65+ år": "rams_municipal_companies_65_plus",
        },
      },
    },
  ],
}
