/**
 * Missing values say why they are missing: each marker found where a number should stand
 * (`..`, `-`) and each column of values with empty cells, when no column says why, is asked
 * about with `--missing`; what was given is shown with where it stands. Pure.
 */
import { MISSING_LABELS } from "../../schemas/common-fields.ts"
import type { Column } from "../../schemas/derive/columns.ts"
import type { MissingMarker } from "../contract/manifest-schema.ts"
import { type Guess, question, type Question, quoted } from "./evidence.ts"
import type { ColumnValues, NumberFormatFound } from "./number-format.ts"

const LABELS = MISSING_LABELS.join(", ")

export const missingValues = <C extends ColumnValues>(
  cells: ReadonlyArray<C>,
  fieldOf: (c: C) => Column | undefined,
  /** The fields a column or the layout feeds. */
  mapped: ReadonlySet<string>,
  markers: NumberFormatFound["markers"],
  given: ReadonlyArray<MissingMarker>,
  /** Where a column's cell stands: `column Antal, line 7`, or `Blad1!C7, column Antal` in a workbook. */
  place: (label: string, line: number) => string,
): { readonly guesses: ReadonlyArray<Guess>; readonly questions: ReadonlyArray<Question> } => {
  const guesses: Guess[] = []
  const questions: Question[] = []
  const declared = new Set(given.map((m) => m.value))
  for (const m of given) {
    const at = markers.get(m.value)
    guesses.push({
      subject: `missing ${quoted(m.value)}`,
      value: m.label,
      evidence: `given with --missing${at === undefined ? "" : `; ${place(at.column, at.line)}`}`,
    })
  }
  for (const [value, at] of markers) {
    if (declared.has(value)) continue
    questions.push(
      question(
        "--missing",
        `${quoted(value)} stands where a number should (${place(at.column, at.line)}${at.count > 1 ? `, ${at.count} cells` : ""}): a missing value, but why? one of ${LABELS}`,
        `--missing="${value}=not reported"`,
      ),
    )
  }
  for (const c of cells) {
    const field = fieldOf(c)
    const labelField = field?.missingLabelField
    if (labelField === undefined || mapped.has(labelField) || declared.has("")) continue
    const empty = c.values.indexOf("")
    if (empty >= 0)
      questions.push(
        question(
          "--missing",
          `column ${c.label} (${field!.name}) has empty cells (${place(c.labels?.[empty] ?? c.label, c.lines[empty]!)}), and no column says why a value is missing: one of ${LABELS}`,
          `--missing="=not reported"`,
        ),
      )
  }
  return { guesses, questions }
}
