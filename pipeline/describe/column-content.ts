/**
 * What a column's values say it holds: codes of places (plain, or with their leading zeros
 * lost), SCB's "2403 Bjurholm", names of places, years, numbers, values of a closed list,
 * indicators, dates, yes/no. Pure: the values and what is known in, candidate fields out.
 */
import type { Column } from "../../schemas/derive/columns.ts"
import type { ColumnMapping } from "../contract/manifest-schema.ts"
import { BOOLEANS, padCode, parseDate, splitCodeName } from "../shared/written-forms.ts"
import type { MunicipalityIndex } from "../normalize/municipality-names.ts"
import { quoted } from "./evidence.ts"
import { valueFormat } from "./number-format.ts"
import type { PlaceRole } from "./roles.ts"

export interface Candidate {
  readonly field: string
  readonly mapping: ColumnMapping
  readonly evidence: string
}

/** `all 3 values are years`, or `the one value is a year`. */
const all = (n: number, many: string, one: string) =>
  n === 1 ? `the one value is ${one}` : `all ${n} values are ${many}`

const NUMBER_WORDS = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]

/**
 * How a column of places is read, by the shape of its values: codes, codes that lost a leading
 * zero, "code name", or names; `known` when every value is a place of the list.
 */
export const placeReading = (
  values: ReadonlyArray<string>,
  place: PlaceRole,
  index: MunicipalityIndex | undefined,
): { readonly mapping: ColumnMapping; readonly evidence: string; readonly known: boolean } => {
  const { field, lookup } = place
  const noun = lookup.noun
  const width = place.digits ?? 0
  const first = values[0] ?? ""
  const nameOf = (code: string) => index?.nameOf(code)
  const digits = `${NUMBER_WORDS[width] ?? width}-digit`
  if (values.length > 0 && width > 0 && values.every((v) => v.length <= width && /^[0-9]+$/u.test(v))) {
    const short = values.find((v) => v.length < width)
    const unknown = index === undefined ? undefined : values.find((v) => nameOf(padCode(v, width)) === undefined)
    const known = index !== undefined && unknown === undefined
    const check =
      index === undefined
        ? `; no ${noun} list to check them against`
        : unknown !== undefined
          ? `; ${unknown} is no ${noun}'s code`
          : ""
    if (short === undefined)
      return {
        mapping: field,
        known,
        evidence: `${all(values.length, `${digits} codes`, `a ${digits} code`)}${known ? `, e.g. ${first} = ${nameOf(first)}` : check}`,
      }
    const padded = padCode(short, width)
    return {
      mapping: { field, zeroPad: width },
      known,
      evidence: `codes that lost their leading zero, e.g. ${short} = ${padded}${known ? ` ${nameOf(padded)}` : check}`,
    }
  }
  const split = values.map((v) => splitCodeName(v))
  if (values.length > 0 && width > 0 && split.every((s) => s.ok && s.value.code.length === width)) {
    const wrong =
      index === undefined
        ? undefined
        : values.find((_, i) => {
            const s = split[i]!
            const m = s.ok ? index.match(s.value.name) : undefined
            return !s.ok || m?.kind !== "found" || m.code !== s.value.code
          })
    return {
      mapping: { field, parse: "code-name" },
      known: index !== undefined && wrong === undefined,
      evidence: `${all(values.length, '"code name"', '"code name"')}, e.g. ${quoted(first)}${wrong === undefined ? "" : `; ${quoted(wrong)} is no ${noun}'s code and name`}`,
    }
  }
  const unknown = index === undefined ? undefined : values.find((v) => index.match(v).kind !== "found")
  const found = index?.match(first)
  const nearest = unknown === undefined ? undefined : index?.nearest(unknown)
  return {
    mapping: { field, parse: "municipality-name" },
    known: index !== undefined && unknown === undefined,
    evidence:
      index === undefined
        ? `names; there is no ${noun} list to check them against`
        : unknown === undefined
          ? `${all(values.length, `${noun} names`, `a ${noun} name`)}, e.g. ${quoted(first)} = ${found?.kind === "found" ? found.code : "?"}`
          : `names, but ${quoted(unknown)} is no ${noun}'s name${nearest === undefined ? "" : ` (nearest: ${nearest.name})`}`,
  }
}

export interface ContentContext {
  readonly fields: ReadonlyArray<Column>
  /** The field naming places, and the release's places; undefined when it has none. */
  readonly place: PlaceRole | undefined
  readonly places: MunicipalityIndex | undefined
  /** The field of each row's year. */
  readonly yearField: string | undefined
  /** The field naming a measure, and the measures of the release's codebook (named as the dataset is). */
  readonly measures: { readonly field: string; readonly name: string; readonly ids: ReadonlySet<string> } | undefined
  /** The column's cells are numbers in the delivery's format. */
  readonly numeric: boolean
}
const NUMERIC_TYPES = new Set(["DOUBLE", "INTEGER", "BIGINT"])

/** The fields a column's values fit, each with how they fit; `values`: its cells but empties and markers. */
export const contentCandidates = (values: ReadonlyArray<string>, ctx: ContentContext): ReadonlyArray<Candidate> => {
  if (values.length === 0) return []
  const out: Candidate[] = []
  const amounts: Candidate[] = []
  const distinct = [...new Set(values)]
  for (const c of ctx.fields) {
    if (c.name === ctx.place?.field) {
      const reading = placeReading(values, ctx.place, ctx.places)
      const parse =
        typeof reading.mapping === "object" && "parse" in reading.mapping ? reading.mapping.parse : undefined
      // Without the list, four-digit codes and SCB's "code name" show by their shape alone.
      const shaped =
        parse === "code-name" ||
        (parse === undefined && values.every((v) => v.length === ctx.place!.digits && /^[0-9]+$/u.test(v)))
      if (reading.known || (ctx.places === undefined && shaped))
        out.push({ field: c.name, mapping: reading.mapping, evidence: reading.evidence })
    } else if (c.name === ctx.yearField && c.type === "INTEGER") {
      const years = values.every((v) => /^[0-9]{4}$/u.test(v) && Number(v) >= 1900 && Number(v) <= 2100)
      const sorted = [...distinct].sort()
      if (years)
        out.push({
          field: c.name,
          mapping: c.name,
          evidence: `${all(values.length, "years", "a year")}, ${sorted[0]}${sorted.length > 1 ? `–${sorted.at(-1)}` : ""}`,
        })
    } else if (NUMERIC_TYPES.has(c.type)) {
      // A number is not written with a leading zero; a code is.
      if (ctx.numeric && !values.some((v) => /^0[0-9]/u.test(v)))
        amounts.push({ field: c.name, mapping: c.name, evidence: `numbers, e.g. ${quoted(values[0]!)}` })
    } else if (c.enum !== undefined) {
      if (values.every((v) => c.enum!.includes(v)))
        out.push({
          field: c.name,
          mapping: c.name,
          evidence: `${all(values.length, "among its values", "among its values")}, e.g. ${quoted(values[0]!)}`,
        })
    } else if (c.name === ctx.measures?.field) {
      if (values.every((v) => ctx.measures!.ids.has(v)))
        out.push({
          field: c.name,
          mapping: c.name,
          evidence: `${all(values.length, `${ctx.measures.name} of the release`, "an indicator of the release")}, e.g. ${quoted(values[0]!)}`,
        })
    } else if (c.type === "DATE") {
      if (values.every((v) => parseDate(v).ok))
        out.push({ field: c.name, mapping: c.name, evidence: `dates, e.g. ${quoted(values[0]!)}` })
    } else if (c.type === "BOOLEAN") {
      if (values.every((v) => BOOLEANS[v.toLowerCase()] !== undefined))
        out.push({ field: c.name, mapping: c.name, evidence: `yes/no values, e.g. ${quoted(values[0]!)}` })
    }
  }
  // Known municipality codes are codes, not amounts that happen to equal them all.
  const codes = ctx.places !== undefined && out.some((c) => c.field === ctx.place?.field)
  return codes ? out : [...out, ...amounts]
}

/** What in a column's values its field will not take, said before validate says it: a value off its list, text for a number. */
export const misfit = (values: ReadonlyArray<string>, c: Column): string | undefined => {
  const off = c.enum === undefined ? undefined : values.find((v) => !c.enum!.includes(v))
  if (off !== undefined) return `but ${quoted(off)} is not one of its values: ${c.enum!.join(", ")}`
  const text = NUMERIC_TYPES.has(c.type) ? values.find((v) => valueFormat(v) === undefined) : undefined
  return text === undefined ? undefined : `but ${quoted(text)} is no number`
}
