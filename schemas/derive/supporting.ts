/**
 * How the supporting tables (code lists, the deliveries) stand to the other datasets, derived
 * from the foreign keys: a supporting table supports every dataset it shares a foreign key
 * with, whichever way the key points.
 */
import type { DatasetDefinition } from "../dataset.ts"

const refersTo = (from: DatasetDefinition, to: DatasetDefinition) =>
  from.foreignKeys.some((fk) => fk.reference.dataset === to.name)

const linked = (a: DatasetDefinition, b: DatasetDefinition) => a.name !== b.name && (refersTo(a, b) || refersTo(b, a))

/** The supporting tables a dataset is linked to, in the order of `datasets`. */
export const supportingOf = (
  d: DatasetDefinition,
  datasets: ReadonlyArray<DatasetDefinition>,
): ReadonlyArray<DatasetDefinition> => datasets.filter((s) => s.supporting === true && linked(d, s))

/** The datasets a supporting table supports, in the order of `datasets`. */
export const supportedBy = (
  s: DatasetDefinition,
  datasets: ReadonlyArray<DatasetDefinition>,
): ReadonlyArray<DatasetDefinition> => datasets.filter((d) => linked(d, s))
