/**
 * The number format of a delivery, read off its values: `12,5` has a decimal comma, `1 234` a
 * space between thousands, `1.234,5` both; `1,234` alone could be either and is asked about.
 * Also the markers of missing values (`..`, `-`, `x`) in columns that are otherwise numbers.
 * Pure.
 */
import { guess, type Guess, question, type Question, quoted } from "./evidence.ts"

export type DecimalSeparator = "." | ","
export type ThousandsSeparator = " " | "," | "." | ""

/** What one value says about the format. */
export interface ValueFormat {
  readonly decimal?: DecimalSeparator
  readonly thousands?: ThousandsSeparator
  /** `1,234`: a decimal separator or one between thousands, the value alone cannot tell. */
  readonly either?: "," | "."
}

const SPACES = /[ \u00a0\u202f]/u
const NUMBER_LIKE = /^[+-]?[0-9](?:[0-9 \u00a0\u202f.,]*[0-9])?$/u
const GROUPED = /^[0-9]{1,3}(?:[0-9]{3})*$/u

const groupedBy = (digits: string, sep: string) => {
  const parts = digits.split(sep)
  return /^[0-9]{1,3}$/u.test(parts[0]!) && parts.slice(1).every((p) => /^[0-9]{3}$/u.test(p))
}

/** What a cell says about the number format, or undefined when it is no number. */
export const valueFormat = (value: string): ValueFormat | undefined => {
  if (!NUMBER_LIKE.test(value)) return undefined
  let rest = value.replace(/^[+-]/u, "")
  let spaced = false
  if (SPACES.test(rest)) {
    // Spaces stand only between thousands, before any decimals.
    const m = /^([0-9 \u00a0\u202f]+)([.,][0-9]+)?$/u.exec(rest)
    if (m === null || !groupedBy(m[1]!.replace(/[\u00a0\u202f]/gu, " "), " ")) return undefined
    spaced = true
    rest = `${m[1]!.replace(/[ \u00a0\u202f]/gu, "")}${m[2] ?? ""}`
  }
  const commas = rest.split(",").length - 1
  const points = rest.split(".").length - 1
  const thousands: ThousandsSeparator | undefined = spaced ? " " : undefined
  const withThousands = (f: ValueFormat): ValueFormat => (thousands === undefined ? f : { ...f, thousands })
  if (commas === 0 && points === 0) return withThousands({})
  if (commas > 0 && points > 0) {
    if (spaced) return undefined
    const decimal: DecimalSeparator = rest.lastIndexOf(",") > rest.lastIndexOf(".") ? "," : "."
    const other = decimal === "," ? "." : ","
    const [whole, fraction, extra] = rest.split(decimal)
    if (extra !== undefined || fraction === undefined || !groupedBy(whole!, other)) return undefined
    return { decimal, thousands: other }
  }
  const sep = commas > 0 ? "," : "."
  const parts = rest.split(sep)
  if (parts.length > 2) return !spaced && groupedBy(rest, sep) ? { thousands: sep } : undefined
  const [whole, fraction] = parts as [string, string]
  // A group of thousands has three digits, after at most three that do not start with 0.
  const couldBeThousands =
    !spaced && fraction.length === 3 && GROUPED.test(whole) && whole.length <= 3 && !/^0/u.test(whole)
  return couldBeThousands ? { either: sep } : withThousands({ decimal: sep })
}

/** A cell that stands for a missing value in a column of numbers: `..`, `-`, `–`, `x`, `*`. */
export const isMarkerLike = (value: string): boolean => /^(?:[^\p{L}\p{N}\s]{1,3}|[xX])$/u.test(value)

export interface ColumnValues {
  readonly label: string
  /** The cells, trimmed, with each one's line. */
  readonly values: ReadonlyArray<string>
  readonly lines: ReadonlyArray<number>
  /** Each cell's own column, where the cells are several columns read as one (a wide layout's). */
  readonly labels?: ReadonlyArray<string>
}

export interface NumberFormatFound {
  readonly decimalSeparator: DecimalSeparator | undefined
  readonly thousandsSeparator: ThousandsSeparator | undefined
  /** Labels of the columns whose cells are numbers, but for missing-value markers and empties. */
  readonly numeric: ReadonlySet<string>
  /** Each marker, with the first column and line it stands in. */
  readonly markers: ReadonlyMap<string, { readonly column: string; readonly line: number; readonly count: number }>
  readonly guesses: ReadonlyArray<Guess>
  readonly questions: ReadonlyArray<Question>
}

interface Seen {
  readonly value: string
  readonly column: string
}

const SEP_NAMES: Record<string, string> = { " ": "a space", ",": "a comma", ".": "a point", "": "none" }
const shown = (s: Seen) => `${quoted(s.value)} in column ${s.column}`

/** The number format and missing markers of a table's columns; `given` are the flags' answers. */
export const detectNumberFormat = (
  columns: ReadonlyArray<ColumnValues>,
  given: { readonly decimalSeparator?: DecimalSeparator; readonly thousandsSeparator?: ThousandsSeparator } = {},
): NumberFormatFound => {
  const decimals = new Map<DecimalSeparator, Seen>()
  const thousands = new Map<ThousandsSeparator, Seen>()
  const either: Array<Seen & { readonly sep: "," | "." }> = []
  const numeric = new Set<string>()
  const markers = new Map<string, { column: string; line: number; count: number }>()
  for (const c of columns) {
    const formats = c.values.map((v) => (v === "" || isMarkerLike(v) ? null : valueFormat(v)))
    if (!formats.some((f) => f !== null && f !== undefined) || formats.some((f) => f === undefined)) continue
    numeric.add(c.label)
    formats.forEach((f, i) => {
      const value = c.values[i]!
      const column = c.labels?.[i] ?? c.label
      if (f === null) {
        if (value === "") return
        const m = markers.get(value)
        if (m === undefined) markers.set(value, { column, line: c.lines[i]!, count: 1 })
        else m.count++
        return
      }
      if (f === undefined) return
      if (f.decimal !== undefined && !decimals.has(f.decimal)) decimals.set(f.decimal, { value, column })
      if (f.thousands !== undefined && !thousands.has(f.thousands)) thousands.set(f.thousands, { value, column })
      if (f.either !== undefined) either.push({ value, column, sep: f.either })
    })
  }
  const guesses: Guess[] = []
  const questions: Question[] = []
  let decimal = given.decimalSeparator
  let thousand = given.thousandsSeparator
  if (decimal !== undefined) guesses.push(guess("decimal separator", quoted(decimal), "given with --decimal-separator"))
  else if (decimals.size > 1)
    questions.push(
      question(
        "--decimal-separator",
        `the values have two decimal separators: ${[...decimals].map(([d, s]) => `${quoted(d)} (${shown(s)})`).join(" and ")}`,
        "--decimal-separator ,",
      ),
    )
  else if (decimals.size === 1) {
    const [d, s] = [...decimals][0]!
    decimal = d
    guesses.push(guess("decimal separator", quoted(d), shown(s)))
  }
  if (thousand !== undefined)
    guesses.push(guess("thousands separator", quoted(thousand), "given with --thousands-separator"))
  else if (thousands.size > 1)
    questions.push(
      question(
        "--thousands-separator",
        `the values group thousands in two ways: ${[...thousands].map(([t, s]) => `${SEP_NAMES[t]} (${shown(s)})`).join(" and ")}`,
        '--thousands-separator " "',
      ),
    )
  else if (thousands.size === 1) {
    const [t, s] = [...thousands][0]!
    thousand = t
    guesses.push(guess("thousands separator", quoted(t), shown(s)))
  }
  // `1,234`: a decimal comma, unless the decimals are known to be something else.
  const open = either.filter((e) => e.sep !== decimal && e.sep !== thousand)
  for (const e of open) {
    if (decimal !== undefined && thousand === undefined) {
      thousand = e.sep
      guesses.push(
        guess("thousands separator", quoted(e.sep), `${shown(e)}, since the decimal separator is ${quoted(decimal)}`),
      )
    } else if (thousand !== undefined && decimal === undefined) {
      decimal = e.sep
      guesses.push(
        guess(
          "decimal separator",
          quoted(e.sep),
          `${shown(e)}, since thousands are separated by ${SEP_NAMES[thousand]}`,
        ),
      )
    }
  }
  const undecided = either.find((e) => e.sep !== decimal && e.sep !== thousand)
  if (undecided !== undefined && decimal === undefined && thousand === undefined && questions.length === 0) {
    const n = Number(undecided.value.replace(/[,.]/gu, ""))
    questions.push(
      question(
        "--decimal-separator",
        `${shown(undecided)} may be ${undecided.value.replace(",", ".")} (${quoted(undecided.sep)} as the decimal separator) or ${n} (${quoted(undecided.sep)} between thousands); no value tells`,
        `--decimal-separator ${undecided.sep} (or --decimal-separator ${undecided.sep === "," ? "." : ","} for ${n})`,
      ),
    )
  }
  if (decimal !== undefined && decimal === thousand)
    questions.push(
      question(
        "--thousands-separator",
        `${quoted(decimal)} cannot separate both decimals and thousands`,
        '--thousands-separator " "',
      ),
    )
  // A point between thousands leaves the comma for decimals.
  if (decimal === undefined && thousand === ".") decimal = ","
  if (decimal === undefined && thousand === undefined && either.length === 0 && numeric.size > 0)
    guesses.push(guess("numbers", "no decimals or thousands separators", `in columns ${[...numeric].join(", ")}`))
  return { decimalSeparator: decimal, thousandsSeparator: thousand, numeric, markers, guesses, questions }
}
