/**
 * What every row of a described delivery needs, said before it is validated: a value for each
 * required field (a column, a constant, or the measure named with `--indicator`), and years
 * inside the period of the project its measure belongs to. Pure.
 */
import type { Column } from "../../schemas/derive/columns.ts"
import { question, type Question, someOf } from "./evidence.ts"
import type { CodebookRole, KnownIndicator, ProjectPeriod } from "./roles.ts"

/** The note that some of the years the file gives lie outside the project's period, if any do. */
export const outsidePeriodNote = (
  years: ReadonlyArray<string> | undefined,
  period: ProjectPeriod | undefined,
): string | undefined => {
  const outside = [...new Set(years ?? [])].filter(
    (y) => period !== undefined && (y < period.start.slice(0, 4) || y > period.end.slice(0, 4)),
  )
  return outside.length === 0
    ? undefined
    : `${someOf(outside.sort(), 5)} ${outside.length === 1 ? "is" : "are"} outside the project's period: validate will refuse ${outside.length === 1 ? "it" : "them"} (row/period)`
}

/** A question for each required field nothing fills. */
export const requiredFieldQuestions = (
  definitions: ReadonlyArray<Column>,
  o: {
    readonly dataset: string
    /** Whether a column or a constant gives the field. */
    readonly filled: (field: string) => boolean
    readonly codebook: CodebookRole | undefined
    /** The measures the release has. */
    readonly measures: ReadonlyArray<KnownIndicator> | undefined
    /** Whether `--indicator` or `--new-indicator` was given. */
    readonly indicatorGiven: boolean
    /** Whether the columns or the layout were asked about already, which may fill the field. */
    readonly asked: boolean
  },
): Question[] => {
  const questions: Question[] = []
  for (const d of definitions) {
    if (d.nullable || o.filled(d.name)) continue
    if (d.name === o.codebook?.field) {
      if (!o.indicatorGiven)
        questions.push(
          question(
            "--indicator",
            `which indicator do the values measure? the file has no column of ${o.codebook.dataset.name}: name one the release has${o.measures === undefined ? "" : ` (${o.measures.map((i) => i.id).join(", ")})`}, or define a new one with --new-indicator ID --label-sv TEXT --label-en TEXT --unit UNIT`,
            `--indicator ${o.measures?.[0]?.id ?? "ID"}`,
          ),
        )
      continue
    }
    if (!o.asked)
      questions.push(
        question(
          "--set",
          `no column gives ${d.name}, which every row of ${o.dataset} needs: map a column to it, or give its one value`,
          `--set ${d.name}=VALUE (or --column "LABEL=${d.name}")`,
        ),
      )
  }
  return questions
}
