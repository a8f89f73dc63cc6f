import { defineDataset } from "../dataset.ts"
import { boolean, nullable, oneOf } from "../field.ts"
import { municipalityCode, projectId } from "../common-fields.ts"
import { ERDF, FOUR_K, FOUR_K_PLACES, keywords, REGISTER } from "../common-keywords.ts"

export const projectMunicipalities = defineDataset({
  name: "project_municipalities",
  title: {
    sv: "Kommuner i 4K – Konkurrenskraftiga Kranskommuner – och i ERUF-projekt 2007–2013 i Tillväxtverkets Projektbanken",
    en: "Municipalities of 4K – Competitive Commuter-Belt Municipalities – and of ERDF projects 2007–2013 in Tillväxtverket's Projektbanken",
  },
  description: {
    sv: "Kommuner som deltar i eller nämns av ett projekt, en rad per projekt och kommun, med kommunens roll: de fem kommuner som drev 4K (Konkurrenskraftiga Kranskommuner), Nordmaling, Bjurholm, Robertsfors, Vindeln och Vännäs, och Umeå som regionens centralort; och för varje projekt i Tillväxtverkets register Projektbanken (Europeiska regionala utvecklingsfonden, ERUF, 2007–2013) de kommuner som registret anger att projektet omfattar.",
    en: "Municipalities taking part in, or named by, a project, one row per project and municipality, with the municipality's role: the five municipalities that ran 4K (Competitive Commuter-Belt Municipalities), Nordmaling, Bjurholm, Robertsfors, Vindeln and Vännäs, and Umeå as the region's centre; and for each project of Tillväxtverket's register Projektbanken (European Regional Development Fund, ERDF, 2007–2013) the municipalities the register says the project covers.",
  },
  fields: {
    project_id: projectId,
    municipality_code: municipalityCode,
    role: oneOf(
      {
        en: "participant: takes part in the project; regional_centre: the region's hub, named but not taking part; project_area: listed by Tillväxtverket's Projektbanken among the municipalities the project covers (kommunfördelning)",
        sv: "participant: deltar i projektet; regional_centre: regionens centralort, nämnd men inte deltagande; project_area: en av kommunerna som Tillväxtverkets Projektbanken anger att projektet omfattar (kommunfördelning)",
      },
      ["participant", "regional_centre", "project_area"],
    ),
    lead_beneficiary: nullable(
      boolean({
        en: "Whether the municipality is the project's lead beneficiary (null where the source does not say)",
        sv: "Om kommunen är projektägare (tomt där källan inte anger det)",
      }),
    ),
  },
  primaryKey: ["project_id", "municipality_code"],
  foreignKeys: [
    { fields: ["project_id"], reference: { dataset: "projects", fields: ["project_id"] } },
    { fields: ["municipality_code"], reference: { dataset: "municipalities", fields: ["municipality_code"] } },
  ],
  themes: ["REGI", "ECON"],
  keywords: keywords(
    { sv: ["projekt", "kommun", "Umeå"], en: ["project", "municipality", "Umeå"] },
    FOUR_K,
    FOUR_K_PLACES,
    ERDF,
    REGISTER,
  ),
})
