import { defineDataset } from "../dataset.ts"
import { text } from "../field.ts"
import { countyCode, municipalityCode } from "../common-fields.ts"

export const municipalities = defineDataset({
  name: "municipalities",
  title: { sv: "Kommuner", en: "Municipalities" },
  description: {
    sv: "Sveriges 290 kommuner med SCB:s kommunkod och det län de tillhör.",
    en: "The 290 municipalities of Sweden with their Statistics Sweden code and county.",
  },
  fields: {
    municipality_code: municipalityCode,
    municipality_name: text({ en: "Name of the municipality", sv: "Kommunens namn" }),
    county_code: countyCode,
  },
  primaryKey: ["municipality_code"],
  // Deliveries may name a municipality instead of giving its code.
  nameLookup: { key: "municipality_code", name: "municipality_name" },
  foreignKeys: [{ fields: ["county_code"], reference: { dataset: "counties", fields: ["county_code"] } }],
  themes: ["REGI", "GOVE"],
  keywords: { sv: ["kommun", "kommunkod"], en: ["municipality", "municipality code"] },
})
