/** A row's fields on a page, shown as their definition says: numbers, money, labelled values, yes and no. Pure. */
import type { DatasetDefinition } from "../../schemas/dataset.ts"
import type { Label } from "../../schemas/row-pages.ts"
import { columnsOf, type Column } from "../../schemas/derive/columns.ts"
import { formatNumber, missingText } from "./chart.ts"
import { esc } from "./html.ts"
import { text, type Row } from "./site-facts.ts"

/** How an amount in a currency is written after the number. */
const CURRENCY_SIGNS: Readonly<Record<string, string>> = { SEK: "kr", EUR: "€" }

const NUMBER_TYPES: ReadonlyArray<Column["type"]> = ["INTEGER", "BIGINT", "DOUBLE"]

/** The column of a field of a dataset. */
export const columnOf = (d: DatasetDefinition, field: string): Column => {
  const c = columnsOf(d).find((x) => x.name === field)
  if (c === undefined) throw new Error(`${d.name} has no field ${field}`)
  return c
}

export const isNumber = (c: Column): boolean => NUMBER_TYPES.includes(c.type)

/** Where a row read for a page holds the name of what its field refers to by foreign key. */
export const referredName = (field: string): string => `${field}:name`

/** A label in Swedish, with its English beside it where it has one. */
export const labelHtml = (l: Label): string =>
  l.en === undefined ? esc(l.sv) : `${esc(l.sv)} <span lang="en" class="en">${esc(l.en)}</span>`

/**
 * A value that is given: a number as Swedish readers write it, with its currency's sign; a value
 * of a closed list in words, with the value beside it; yes or no.
 */
const givenHtml = (c: Column, v: unknown): string => {
  const label = c.valueLabels?.[String(v)]
  if (label !== undefined) return `${esc(label.sv)} <span lang="en" class="en">(${esc(String(v))})</span>`
  if (typeof v === "boolean") return v ? "ja" : "nej"
  if (!isNumber(c)) return esc(text(v))
  const sign = CURRENCY_SIGNS[c.unit ?? ""]
  return esc(sign === undefined ? formatNumber(Number(v)) : `${formatNumber(Number(v))} ${sign}`)
}

/**
 * The first of `fields` that the row gives; where none is, why the first is missing, as its label
 * field says, or that it is not known (a yes or no), or nothing.
 */
export const fieldsHtml = (d: DatasetDefinition, row: Row, fields: ReadonlyArray<string>): string => {
  const given = fields.find((f) => row[f] !== null && row[f] !== undefined)
  if (given !== undefined) return givenHtml(columnOf(d, given), row[given])
  const first = columnOf(d, fields[0]!)
  if (first.missingLabelField !== undefined)
    return `<span class="missing">${esc(missingText((row[first.missingLabelField] as string | null) ?? null))}</span>`
  return first.type === "BOOLEAN" ? "uppgift saknas" : ""
}
