/**
 * A table with one column per year (SCB's `Kommun, 1950 … 2019`) proposed as a wide layout:
 * the columns labelled by years, after the same text or none, are the values of a year field,
 * each cell a value of the one numeric field left; declared in the entry by the range of years
 * (`{ "years": [1950, 2019] }`), not column by column. `--wide FIELD[=VALUE]` says it, `--wide
 * none` maps the columns one by one. Pure.
 */
import type { Column } from "../../schemas/derive/columns.ts"
import type { WideColumns } from "../contract/wide-columns.ts"
import { guess, type Guess, question, type Question, quoted } from "./evidence.ts"
import { fieldsNamed } from "./field-labels.ts"
import type { GivenColumn } from "./match-columns.ts"
import type { ColumnValues } from "./number-format.ts"

/** How `--wide` answers: the label field (and the value field), or "none". */
export type WideFlag = { readonly labelField: string; readonly valueField: string | undefined } | "none"

export interface WideLayout {
  readonly columns: WideColumns
  readonly labelField: string
  readonly valueField: string
}

export interface WideProposal {
  readonly layout: WideLayout | undefined
  /** The header labels the layout reads as values, in the header's order. */
  readonly labels: ReadonlyArray<string>
  readonly guesses: ReadonlyArray<Guess>
  readonly questions: ReadonlyArray<Question>
}

const NUMERIC = new Set(["DOUBLE", "INTEGER", "BIGINT"])

/** A label that ends in a year, split: `Folkmängd 2010` → prefix `Folkmängd `, year 2010. */
const yearLabel = (label: string): { readonly prefix: string; readonly year: number } | undefined => {
  const year = label.slice(-4)
  const before = label.at(-5) ?? ""
  if (!/^[0-9]{4}$/u.test(year) || /[0-9]/u.test(before)) return undefined
  const n = Number(year)
  return n >= 1900 && n <= 2100 ? { prefix: label.slice(0, -4), year: n } : undefined
}

const none: WideProposal = { layout: undefined, labels: [], guesses: [], questions: [] }

/**
 * The wide layout of a header, if its columns are years, of the dataset's fields that no
 * constant gives, and unless a column names the year field or is given to it with --column.
 */
export const proposeWide = (
  header: ReadonlyArray<string>,
  definitions: ReadonlyArray<Column>,
  /** The dataset's field of each row's year (its `period`). */
  yearField: string | undefined,
  given: {
    readonly columns: ReadonlyMap<string, GivenColumn>
    readonly constants: Readonly<Record<string, string>>
    readonly wide: WideFlag | undefined
  },
): WideProposal => {
  const flag = given.wide
  const isYearField = (c: Column) => c.type === "INTEGER" && c.name === yearField
  // Year columns given one by one with --column are not proposed as one.
  if (flag === "none" || (flag === undefined && header.some((l) => yearLabel(l) !== undefined && given.columns.has(l))))
    return none
  const named = new Set([
    ...[...given.columns.values()].flatMap((g) => ("field" in g ? [g.field] : [])),
    ...header.flatMap((label) => fieldsNamed(label, definitions)),
  ])
  const fields = definitions.filter((d) => given.constants[d.name] === undefined)
  const byPrefix = new Map<string, Array<{ label: string; year: number }>>()
  for (const label of header) {
    const y = yearLabel(label)
    if (y !== undefined) byPrefix.set(y.prefix, [...(byPrefix.get(y.prefix) ?? []), { label, year: y.year }])
  }
  const free = fields.filter((f) => !named.has(f.name))
  const labelField = flag === undefined ? free.find(isYearField) : fields.find((f) => f.name === flag.labelField)
  if (byPrefix.size === 0 || labelField === undefined) {
    if (flag === undefined) return none
    return ask(
      `--wide ${flag.labelField} reads columns labelled by years (1950, "Folkmängd 2010"), and the header has none: map the columns with --column, or leave out --wide`,
      "--wide none",
    )
  }
  if (!isYearField(labelField))
    return ask(
      `--wide reads columns labelled by years into a year field; ${labelField.name} is not one: name the year field`,
      `--wide ${yearField ?? "FIELD"}`,
    )
  if (byPrefix.size > 1)
    return flag === undefined
      ? none
      : ask(
          `the columns labelled by years begin in ${byPrefix.size} ways (${[...byPrefix.keys()].map(quoted).join(", ")}): a wide layout reads columns that begin alike; map the others with --column`,
          "--wide none",
        )
  const [prefix, columns] = [...byPrefix][0]!
  const values = free.filter((f) => NUMERIC.has(f.type) && f.name !== labelField.name)
  const valueField =
    flag?.valueField === undefined
      ? values.length === 1
        ? values[0]!.name
        : undefined
      : fields.find((f) => f.name === flag.valueField)?.name
  if (valueField === undefined)
    return ask(
      `which field do the cells of the year columns feed? ${values.length === 0 ? "no numeric field is left" : `one of ${values.map((f) => f.name).join(", ")}`}`,
      `--wide ${labelField.name}=${values[0]?.name ?? "FIELD"}`,
    )
  const years = columns.map((c) => c.year)
  const [first, last] = [Math.min(...years), Math.max(...years)]
  const span = `${columns.length === 1 ? "column" : `${columns.length} columns`} ${prefix}${first}${first === last ? "" : `–${prefix}${last}`}`
  return {
    layout: {
      columns: prefix === "" ? { years: [first, last] } : { prefix, years: [first, last] },
      labelField: labelField.name,
      valueField,
    },
    labels: columns.map((c) => c.label),
    guesses: [
      guess(
        "wide layout",
        `${span}: the label → ${labelField.name}, the cell → ${valueField}`,
        flag === undefined
          ? `${columns.length === 1 ? "its label is a year" : "their labels are years"}${prefix === "" ? "" : ` after ${quoted(prefix)}`}; --wide none maps them one by one`
          : "given with --wide",
      ),
    ],
    questions: [],
  }
}

const ask = (text: string, example: string): WideProposal => ({
  ...none,
  questions: [question("--wide", text, example)],
})

/** The cells of a wide layout's columns as one column, row by row, each with its own column's label. */
export const wideCells = (
  table: {
    readonly header: ReadonlyArray<string>
    readonly records: ReadonlyArray<ReadonlyArray<string>>
    readonly lines: ReadonlyArray<number>
  },
  labels: ReadonlyArray<string>,
): ColumnValues => {
  const at = labels.map((l) => table.header.indexOf(l))
  return {
    label: `${labels[0]}${labels.length === 1 ? "" : `–${labels.at(-1)}`}`,
    values: table.records.flatMap((r) => at.map((i) => r[i] ?? "")),
    lines: table.lines.flatMap((line) => at.map(() => line)),
    labels: table.records.flatMap(() => labels),
  }
}
