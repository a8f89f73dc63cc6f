// Type-level test, run by the type check of npm test: the row types follow the definitions.
import type { IndicatorValue, ProjectMunicipality } from "../schemas/types.ts"
const v: IndicatorValue = {
  indicator_id: "x",
  municipality_code: "2403",
  year: 2008,
  value: null,
  value_status: "not reported",
}
// @ts-expect-error a status outside the list
const w: IndicatorValue = { ...v, value_status: "unknown" }
const p: ProjectMunicipality = {
  project_id: "4k",
  municipality_code: "2403",
  role: "participant",
  lead_beneficiary: true,
}
void w
void p
