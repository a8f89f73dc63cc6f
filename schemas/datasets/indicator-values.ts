import { defineDataset } from "../dataset.ts"
import { integer, nullable, number, code } from "../field.ts"
import { missingLabel, municipalityCode, provenanceFields, provenanceKey } from "../common-fields.ts"

export const indicatorValues = defineDataset({
  name: "indicator_values",
  title: { sv: "Indikatorvärden", en: "Indicator values" },
  description: {
    sv: "Ett värde per indikator, kommun och år. Saknade värden står kvar med en förklaring.",
    en: "One value per indicator, municipality and year. Missing values stay, with the reason.",
  },
  fields: {
    indicator_id: code({ en: "The indicator (see indicators)", sv: "Indikatorn (se indicators)" }, /^[a-z][a-z0-9_]*$/u, "a lower-case identifier such as new_jobs"),
    municipality_code: municipalityCode,
    year: integer({ en: "Year the value refers to", sv: "År som värdet avser" }, { minimum: 1900, maximum: 2100 }),
    value: nullable(number({ en: "The value, in the indicator's unit", sv: "Värdet, i indikatorns enhet", missingLabelField: "value_status" })),
    value_status: nullable(missingLabel("the value", "värdet")),
    ...provenanceFields,
  },
  primaryKey: ["indicator_id", "municipality_code", "year"],
  foreignKeys: [
    { fields: ["indicator_id"], reference: { dataset: "indicators", fields: ["indicator_id"] } },
    { fields: ["municipality_code"], reference: { dataset: "municipalities", fields: ["municipality_code"] } },
    provenanceKey,
  ],
  themes: ["REGI", "ECON", "SOCI"],
  keywords: { sv: ["indikatorer", "statistik"], en: ["indicators", "statistics"] },
})
