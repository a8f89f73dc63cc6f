/**
 * The day a source's file is as of, read from the file itself: the latest day in the column
 * its declaration names (Projektbanken's `laddningsdatum`, the time the register was read).
 * Pure: text in, the day and how many records gave one out.
 */
import { CsvTokenizer } from "../read/csv-tokenizer.ts"
import { cleanText } from "../shared/text.ts"

const DAY = /^([0-9]{4}-[0-9]{2}-[0-9]{2})(?:[ T][0-9:.]+)?$/u

export interface AsOfFromData {
  /** The latest day found, or undefined where the column has none. */
  readonly day: string | undefined
  /** How the day was found, for the sidecar: the column and the range of its values. */
  readonly how: string
}

export const asOfFromColumn = (
  text: string,
  options: { readonly delimiter: string; readonly quote: string; readonly column: string },
): AsOfFromData => {
  const tokenizer = new CsvTokenizer(options.delimiter, options.quote)
  const rows = [...tokenizer.push(text.replace(/^\ufeff/u, "")), ...tokenizer.end()]
  const [header, ...records] = rows
  const at = header?.fields.findIndex((f) => cleanText(f.value) === options.column) ?? -1
  if (at < 0) return { day: undefined, how: `the file has no column ${options.column}` }
  const days = records.flatMap((r) => {
    const m = DAY.exec(cleanText(r.fields[at]?.value ?? ""))
    return m === null ? [] : [m[1]!]
  })
  if (days.length === 0) return { day: undefined, how: `column ${options.column} holds no day` }
  const sorted = [...days].sort()
  const first = sorted[0]!
  const last = sorted.at(-1)!
  return {
    day: last,
    how: `the latest day in column ${options.column} (${days.length} of ${records.length} records give one; ${first === last ? `all ${last}` : `from ${first} to ${last}`})`,
  }
}
