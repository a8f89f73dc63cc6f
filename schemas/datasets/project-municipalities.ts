import { defineDataset } from "../dataset.ts"
import { boolean, nullable, oneOf } from "../field.ts"
import { municipalityCode, projectId } from "../common-fields.ts"

export const projectMunicipalities = defineDataset({
  name: "project_municipalities",
  title: { sv: "Projektens kommuner", en: "Project municipalities" },
  description: {
    sv: "Kommuner som deltar i eller nämns av ett projekt, med sin roll.",
    en: "Municipalities taking part in, or named by, a project, with their role.",
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
  keywords: { sv: ["projekt", "kommun"], en: ["project", "municipality"] },
})
