/**
 * Why the normalization refuses a cell: the codes the SQL records for each refused cell, which
 * explain-refusal.ts turns into problems with their messages.
 */
export const REASONS = {
  /** The cell holds more characters than a cell may. */
  tooLong: "too-long",
  /** The manifest's categories give no value for the cell's columns. */
  category: "category",
  /** A field that must have a value is empty or marked missing, or its column is absent. */
  required: "required",
  /** The text is not of the field's type (a number, a date, true or false). */
  type: "type",
  /** A date written as YYYY-MM-DD that no calendar has. */
  noSuchDate: "no-such-date",
  /** A "code name" cell not written so. */
  codeName: "code-name",
  /** A "code name" cell whose known code has another name. */
  codeNameMismatch: "code-name-mismatch",
  /** A name looked up where no list of names is delivered. */
  noNames: "no-names",
  /** A name the list does not hold. */
  unknownName: "unknown-name",
  /** A name the list holds for more than one code. */
  ambiguousName: "ambiguous-name",
} as const

export type Reason = (typeof REASONS)[keyof typeof REASONS]
