/** The record type of each dataset, derived from its definition (nothing written twice). */
import type { Row } from "./dataset.ts"
import type { counties } from "./datasets/counties.ts"
import type { deliveries } from "./datasets/deliveries.ts"
import type { indicatorValues } from "./datasets/indicator-values.ts"
import type { indicators } from "./datasets/indicators.ts"
import type { municipalities } from "./datasets/municipalities.ts"
import type { projectActivities } from "./datasets/project-activities.ts"
import type { projectFunders } from "./datasets/project-funders.ts"
import type { projectGoals } from "./datasets/project-goals.ts"
import type { projectMunicipalities } from "./datasets/project-municipalities.ts"
import type { projectTargetGroups } from "./datasets/project-target-groups.ts"
import type { projects } from "./datasets/projects.ts"

export type Delivery = Row<typeof deliveries>
export type County = Row<typeof counties>
export type Municipality = Row<typeof municipalities>
export type Project = Row<typeof projects>
export type ProjectMunicipality = Row<typeof projectMunicipalities>
export type ProjectFunder = Row<typeof projectFunders>
export type ProjectActivity = Row<typeof projectActivities>
export type ProjectGoal = Row<typeof projectGoals>
export type ProjectTargetGroup = Row<typeof projectTargetGroups>
export type Indicator = Row<typeof indicators>
export type IndicatorValue = Row<typeof indicatorValues>
