/**
 * A staged dataset's workbook read back by a reader of its own, not the writers': the shared
 * strings a small workbook keeps its text in read whole, then its sheet inflated as it is read
 * and parsed row by row until enough rows are read (so a workbook of a million rows costs no
 * more than its first ones), every text's `_xHHHH_` read back as its character. Its text cells are
 * compared with the JSON file's, so a character one format keeps and the other drops is found.
 */
import { createReadStream, existsSync } from "node:fs"
import { createInterface } from "node:readline"
import type { DatasetDefinition } from "../../schemas/dataset.ts"
import { columnsOf } from "../../schemas/derive/columns.ts"
import { fromXlsxText } from "../write/xlsx-text.ts"
import { recordOfLine } from "./read-back.ts"
import { openZip } from "./zip-entry.ts"

const SHEET = "xl/worksheets/sheet1.xml"
const STRINGS = "xl/sharedStrings.xml"

const ENTITIES: Readonly<Record<string, string>> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" }

const xmlText = (s: string): string =>
  s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/gu, (whole, e: string) =>
    e.startsWith("#x")
      ? String.fromCodePoint(Number.parseInt(e.slice(2), 16))
      : e.startsWith("#")
        ? String.fromCodePoint(Number.parseInt(e.slice(1), 10))
        : (ENTITIES[e] ?? whole),
  )

/** Each element's inner XML between `open` (up to its `>`) and `close`, in order; indexOf, for speed. */
function* elements(xml: string, open: string, close: string): Generator<{ attributes: string; inner: string }> {
  for (let i = xml.indexOf(open); i >= 0; ) {
    const tagEnd = xml.indexOf(">", i)
    if (tagEnd < 0) return
    const empty = xml[tagEnd - 1] === "/"
    const end = empty ? tagEnd : xml.indexOf(close, tagEnd)
    if (end < 0) return
    yield {
      attributes: ` ${xml.slice(i + open.length, empty ? tagEnd - 1 : tagEnd)}`,
      inner: empty ? "" : xml.slice(tagEnd + 1, end),
    }
    i = xml.indexOf(open, end)
  }
}

/** An attribute's value, from attributes each preceded by a space. */
const attribute = (attributes: string, name: string): string | undefined => {
  const at = attributes.indexOf(` ${name}="`)
  return at < 0 ? undefined : attributes.slice(at + name.length + 3, attributes.indexOf('"', at + name.length + 3))
}

/** The text of a string item: its runs (`<t>`) joined, XML's entities and the workbook's escapes read. */
const runsText = (xml: string): string => {
  let text = ""
  // `<t>` and `<t xml:space="preserve">`, not `<tc…>`.
  for (const t of elements(xml, "<t", "</t>"))
    if (t.attributes === " " || t.attributes.startsWith("  ")) text += t.inner
  return fromXlsxText(xmlText(text))
}

/** A column's number from a cell's reference: `C7` → 3. */
const columnOf = (reference: string): number => {
  let n = 0
  for (let i = 0; i < reference.length && reference.charCodeAt(i) >= 65; i++) n = n * 26 + reference.charCodeAt(i) - 64
  return n
}

type Cell = { readonly shared: number } | string | null

/** A row's text cells by column: a text, or the index of a shared string; null where a cell is not text. */
const rowCells = (xml: string): Cell[] => {
  const cells: Cell[] = []
  for (const c of elements(xml, "<c ", "</c>")) {
    const type = attribute(c.attributes, "t")
    if (type !== "s" && type !== "inlineStr" && type !== "str") continue
    const value = () => c.inner.slice(c.inner.indexOf("<v>") + 3, c.inner.indexOf("</v>"))
    cells[columnOf(attribute(c.attributes, "r") ?? "") - 1] =
      type === "s" ? { shared: Number(value()) } : type === "inlineStr" ? runsText(c.inner) : xmlText(value())
  }
  return cells
}

/** The whole text of a stream of UTF-8. */
const textOf = async (stream: AsyncIterable<Buffer>): Promise<string> => {
  const utf8 = new TextDecoder()
  let text = ""
  for await (const chunk of stream) text += utf8.decode(chunk, { stream: true })
  return text + utf8.decode()
}

/** The text cells of a workbook's first `limit` rows (its header's included), by column. */
export const workbookText = async (path: string, limit: number): Promise<Array<Array<string | null>>> => {
  const zip = await openZip(path)
  const shared = await zip.read(STRINGS)
  const strings =
    shared === undefined ? [] : [...elements(await textOf(shared), "<si>", "</si>")].map((si) => runsText(si.inner))
  const sheet = await zip.read(SHEET)
  if (sheet === undefined) throw new Error(`the workbook has no ${SHEET}`)
  const rows: Cell[][] = []
  const utf8 = new TextDecoder()
  let rest = ""
  try {
    for await (const chunk of sheet) {
      rest += utf8.decode(chunk as Buffer, { stream: true })
      let from = 0
      for (let end = rest.indexOf("</row>"); end >= 0 && rows.length < limit; end = rest.indexOf("</row>", from)) {
        rows.push(rowCells(rest.slice(from, end)))
        from = end + "</row>".length
      }
      rest = rest.slice(from)
      // Enough rows: the rest of the sheet is not read.
      if (rows.length >= limit) break
    }
  } finally {
    sheet.destroy()
  }
  return rows.map((r) =>
    Array.from(r, (c) =>
      c === null || c === undefined ? null : typeof c === "string" ? c : (strings[c.shared] ?? null),
    ),
  )
}

/**
 * The text columns of the workbook's first rows against the JSON file's, value by value; both
 * are in primary-key order. Returns the first difference. A dataset too large for a worksheet
 * has a workbook that says so (`note`), with no rows to compare.
 */
export const compareWorkbookText = async (
  d: DatasetDefinition,
  base: string,
  rows = 10_000,
): Promise<string | undefined> => {
  // A workbook not written is the list of files' to report (check-release.ts), not this reading's.
  if (!existsSync(`${base}.xlsx`)) return undefined
  const columns = columnsOf(d)
  const [header = [], ...book] = await workbookText(`${base}.xlsx`, rows + 1)
  if (header[0] === "note" && columns[0]?.name !== "note") return undefined
  if (header.join(",") !== columns.map((c) => c.name).join(",")) return `the workbook's header is ${header.join(",")}`
  const text = columns.flatMap((c, i) => (c.type === "VARCHAR" ? [i] : []))
  const lines = createInterface({ input: createReadStream(`${base}.json`, { encoding: "utf8" }), crlfDelay: Infinity })
  let i = 0
  try {
    for await (const line of lines) {
      const record = recordOfLine(line)
      if (record === undefined) continue
      if (i === book.length) return `the workbook has ${book.length} leading rows, the JSON more`
      for (const j of text) {
        const json = (record[columns[j]!.name] as string | null | undefined) ?? null
        const cell = book[i]![j] ?? null
        if (cell !== json)
          return `row ${i + 1}, ${columns[j]!.name}: ${JSON.stringify(cell)} in the workbook, ${JSON.stringify(json)} in the JSON`
      }
      if (++i === rows) break
    }
  } finally {
    lines.close()
  }
  return i === book.length ? undefined : `the workbook has ${book.length} leading rows, the JSON ${i}`
}
