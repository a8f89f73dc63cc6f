import { defineDataset } from "../dataset.ts"
import { text } from "../field.ts"
import { countyCode, municipalityCode } from "../common-fields.ts"
import { keywords, SCB } from "../common-keywords.ts"

export const municipalities = defineDataset({
  name: "municipalities",
  title: {
    sv: "Sveriges kommuner med kommunkod och län (SCB)",
    en: "Municipalities of Sweden with their code and county (Statistics Sweden)",
  },
  description: {
    sv: "Stödtabell: SCB:s kodlista över Sveriges 290 kommuner med kommunkod, namn och länskod, som kommunkoderna i projektens kommuner och finansiärer och i indikatorvärdena hänvisar till, bland dem 4K-kommunerna Nordmaling (2401), Bjurholm (2403), Vindeln (2404), Robertsfors (2409) och Vännäs (2460). En kopia av SCB:s lista, inte utgivarens egna data.",
    en: "Supporting table: Statistics Sweden's (SCB) code list of the 290 municipalities of Sweden with their code, name and county code, which the municipality codes of the projects' municipalities and funders and of the indicator values refer to, among them the 4K municipalities Nordmaling (2401), Bjurholm (2403), Vindeln (2404), Robertsfors (2409) and Vännäs (2460). A copy of Statistics Sweden's list, not data of the publisher's own.",
  },
  fields: {
    municipality_code: municipalityCode,
    municipality_name: text({
      en: "Name of the municipality",
      sv: "Kommunens namn",
      headerWords: ["kommunnamn", "namn", "name", "municipality name"],
    }),
    county_code: countyCode,
  },
  primaryKey: ["municipality_code"],
  // Deliveries may name a municipality instead of giving its code.
  nameLookup: { key: "municipality_code", name: "municipality_name", noun: "municipality" },
  foreignKeys: [{ fields: ["county_code"], reference: { dataset: "counties", fields: ["county_code"] } }],
  supporting: true,
  places: { name: "municipality_name", within: "county_code", called: { sv: "kommuner", en: "municipalities" } },
  themes: ["REGI", "GOVE"],
  keywords: keywords(
    { sv: ["kommun", "kommunkod", "kodlista"], en: ["municipality", "municipality code", "code list"] },
    SCB,
  ),
})
