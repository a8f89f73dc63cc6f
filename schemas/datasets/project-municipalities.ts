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
    sv: "Kommuner som deltar i eller nämns av ett projekt, en rad per projekt och kommun, med kommunens roll: de fem kommuner som drev 4K (Konkurrenskraftiga Kranskommuner), Nordmaling, Bjurholm, Robertsfors, Vindeln och Vännäs, och Umeå som regionens centralort; och för varje projekt i Tillväxtverkets register Projektbanken (Europeiska regionala utvecklingsfonden, ERUF, 2007–2013) de kommuner som registret anger att projektet omfattar. Ett projekt som registret inte anger några kommuner för har inga rader: i Projektbankens export är det Interreg IVA-projekt (gränsöverskridande samarbete) med tom kommunfördelning, där registret bara anger regionerna på var sida om gränsen (länsfördelning, norska, danska och finska regioner bland dem), som denna datamängd inte har. Inget belopp delas upp per kommun: ett projekts belopp (projects, project_funders) gäller hela projektet.",
    en: "Municipalities taking part in, or named by, a project, one row per project and municipality, with the municipality's role: the five municipalities that ran 4K (Competitive Commuter-Belt Municipalities), Nordmaling, Bjurholm, Robertsfors, Vindeln and Vännäs, and Umeå as the region's centre; and for each project of Tillväxtverket's register Projektbanken (European Regional Development Fund, ERDF, 2007–2013) the municipalities the register says the project covers. A project the register lists no municipalities for has no rows: in Projektbanken's export these are Interreg IVA projects (cross-border cooperation) whose kommunfördelning is empty, for which the register names only the regions on either side of the border (länsfördelning, Norwegian, Danish and Finnish regions among them), which this dataset does not hold. No amount is split by municipality: a project's amounts (projects, project_funders) are the whole project's.",
  },
  fields: {
    project_id: projectId,
    municipality_code: municipalityCode,
    role: oneOf(
      {
        en: "participant: takes part in the project, as the project names its members (4K's five municipalities, from its page); regional_centre: named by the project as the centre of its region (Umeå, for 4K), neither taking part in it nor funding it; project_area: listed by Tillväxtverket's Projektbanken among the municipalities the project covers (kommunfördelning), which says nothing of how it takes part, nor of any share of the amounts",
        sv: "participant: deltar i projektet, som projektet anger sina medlemmar (4K:s fem kommuner, från projektsidan); regional_centre: nämnd av projektet som regionens centralort (Umeå, för 4K), varken deltagande eller finansierande; project_area: en av kommunerna som Tillväxtverkets Projektbanken anger att projektet omfattar (kommunfördelning), vilket inte säger hur den deltar, eller någon andel av beloppen",
      },
      ["participant", "regional_centre", "project_area"],
      {
        participant: { sv: "deltagare", en: "participant" },
        regional_centre: { sv: "regionens centralort", en: "the region's centre" },
        project_area: { sv: "omfattas enligt registret", en: "covered, as the register says" },
      },
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
  onPage: {
    heading: { sv: "Kommuner", en: "Municipalities" },
    anchor: "municipalities",
    show: {
      table: "Kommunerna i projektet",
      columns: [
        { label: { sv: "Kommun" }, fields: ["municipality_code"], as: "name" },
        { label: { sv: "Kommunkod" }, fields: ["municipality_code"], as: "code" },
        { label: { sv: "Roll", en: "Role" }, fields: ["role"] },
        { label: { sv: "Projektägare" }, fields: ["lead_beneficiary"] },
      ],
    },
  },
  themes: ["REGI", "ECON"],
  keywords: keywords(
    { sv: ["projekt", "kommun", "Umeå"], en: ["project", "municipality", "Umeå"] },
    FOUR_K,
    FOUR_K_PLACES,
    ERDF,
    REGISTER,
  ),
})
