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
    sv: "Vem som finansierar ett projekt, med belopp där det är känt: för 4K (Konkurrenskraftiga Kranskommuner) kommunerna Nordmaling, Bjurholm, Robertsfors, Vindeln och Vännäs, Länsstyrelsen i Västerbotten och Europeiska regionala utvecklingsfonden (ERUF); för projekten i Tillväxtverkets register Projektbanken EU-stödet ur ERUF och den nationella offentliga medfinansieringen, 2007–2013. Varje belopp är finansiärens för hela projektet, i kronor eller euro (var sin kolumn), som källan anger det, inte en andel per kommun. Ett projekt i Tillväxtverkets register har två rader: EU-fondens stöd och den nationella offentliga medfinansieringen, som tillsammans är projektets offentliga finansiering. För 4K finns projektsidans finansiärer var för sig, kommunerna och länsstyrelsen utan belopp (hur den nationella medfinansieringen fördelades mellan dem är inte känt), och den nationella medfinansieringens summa som en egen rad: de rader i ett projekt som har belopp summerar till dess offentliga finansiering (projects.eu_funds_granted_* och national_public_funding_*).",
    en: "Who funds a project, with the amount where it is known: for 4K (Competitive Commuter-Belt Municipalities) the municipalities of Nordmaling, Bjurholm, Robertsfors, Vindeln and Vännäs, the County Administrative Board of Västerbotten and the European Regional Development Fund (ERDF); for the projects of Tillväxtverket's register Projektbanken the EU funds from the ERDF and the national public co-financing, 2007–2013. Each amount is the funder's for the whole project, in SEK or EUR (each in its own column), as the source states it, not a share per municipality. A project of Tillväxtverket's register has two rows: the EU fund's grant and the national public co-financing, together the project's public funding. For 4K, the project page's funders are listed one by one, the municipalities and the county administrative board without amounts (how the national co-financing was split among them is not known), and the national co-financing's total as a row of its own: the rows of a project that have amounts sum to its public funding (projects.eu_funds_granted_* and national_public_funding_*).",
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
        en: "Kind of funder. eu_fund: an EU fund, with its grant; national_public: all the national public co-financiers together, with their total, where the source does not split it (every project of the register, and 4K, whose co-financiers are also listed one by one: their amounts are parts of this row's, not additions to it); municipality, county_administrative_board: a co-financier named on its own",
        sv: "Typ av finansiär. eu_fund: en EU-fond, med sitt stöd; national_public: alla nationella offentliga medfinansiärer tillsammans, med sin summa, där källan inte delar upp den (varje projekt i registret, och 4K, vars medfinansiärer också anges var för sig: deras belopp är delar av denna rads, inte tillägg till den); municipality, county_administrative_board: en medfinansiär som anges för sig",
      },
      ["municipality", "county_administrative_board", "eu_fund", "national_public"],
      {
        municipality: { sv: "kommun", en: "municipality" },
        county_administrative_board: { sv: "länsstyrelse", en: "county administrative board" },
        eu_fund: { sv: "EU-fond", en: "EU fund" },
        national_public: { sv: "nationell offentlig medfinansiering", en: "national public co-financing" },
      },
    ),
    municipality_code: nullable(municipalityCode),
    amount_sek: nullable(
      integer(
        {
          en: "The funder's amount for the whole project, in SEK, as the source states it: an EU fund's grant (beviljat belopp), or the national public co-financing's total; null when stated in EUR, or not known (a co-financier's share of the national co-financing, say)",
          sv: "Finansiärens belopp för hela projektet, i kronor, som källan anger det: en EU-fonds stöd (beviljat belopp), eller den nationella offentliga medfinansieringens summa; tomt när det anges i euro, eller inte är känt (en medfinansiärs andel av den nationella medfinansieringen, till exempel)",
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
          en: "The funder's amount for the whole project, in EUR, where the source states it in EUR, as the register does for its Interreg IVA projects (null otherwise)",
          sv: "Finansiärens belopp för hela projektet, i euro, där källan anger det i euro, som registret gör för sina Interreg IVA-projekt (tomt annars)",
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
  onPage: {
    heading: { sv: "Finansiering", en: "Funding" },
    anchor: "funding",
    order: [{ field: "funder_type" }, { field: "funder_id" }],
    show: {
      table: "Finansiärer och belopp",
      columns: [
        { label: { sv: "Finansiär" }, fields: ["funder_name"] },
        { label: { sv: "Typ" }, fields: ["funder_type"] },
        { label: { sv: "Belopp", en: "Amount" }, fields: ["amount_sek", "amount_eur"] },
      ],
    },
  },
  themes: ["REGI", "ECON"],
  keywords: keywords(
    { sv: ["finansiering", "finansiärer", "medfinansiering"], en: ["funding", "funders", "co-financing"] },
    FOUR_K,
    FOUR_K_PLACES,
    ERDF,
    REGISTER,
  ),
})
