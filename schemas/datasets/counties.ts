import { defineDataset } from "../dataset.ts"
import { code, text } from "../field.ts"
import { countyCode } from "../common-fields.ts"
import { keywords, SCB } from "../common-keywords.ts"

export const counties = defineDataset({
  name: "counties",
  title: {
    sv: "Sveriges län med länskod (SCB) och NUTS 3-kod (Eurostat)",
    en: "Counties of Sweden with their county code (Statistics Sweden) and NUTS 3 code (Eurostat)",
  },
  description: {
    sv: "Stödtabell: Sveriges 21 län med SCB:s länskod och namn och Eurostats NUTS 3-kod, som länskoderna i kommunlistan hänvisar till, till exempel Västerbottens län (SE331) för 4K-kommunerna. En kopia av SCB:s och Eurostats kodlistor, för att slå upp län och NUTS-regioner, inte utgivarens egna data.",
    en: "Supporting table: the 21 counties of Sweden with Statistics Sweden's county code and name and Eurostat's NUTS 3 code, which the county codes of the list of municipalities refer to, such as Västerbotten county (SE331) for the 4K municipalities. A copy of the code lists of Statistics Sweden (SCB) and Eurostat, to look counties and NUTS regions up, not data of the publisher's own.",
  },
  fields: {
    county_code: countyCode,
    county_name: text({ en: "Name of the county", sv: "Länets namn", headerWords: ["lansnamn", "county name"] }),
    nuts3_code: code(
      {
        en: "Eurostat NUTS 3 region code of the county",
        sv: "Länets NUTS 3-kod (Eurostat)",
        headerWords: ["nuts", "nuts3", "nuts 3"],
      },
      /^SE[0-9]{3}$/u,
      "a NUTS 3 code such as SE331",
    ),
  },
  primaryKey: ["county_code"],
  foreignKeys: [],
  supporting: true,
  places: { name: "county_name", iri: { field: "nuts3_code", prefix: "http://data.europa.eu/nuts/code/" } },
  themes: ["REGI", "GOVE"],
  keywords: keywords(
    { sv: ["län", "länskod", "NUTS", "kodlista"], en: ["county", "county code", "NUTS", "code list"] },
    SCB,
    { sv: ["Eurostat"], en: ["Eurostat"] },
  ),
})
