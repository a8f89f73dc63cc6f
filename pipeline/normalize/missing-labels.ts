/** The declared missing-value markers as the normalization reads them. */
import type { MissingMarker } from "../contract/manifest-schema.ts"
import { cleanText } from "../shared/text.ts"

export type MissingLabel = MissingMarker["label"]

/**
 * The declared missing-value markers by their cleaned text, the first of a text winning: the
 * table of the one rule of a missing value, which the SQL renders with missingSql
 * (sql-cells.ts). A marker declared as "" (or as white space) labels the empty cells.
 */
export const missingLabels = (markers: ReadonlyArray<MissingMarker>): ReadonlyMap<string, MissingLabel> => {
  const labels = new Map<string, MissingLabel>()
  for (const m of markers) {
    const text = cleanText(m.value)
    if (!labels.has(text)) labels.set(text, m.label)
  }
  return labels
}
