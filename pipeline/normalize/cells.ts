/**
 * Pure normalizers for single cells. Each takes source text and returns the canonical value or
 * says what was expected; none guesses.
 */
import type { MissingMarker } from "../contract/manifest-schema.ts"
import { cleanText } from "../shared/text.ts"

export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly expected: string }

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value })
const fail = (expected: string): Parsed<never> => ({ ok: false, expected })

export type MissingLabel = MissingMarker["label"]

/**
 * The declared missing-value markers by their cleaned text, the first of a text winning: the
 * table of the one rule of a missing value, which the record normalizer applies with
 * missingValue and the SQL one renders with missingSql (sql-cells.ts). A marker declared as ""
 * (or as white space) labels the empty cells.
 */
export const missingLabels = (markers: ReadonlyArray<MissingMarker>): ReadonlyMap<string, MissingLabel> => {
  const labels = new Map<string, MissingLabel>()
  for (const m of markers) {
    const text = cleanText(m.value)
    if (!labels.has(text)) labels.set(text, m.label)
  }
  return labels
}

/**
 * Whether a cell's cleaned text stands for a missing value, and why: it does when it is empty
 * (an absent cell, and the NULL DuckDB reads an empty field as, are empty) or a declared marker's,
 * with that marker's label; an empty cell no marker labels is missing with none, for the
 * dataset's rules to judge. Undefined when the text is a value.
 */
export const missingValue = (
  text: string,
  labels: ReadonlyMap<string, MissingLabel>,
): { readonly label: MissingLabel | undefined } | undefined =>
  text === "" || labels.has(text) ? { label: labels.get(text) } : undefined

export interface NumberFormat {
  readonly decimalSeparator: "." | ","
  readonly thousandsSeparator: string
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")

/** Characters that may stand between thousands: a space also admits the no-break spaces spreadsheets write. */
export const thousandsClass = (f: NumberFormat, flavour: "js" | "re2"): string =>
  f.thousandsSeparator === " "
    ? flavour === "js"
      ? "[ \\u00a0\\u202f]"
      : "[ \\x{00a0}\\x{202f}]"
    : escapeRegExp(f.thousandsSeparator)

/**
 * The declared number format as a regular expression: sign, digits (optionally grouped in
 * thousands), decimals. The same source serves JavaScript and DuckDB (RE2), so the bulk check
 * and the row explanation accept exactly the same text.
 */
export const numberPatternSource = (f: NumberFormat, flavour: "js" | "re2"): string => {
  const grouped = f.thousandsSeparator === "" ? "" : `|[0-9]{1,3}(?:${thousandsClass(f, flavour)}[0-9]{3})+`
  return `^([+-]?)([0-9]+${grouped})(?:${escapeRegExp(f.decimalSeparator)}([0-9]+))?$`
}

const numberPatterns = new Map<string, RegExp>()
const numberPattern = (f: NumberFormat): RegExp => {
  const key = f.decimalSeparator + f.thousandsSeparator
  let re = numberPatterns.get(key)
  if (re === undefined) {
    re = new RegExp(numberPatternSource(f, "js"), "u")
    numberPatterns.set(key, re)
  }
  return re
}

/** Examples of a number as the declared format writes it: `2403`, `2 403` (thousands), `12,5` (decimals). */
const examples = (f: NumberFormat, decimals: boolean): string => {
  const forms = [
    "2403",
    ...(f.thousandsSeparator === "" ? [] : [`2${f.thousandsSeparator}403`]),
    ...(decimals ? [`12${f.decimalSeparator}5`] : []),
  ]
  return `${forms.slice(0, -1).join(", ")}${forms.length > 1 ? " or " : ""}${forms.at(-1)}`
}

/** The declared format in plain words, with examples: "a number, like 2403, 2 403 or 12,5". */
const describeFormat = (f: NumberFormat): string => `a number, like ${examples(f, true)}`

/** A decimal number in the declared format. */
export const parseNumber = (text: string, format: NumberFormat): Parsed<number> => {
  const m = numberPattern(format).exec(text)
  if (m === null) return fail(describeFormat(format))
  const digits = m[2]!.replace(/[^0-9]/g, "")
  const value = Number(`${m[1]}${digits}${m[3] === undefined ? "" : `.${m[3]}`}`)
  return Number.isFinite(value) ? ok(value) : fail(describeFormat(format))
}

/** A whole number in the declared format; "12,0" is twelve, "12,5" is not whole. */
export const parseInteger = (text: string, format: NumberFormat): Parsed<number> => {
  const n = parseNumber(text, format)
  const expected = `a whole number, like ${examples(format, false)}`
  if (!n.ok) return fail(expected)
  return Number.isSafeInteger(n.value) ? n : fail(expected)
}

export const BOOLEANS: Record<string, boolean> = {
  true: true,
  false: false,
  ja: true,
  nej: false,
  yes: true,
  no: false,
  "1": true,
  "0": false,
}

export const parseBoolean = (text: string): Parsed<boolean> => {
  const b = BOOLEANS[text.toLowerCase()]
  return b === undefined ? fail("true or false (ja/nej, yes/no, 1/0)") : ok(b)
}

/** An ISO 8601 calendar date, YYYY-MM-DD, that exists. */
export const parseDate = (text: string): Parsed<string> => {
  if (!/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(text)) return fail("a date as YYYY-MM-DD")
  const d = new Date(`${text}T00:00:00Z`)
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text
    ? ok(text)
    : fail("a calendar date that exists")
}

/** "2403 Bjurholm" → code 2403, name Bjurholm (SCB's PxWeb writes regions so). */
/** SCB's "code name" cell; RE2 reads the same source (\s and \S are ASCII in both here). */
export const CODE_NAME_SOURCE = "^([0-9]+)[ \\t]+([^ \\t].*)$"

export const splitCodeName = (text: string): Parsed<{ code: string; name: string }> => {
  const m = new RegExp(CODE_NAME_SOURCE, "su").exec(text)
  return m === null
    ? fail('a code followed by a name, such as "2403 Bjurholm"')
    : ok({ code: m[1]!, name: cleanText(m[2]!) })
}

/** Restores leading zeros of a numeric code to a width. */
export const padCode = (text: string, width: number): string =>
  /^[0-9]+$/.test(text) && text.length < width ? text.padStart(width, "0") : text
