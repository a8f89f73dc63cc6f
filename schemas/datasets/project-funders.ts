import { defineDataset } from "../dataset.ts"
import { code, integer, nullable, oneOf, text } from "../field.ts"
import { missingLabel, municipalityCode, projectId } from "../common-fields.ts"
import { ERDF, FOUR_K, FOUR_K_PLACES, keywords, REGISTER } from "../common-keywords.ts"

export const projectFunders = defineDataset({
  name: "project_funders",
  title: {
    sv: "Finansiärer och belopp för 4K – Konkurrenskraftiga Kranskommuner – och ERUF-projekt 2007–2013",
    en: "Funders and amounts of 4K – Competitive Commuter-Belt Municipalities – and of ERDF projects 2007–2013",
  },
  description: {
    sv: "Vem som finansierar ett projekt, med belopp där det är känt: för 4K (Konkurrenskraftiga Kranskommuner) kommunerna Nordmaling, Bjurholm, Robertsfors, Vindeln och Vännäs, Länsstyrelsen i Västerbotten och Europeiska regionala utvecklingsfonden (ERUF); för projekten i Tillväxtverkets register Projektbanken EU-stödet ur ERUF och den nationella offentliga medfinansieringen, 2007–2013.",
    en: "Who funds a project, with the amount where it is known: for 4K (Competitive Commuter-Belt Municipalities) the municipalities of Nordmaling, Bjurholm, Robertsfors, Vindeln and Vännäs, the County Administrative Board of Västerbotten and the European Regional Development Fund (ERDF); for the projects of Tillväxtverket's register Projektbanken the EU funds from the ERDF and the national public co-financing, 2007–2013.",
  },
  fields: {
    project_id: projectId,
    funder_id: code(
      { en: "Identifier of the funder within the project", sv: "Finansiärens identifierare inom projektet" },
      /^[a-z0-9][a-z0-9-]*$/u,
      "a lower-case identifier of letters, digits and hyphens",
    ),
    funder_name: text({ en: "Name of the funder", sv: "Finansiärens namn" }),
    funder_type: oneOf(
      {
        en: "Kind of funder; national_public: all national public co-financiers together, where the source does not split them",
        sv: "Typ av finansiär; national_public: alla nationella offentliga medfinansiärer tillsammans, där källan inte delar upp dem",
      },
      ["municipality", "county_administrative_board", "eu_fund", "national_public"],
    ),
    municipality_code: nullable(municipalityCode),
    amount_sek: nullable(
      integer(
        {
          en: "Amount the funder granted, in SEK, as the source states it (null when stated in EUR or not known)",
          sv: "Belopp som finansiären beviljat, i kronor, som källan anger det (tomt när det anges i euro eller inte är känt)",
          unit: "SEK",
          missingLabelField: "amount_status",
        },
        { minimum: 0, maximum: 1e12 },
        true,
      ),
    ),
    amount_eur: nullable(
      integer(
        {
          en: "Amount the funder granted, in EUR, where the source states it in EUR (null otherwise)",
          sv: "Belopp som finansiären beviljat, i euro, där källan anger det i euro (tomt annars)",
          unit: "EUR",
        },
        { minimum: 0, maximum: 1e12 },
        true,
      ),
    ),
    amount_status: nullable(missingLabel("the amount", "beloppet")),
  },
  primaryKey: ["project_id", "funder_id"],
  rowRules: [{ fields: ["amount_sek", "amount_eur"], labelledBy: "amount_status" }],
  foreignKeys: [
    { fields: ["project_id"], reference: { dataset: "projects", fields: ["project_id"] } },
    { fields: ["municipality_code"], reference: { dataset: "municipalities", fields: ["municipality_code"] } },
  ],
  themes: ["REGI", "ECON"],
  keywords: keywords(
    { sv: ["finansiering", "finansiärer", "medfinansiering"], en: ["funding", "funders", "co-financing"] },
    FOUR_K,
    FOUR_K_PLACES,
    ERDF,
    REGISTER,
  ),
})
