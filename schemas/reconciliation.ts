/**
 * How a dataset that deliveries and registers both describe is reconciled: part of its
 * definition (DatasetDefinition's `reconcile`), read by pipeline/reconcile.
 */

/**
 * One aspect of a row that reconciliation compares, made of `fields`, compared as `compare` says:
 * - `text`: the same text apart from letter case and spacing;
 * - `title`: as `text`, also where one source writes the value of the field `before` ahead of it
 *   ("4K - …");
 * - `equal`: every field equal;
 * - `amount`: the first of the fields that is given, in the field's unit, equal in amount and unit;
 * - `set`: the same set of values of the one field, over the rows of the dataset `from` names that
 *   refer to the row (those whose field `where` names holds one of its values, where it says).
 */
export interface ReconciledAspect {
  readonly name: string
  readonly fields: ReadonlyArray<string>
  readonly compare: "text" | "title" | "equal" | "amount" | "set"
  readonly before?: string
  readonly from?: {
    readonly dataset: string
    readonly where?: { readonly field: string; readonly values: ReadonlyArray<string> }
  }
  /** How the values were compared, in words, for the report. */
  readonly compared: string
}

/**
 * A dataset that deliveries and registers both describe: where a delivery's row and a register's
 * have the same value of `match` (a register's case number), the delivery's row is published in
 * place of the register's, and the two are compared aspect by aspect in the quality report.
 */
export interface Reconciliation {
  readonly match: string
  readonly aspects: ReadonlyArray<ReconciledAspect>
  /** What the comparison is, for the quality report. */
  readonly description: string
}
