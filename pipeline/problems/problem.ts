/**
 * The one error type of the pipeline. A problem is plain data: a stable code, where it is, the
 * offending value and a sentence. Stages return problems; only the CLI renders them.
 */

export type ProblemCode =
  | "manifest/invalid"
  | "manifest/replaces"
  | "manifest/withdrawn"
  | "manifest/erased"
  | "manifest/too-many-deliveries"
  | "manifest/published"
  | "manifest/publisher"
  | "manifest/on-behalf"
  | "file/undeclared"
  | "file/missing"
  | "file/checksum"
  | "file/encoding"
  | "file/empty"
  | "file/no-rows"
  | "file/line-ending"
  | "file/nul"
  | "file/conflict-marker"
  | "file/bom"
  | "file/symlink"
  | "file/name"
  | "file/json"
  | "file/xlsx"
  | "file/sheet"
  | "file/too-large"
  | "json/too-deep"
  | "json/too-many-values"
  | "xlsx/too-many-parts"
  | "xlsx/part-too-large"
  | "xlsx/too-large"
  | "xlsx/extent"
  | "source/quote"
  | "source/suspect"
  | "source/fetch"
  | "snapshot/exists"
  | "snapshot/date"
  | "header/missing-label"
  | "header/delimiter"
  | "header/extra-label"
  | "header/duplicate-label"
  | "header/too-many-columns"
  | "row/extra-cell"
  | "row/missing-cell"
  | "row/primary-key"
  | "row/foreign-key"
  | "row/period"
  | "cell/required"
  | "cell/type"
  | "cell/constraint"
  | "cell/unknown-name"
  | "cell/ambiguous-name"
  | "cell/formula"
  | "cell/too-long"
  | "release/check"
  | "release/personal-data"
  | "release/locked"

export type Severity = "error" | "warning"

export interface Problem {
  readonly code: ProblemCode
  readonly severity: Severity
  /** Path of the file as the user named it (e.g. `raw/4k/kommuner.csv`). */
  readonly file: string
  /** The sheet of a workbook delivery; `line` is then the row and `column` the column number. */
  readonly sheet?: string | undefined
  /** Physical line, 1-based. */
  readonly line?: number | undefined
  /** Column: the field's position (CSV) or the character column (JSON), 1-based. */
  readonly column?: number | undefined
  /** The column's name in the source (header label or JSON key). */
  readonly columnName?: string | undefined
  /** The offending source value, as read. */
  readonly value?: string | null | undefined
  readonly message: string
}

export const problem = (p: Omit<Problem, "severity"> & { severity?: Severity }): Problem => ({
  severity: "error",
  ...p,
})

/** Problems of a single row, which a delivery may declare excluded instead of refused. */
export const isRowProblem = (p: Problem): boolean => p.code.startsWith("row/") || p.code.startsWith("cell/")

/** The warning a row problem becomes when its delivery excludes invalid rows. */
export const asExcluded = (p: Problem): Problem => ({
  ...p,
  severity: "warning",
  message: `row left out: ${p.message}`,
})

/** Orders problems by file, then position, so reports are stable. */
export const compareProblems = (a: Problem, b: Problem): number =>
  a.file.localeCompare(b.file, "en") ||
  (a.line ?? 0) - (b.line ?? 0) ||
  (a.column ?? 0) - (b.column ?? 0) ||
  a.code.localeCompare(b.code, "en")
