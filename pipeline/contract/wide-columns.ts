/**
 * Which header columns of a wide delivery are values, one per column, and what each column's
 * label gives the layout's label field. Declared by forms that are matched in time linear in
 * the label, never by a pattern from the manifest (a regular expression such as `^(\d+)+$`
 * can take seconds on a label of thirty characters): a list of labels, a range of years, or a
 * prefix whose rest of the label is the value, alone or followed by a year.
 */
import { Schema } from "effect"
import { cleanText } from "../shared/text.ts"

const Label = Schema.String.check(Schema.isMinLength(1))
const Year = Schema.Int.check(Schema.isBetween({ minimum: 1000, maximum: 9999 }))

export const WideColumns = Schema.Union([
  /** Exactly these labels; each label is its value. */
  Schema.Struct({ labels: Schema.Array(Label).check(Schema.isMinLength(1)) }),
  /** Labels that are a year from the first to the last (after `prefix`, where given): `{ "years": [1950, 2019] }`. */
  Schema.Struct({ years: Schema.Tuple([Year, Year]), prefix: Schema.optionalKey(Label) }),
  /** Labels that begin with the prefix; the rest of the label is the value: `{ "prefix": "Folkmängd " }`. */
  Schema.Struct({ prefix: Label }),
]).annotate({
  description:
    'The columns that are values: { "years": [FIRST, LAST] } (labels that are years, optionally after a "prefix"), { "labels": ["…", …] }, or { "prefix": "…" } (the rest of the label is the value)',
})
export type WideColumns = typeof WideColumns.Type

const YEAR = /^[0-9]{4}$/u

/**
 * The matcher of a declaration: a header label (trimmed, NFC, as the readers give it) to the
 * value it gives the label field, or undefined when the column is not one of the wide ones.
 */
export const wideMatcher = (columns: WideColumns): ((label: string) => string | undefined) => {
  if ("labels" in columns) {
    const labels = new Set(columns.labels.map(cleanText))
    return (label) => (labels.has(label) ? label : undefined)
  }
  const prefix = columns.prefix ?? ""
  const years = "years" in columns ? columns.years : undefined
  return (label) => {
    if (!label.startsWith(prefix)) return undefined
    const rest = cleanText(label.slice(prefix.length))
    if (rest === "") return undefined
    if (years === undefined) return rest
    return YEAR.test(rest) && Number(rest) >= years[0] && Number(rest) <= years[1] ? rest : undefined
  }
}
