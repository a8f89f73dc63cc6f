/**
 * Every published dataset, in the order they are built: a dataset after those it refers to, and
 * last, where the rows of each dataset fed by deliveries come from (schemas/provenance.ts).
 */
import { isDelivered, type DatasetDefinition } from "../dataset.ts"
import { provenanceOf } from "../provenance.ts"
import { deliveries } from "./deliveries.ts"
import { counties } from "./counties.ts"
import { municipalities } from "./municipalities.ts"
import { projects } from "./projects.ts"
import { projectMunicipalities } from "./project-municipalities.ts"
import { projectFunders } from "./project-funders.ts"
import { projectActivities } from "./project-activities.ts"
import { projectGoals } from "./project-goals.ts"
import { projectTargetGroups } from "./project-target-groups.ts"
import { indicators } from "./indicators.ts"
import { indicatorValues } from "./indicator-values.ts"

const DATA: ReadonlyArray<DatasetDefinition> = [
  deliveries,
  counties,
  municipalities,
  projects,
  projectMunicipalities,
  projectFunders,
  projectActivities,
  projectGoals,
  projectTargetGroups,
  indicators,
  indicatorValues,
] as unknown as ReadonlyArray<DatasetDefinition>

export const DATASETS: ReadonlyArray<DatasetDefinition> = [...DATA, ...DATA.filter(isDelivered).map(provenanceOf)]
