import { defineDataset } from "../dataset.ts"
import { code, text } from "../field.ts"
import { countyCode } from "../common-fields.ts"

export const counties = defineDataset({
  name: "counties",
  title: { sv: "Län", en: "Counties" },
  description: {
    sv: "Sveriges 21 län med SCB:s länskod och NUTS 3-kod.",
    en: "The 21 counties of Sweden with their Statistics Sweden county code and NUTS 3 code.",
  },
  fields: {
    county_code: countyCode,
    county_name: text({ en: "Name of the county", sv: "Länets namn" }),
    nuts3_code: code(
      { en: "Eurostat NUTS 3 region code of the county", sv: "Länets NUTS 3-kod (Eurostat)" },
      /^SE[0-9]{3}$/u,
      "a NUTS 3 code such as SE331",
    ),
  },
  primaryKey: ["county_code"],
  foreignKeys: [],
  themes: ["REGI", "GOVE"],
  keywords: { sv: ["län", "NUTS"], en: ["county", "NUTS"] },
})
