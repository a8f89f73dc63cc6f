/**
 * A delivery's bytes to its dialect, with the evidence: the encoding (a UTF-8 byte-order mark;
 * bytes that are all valid UTF-8; else Windows-1252, naming the bytes that decided), the
 * delimiter that gives the header and the first records the same number of fields, and the
 * line endings. Pure: bytes in, guesses or questions out.
 */
import { CsvTokenizer, type CsvRow } from "../read/csv-tokenizer.ts"
import { firstInvalidUtf8 } from "../read/decode-text.ts"
import { decodeWindows1252 } from "../read/windows-1252.ts"
import { cleanText } from "../shared/text.ts"
import { guess, type Guess, question, type Question, quoted, someOf } from "./evidence.ts"

export type Encoding = "utf-8" | "windows-1252"
export type Delimiter = ";" | "," | "\t" | "|"
export const DELIMITERS: ReadonlyArray<Delimiter> = [";", ",", "\t", "|"]

export const delimiterName = (d: string): string => (d === "\t" ? "tab" : quoted(d))

const hex = (b: number) => `0x${b.toString(16).toUpperCase().padStart(2, "0")}`

/** The word (letters and bytes above 0x7F) around a byte offset. */
const wordAt = (bytes: Uint8Array, offset: number): Uint8Array => {
  const inWord = (b: number | undefined) =>
    b !== undefined && (b >= 0x80 || (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a))
  let start = offset
  let end = offset
  while (start > 0 && inWord(bytes[start - 1])) start--
  while (end < bytes.length && inWord(bytes[end])) end++
  return bytes.subarray(start, Math.min(end, start + 40))
}

export interface EncodingFound {
  readonly encoding: Encoding
  /** The file as text, without a byte-order mark. */
  readonly text: string
  readonly guess: Guess
}

export const decodeAs = (bytes: Uint8Array, encoding: Encoding): string =>
  encoding === "utf-8" ? new TextDecoder("utf-8").decode(bytes) : decodeWindows1252(bytes)

/** The encoding: a UTF-8 BOM, valid UTF-8, else Windows-1252; or the one given with `--encoding`. */
export const sniffEncoding = (bytes: Uint8Array, given?: Encoding): EncodingFound => {
  if (given !== undefined)
    return { encoding: given, text: decodeAs(bytes, given), guess: guess("encoding", given, "given with --encoding") }
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return {
      encoding: "utf-8",
      text: decodeAs(bytes, "utf-8"),
      guess: guess("encoding", "utf-8", "the file starts with a UTF-8 byte-order mark, EF BB BF"),
    }
  const bad = firstInvalidUtf8(bytes)
  if (bad < 0) {
    const high = bytes.findIndex((b) => b >= 0x80)
    const evidence =
      high < 0
        ? "only ASCII bytes, which read the same in UTF-8 and Windows-1252"
        : `every byte above 0x7F is part of valid UTF-8, e.g. ${quoted(new TextDecoder().decode(wordAt(bytes, high)))}`
    return { encoding: "utf-8", text: decodeAs(bytes, "utf-8"), guess: guess("encoding", "utf-8", evidence) }
  }
  const shown: number[] = []
  for (let i = bad; i < bytes.length && shown.length < 3; i++) {
    const b = bytes[i]!
    if (b >= 0x80 && !shown.includes(b)) shown.push(b)
  }
  const word = decodeWindows1252(wordAt(bytes, bad))
  return {
    encoding: "windows-1252",
    text: decodeAs(bytes, "windows-1252"),
    guess: guess(
      "encoding",
      "windows-1252",
      `byte${shown.length === 1 ? "" : "s"} ${shown.map(hex).join(" ")} ${shown.length === 1 ? "is" : "are"} not UTF-8; ${quoted(word)} reads as Windows-1252`,
    ),
  }
}

/** The header and this many records decide the delimiter. */
export const SAMPLE_RECORDS = 20

/** The rows of the text's beginning, split with a delimiter. */
const sampleRows = (text: string, delimiter: string): CsvRow[] => {
  const tokenizer = new CsvTokenizer(delimiter, '"')
  const head = text.slice(0, 1 << 16)
  const rows = tokenizer.push(head)
  if (head.length === text.length) rows.push(...tokenizer.end())
  return rows.slice(0, SAMPLE_RECORDS + 1)
}

export interface DelimiterFound {
  readonly delimiter: Delimiter | undefined
  readonly guess?: Guess
  readonly question?: Question
}

/** The one delimiter that splits every sampled line into the same number of fields, more than one. */
export const sniffDelimiter = (text: string, given?: Delimiter): DelimiterFound => {
  if (given !== undefined)
    return { delimiter: given, guess: guess("delimiter", delimiterName(given), "given with --delimiter") }
  const counts = DELIMITERS.map((d) => ({ d, widths: sampleRows(text, d).map((r) => r.width) }))
  const even = counts.filter(
    ({ widths }) => widths.length > 0 && widths[0]! > 1 && widths.every((w) => w === widths[0]),
  )
  const lines = (widths: ReadonlyArray<number>) =>
    widths.length === 1 ? "on the only line" : `on each of the first ${widths.length} lines`
  if (even.length === 1) {
    const { d, widths } = even[0]!
    return { delimiter: d, guess: guess("delimiter", delimiterName(d), `${widths[0]} fields ${lines(widths)}`) }
  }
  const seen = (c: (typeof counts)[number]) =>
    `${delimiterName(c.d)} gives ${someOf(
      c.widths.map((w) => String(w)),
      6,
    )} fields`
  return {
    delimiter: undefined,
    question:
      even.length > 1
        ? question(
            "--delimiter",
            `the delimiter is not clear: ${even.map((c) => `${delimiterName(c.d)} gives ${c.widths[0]} fields ${lines(c.widths)}`).join(", and ")}`,
            `--delimiter "${even[0]!.d === "\t" ? "tab" : even[0]!.d}"`,
          )
        : question(
            "--delimiter",
            `no delimiter (; , tab |) gives the header and the first records the same number of fields, more than one: ${counts.map(seen).join("; ")}`,
            '--delimiter ";"',
          ),
  }
}

export interface Table {
  readonly header: ReadonlyArray<string>
  /** Each record's cells, trimmed and in NFC, as the pipeline reads them. */
  readonly records: ReadonlyArray<ReadonlyArray<string>>
  /** Each record's physical line. */
  readonly lines: ReadonlyArray<number>
  readonly rows: ReadonlyArray<CsvRow>
}

/** The whole text as a table: the header's labels and every record. */
export const readTable = (text: string, delimiter: string): Table => {
  const tokenizer = new CsvTokenizer(delimiter, '"')
  const rows = [...tokenizer.push(text), ...tokenizer.end()]
  const cells = rows.map((r) => r.fields.map((f) => cleanText(f.value)))
  return { header: cells[0] ?? [], records: cells.slice(1), lines: rows.slice(1).map((r) => r.line), rows }
}

const ENDINGS: Record<string, readonly [string, string]> = {
  "\r\n": ["CRLF", "Windows'"],
  "\n": ["LF", "Unix's"],
  "\r": ["CR", "old Macs'"],
}

/** The line endings of the records, as they are (a file of mixed endings is refused by validate). */
export const sniffLineEndings = (rows: ReadonlyArray<CsvRow>): Guess => {
  const counts = new Map<string, number>()
  for (const r of rows) if (r.ending !== "") counts.set(r.ending, (counts.get(r.ending) ?? 0) + 1)
  const last = rows.at(-1)?.ending === "" ? "; the last line has none" : ""
  if (counts.size === 0) return guess("line endings", "none", "the file is one line")
  if (counts.size === 1) {
    const [ending, n] = [...counts][0]!
    const [name, whose] = ENDINGS[ending]!
    return guess("line endings", name, `${whose}, on ${n === 1 ? "the one line" : `all ${n} lines`}${last}`)
  }
  const parts = [...counts].map(([e, n]) => `${n} ${ENDINGS[e]![0]}`)
  return guess(
    "line endings",
    "mixed",
    `${parts.join(", ")}: validate names the lines; save the file again with one kind${last}`,
  )
}
