/**
 * The forms a cell's text is written in: a number in a declared format (one regular expression
 * source that JavaScript and DuckDB's RE2 read alike), true or false, an ISO date, SCB's
 * "code name". The normalization decides each cell in SQL from these sources
 * (normalize/sql-cells.ts, sql-names.ts); the readings here serve what only proposes or
 * explains: the describer's guess of what a column holds, and a refused cell's hints. Pure.
 */
import { cleanText } from "./text.ts"

export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly expected: string }

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value })
const fail = (expected: string): Parsed<never> => ({ ok: false, expected })

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
export const examples = (f: NumberFormat, decimals: boolean): string => {
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

/** An ISO 8601 calendar date, YYYY-MM-DD, that exists. */
export const parseDate = (text: string): Parsed<string> => {
  if (!/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(text)) return fail("a date as YYYY-MM-DD")
  const d = new Date(`${text}T00:00:00Z`)
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text
    ? ok(text)
    : fail("a calendar date that exists")
}

/** SCB's "code name" cell, "2403 Bjurholm" (PxWeb writes regions so); RE2 reads the same source. */
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
