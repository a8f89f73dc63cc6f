/** A change the pipeline made to a source value, published with the release. */
export interface Correction {
  readonly dataset: string
  readonly file: string
  readonly line: number
  readonly column: number | null
  readonly column_name: string | null
  readonly field: string
  readonly source_value: string
  readonly new_value: string
  readonly reason: string
}

/** The published columns of the corrections, in order. */
export const CORRECTION_COLUMNS = [
  "dataset",
  "file",
  "line",
  "column",
  "column_name",
  "field",
  "source_value",
  "new_value",
  "reason",
] as const
