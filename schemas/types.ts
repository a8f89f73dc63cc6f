/** The record type of each dataset, derived from its definition (nothing written twice). */
import type { Row } from "./dataset.ts"
import type * as D from "./datasets/index.ts"

export type County = Row<typeof D.counties>
export type Municipality = Row<typeof D.municipalities>
export type Project = Row<typeof D.projects>
export type ProjectMunicipality = Row<typeof D.projectMunicipalities>
export type ProjectFunder = Row<typeof D.projectFunders>
export type ProjectActivity = Row<typeof D.projectActivities>
export type ProjectGoal = Row<typeof D.projectGoals>
export type ProjectTargetGroup = Row<typeof D.projectTargetGroups>
export type Indicator = Row<typeof D.indicators>
export type IndicatorValue = Row<typeof D.indicatorValues>
