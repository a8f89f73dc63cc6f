/**
 * What a dataset's definition declares of measures and their values: the codebook whose rows
 * define the measures, and how a dataset of their values is read wide. Properties of
 * DatasetDefinition (schemas/dataset.ts).
 */
import type { Bilingual } from "./dataset.ts"

/**
 * A dataset whose rows define measures (a codebook of indicators): another dataset holds their
 * values by a foreign key to its key. `pipeline add` asks a delivery of values which measure they
 * are (`--indicator`), checked against the codebook's rows, or defines a new one beside them
 * (`--new-indicator`), its flags feeding the fields named here.
 */
export interface Codebook {
  /** The fields of a measure's name in Swedish and in English (`--label-sv`, `--label-en`). */
  readonly labelFields: Bilingual
  /** The field of its unit (`--unit`), one of a closed list. */
  readonly unitField: string
  /** The units whose values are whole numbers of at least 0. */
  readonly countUnits: ReadonlyArray<string>
  /** The fields of its definition in Swedish and in English (`--definition-sv`, `--definition-en`). */
  readonly definitionFields: Bilingual
  /**
   * The field naming the project whose goal it measures (`--project`); by that field's foreign
   * key, the project's period (`period`) bounds the years its values may be given for.
   */
  readonly projectField: string
  /** The field saying who produces the figures: for a measure defined with its values, their publisher. */
  readonly sourceField: string
}

/**
 * The dataset read wide, for analysis: one row per value of the `rows` fields, a column per value
 * of `on` for each field of `values` (named `<value>_<suffix>`), and the names of the places its
 * rows are about (the datasets of places its foreign keys lead to, and those they lie in). The
 * codebook and the dataset's page give the snippets that make it, under `title`.
 */
export interface WideView {
  readonly title: Bilingual
  /** What a row of it holds, in a sentence (English, for the codebook). */
  readonly holds: string
  readonly rows: ReadonlyArray<string>
  readonly on: string
  /** Each field read wide, to the suffix of its columns. */
  readonly values: { readonly [field: string]: string }
}

/** The fields a codebook names. */
export const codebookFields = (c: Codebook): ReadonlyArray<string> => [
  c.labelFields.sv,
  c.labelFields.en,
  c.unitField,
  c.definitionFields.sv,
  c.definitionFields.en,
  c.projectField,
  c.sourceField,
]
