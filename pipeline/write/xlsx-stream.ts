/**
 * A large dataset's workbook, streamed: the sheet's rows made as worksheet XML by DuckDB from
 * the Parquet file and written by its parallel CSV writer to a file, one row per line
 * (unquoted-lines.ts), which Node's zlib deflates into fflate's streaming zip, so memory stays
 * flat however many rows there are. write-excel-file builds the whole workbook in memory (3.0 GB and 34 s
 * for 1,000,000 rows, measured with `npm run bench`), so it writes the smaller ones (under
 * 10,000 rows). The sheet
 * is what write-excel-file writes for the same rows: text cells as text (`@`), dates as dates,
 * the header bold and frozen, and what XML cannot hold written as Excel writes it (xlsx-text.ts).
 */
import { createReadStream, createWriteStream } from "node:fs"
import { rm } from "node:fs/promises"
import { once } from "node:events"
import { crc32, createDeflateRaw } from "node:zlib"
import { type AsyncFlateStreamHandler, strToU8, Zip, type ZipInputFile } from "fflate"
import type { Column } from "../../schemas/derive/columns.ts"
import { quoteIdent, sqlString } from "../../schemas/derive/duckdb.ts"
import type { Database } from "../db/duckdb.ts"
import { columnLetters } from "../problems/render.ts"
import { numberTextSql } from "./number-text.ts"
import { LINES_COPY_OPTIONS, unquoted } from "./unquoted-lines.ts"
import { xlsxText, xlsxTextSql } from "./xlsx-text.ts"

/** A name of the definition's (the sheet's, a column's) as XML text. */
const xmlText = (s: string) => xlsxText(s).replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;")

// Styles: 0 general, 1 text, 2 date, 3 bold (the header).
const STYLES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/></numFmts><fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs></styleSheet>`

const parts = (sheet: string): Record<string, string> => ({
  "[Content_Types].xml": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>`,
  "_rels/.rels": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
  "xl/workbook.xml": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="${xmlText(sheet)}" sheetId="1" r:id="rId1"/></sheets></workbook>`,
  "xl/_rels/workbook.xml.rels": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`,
  "xl/styles.xml": STYLES,
})

/**
 * `xml:space="preserve"` where a text begins or ends with white space, which a reader may trim
 * otherwise: only there, since it is a fifth of the sheet's bytes when every text cell has it.
 */
const preserveSql = (v: string) =>
  `CASE WHEN ${v} = trim(${v}, ' ' || chr(9) || chr(10) || chr(13)) THEN '' ELSE ' xml:space="preserve"' END`

/**
 * A cell's XML as DuckDB writes it, from the column's value and the row's number (`line`):
 * the rows are made in SQL, on DuckDB's threads, rather than one value at a time here.
 */
const cellSql = (c: Column, letter: string): string => {
  const v = quoteIdent(c.name)
  const ref = `'<c r="${letter}' || line || '"`
  const text = `replace(replace(replace(${xlsxTextSql(v)}, '&', '&amp;'), '<', '&lt;'), '>', '&gt;')`
  const cell =
    c.type === "VARCHAR"
      ? `${ref} s="1" t="inlineStr"><is><t' || ${preserveSql(v)} || '>' || ${text} || '</t></is></c>'`
      : c.type === "DATE"
        ? `${ref} s="2"><v>' || (${v} - DATE '1899-12-30') || '</v></c>'`
        : c.type === "BOOLEAN"
          ? `${ref} t="b"><v>' || CASE WHEN ${v} THEN '1' ELSE '0' END || '</v></c>'`
          : `${ref}><v>' || ${c.type === "DOUBLE" ? numberTextSql(c.name) : `CAST(${v} AS VARCHAR)`} || '</v></c>'`
  return `CASE WHEN ${v} IS NULL THEN '' ELSE ${cell} END`
}

/**
 * A file of the archive compressed by Node's zlib (several times faster than deflating in
 * JavaScript), which fflate's Zip frames with its CRC and sizes. Level 1: for the sheet of a
 * million rows, 0.8 s against 2.4 s at level 6, for a file 18 % larger (measured here).
 */
class NativeDeflate implements ZipInputFile {
  size = 0
  crc = 0
  readonly compression = 8
  ondata: AsyncFlateStreamHandler = () => {}
  private readonly z = createDeflateRaw({ level: 1 })
  readonly done: Promise<void>

  constructor(
    readonly filename: string,
    readonly mtime: Date,
  ) {
    this.z.on("data", (chunk: Buffer) =>
      this.ondata(
        null,
        new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength) as Uint8Array<ArrayBuffer>,
        false,
      ),
    )
    this.done = new Promise((resolve, reject) => {
      this.z.on("end", () => {
        this.ondata(null, new Uint8Array(0), true)
        resolve()
      })
      this.z.on("error", reject)
    })
  }

  /** Adds bytes; resolves once zlib can take more. */
  async push(chunk: Uint8Array, final = false): Promise<void> {
    this.crc = crc32(chunk, this.crc)
    this.size += chunk.length
    const more = this.z.write(chunk)
    if (final) this.z.end()
    else if (!more) await once(this.z, "drain")
  }
}

/** Writes the workbook of the Parquet file's rows, in its order, to `target`. */
export const streamXlsx = async (
  db: Database,
  columns: ReadonlyArray<Column>,
  parquet: string,
  /** How many rows the Parquet file holds. */
  rows: number,
  target: string,
  sheet: string,
  date: string,
): Promise<void> => {
  const out = createWriteStream(target)
  const mtime = new Date(`${date}T12:00:00Z`)
  let failed: Error | undefined
  const zip = new Zip((error, chunk) => {
    if (error !== null) failed = error
    else out.write(chunk)
  })
  const add = (name: string) => {
    const entry = new NativeDeflate(name, mtime)
    zip.add(entry)
    return entry
  }
  // fflate writes one file after another: each is finished before the next is added.
  for (const [name, text] of Object.entries(parts(sheet))) {
    const entry = add(name)
    await entry.push(strToU8(text), true)
    await entry.done
  }
  const body = add("xl/worksheets/sheet1.xml")
  const letters = columns.map((_, i) => columnLetters(i + 1))
  await body.push(
    strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews><sheetData><row r="1">${columns.map((c, i) => `<c r="${letters[i]}1" s="3" t="inlineStr"><is><t>${xmlText(c.name)}</t></is></c>`).join("")}</row>`,
    ),
  )
  const source = `(SELECT *, file_row_number + 2 AS line FROM read_parquet(${sqlString(parquet)}, file_row_number = true))`
  const rowXml = `'<row r="' || line || '">' || ${columns.map((c, j) => cellSql(c, letters[j]!)).join(" || ")} || '</row>'`
  const rowsFile = `${target}.rows`
  try {
    if (rows > 0) {
      await db.run(`COPY (SELECT ${rowXml} FROM ${source}) TO ${sqlString(rowsFile)} ${LINES_COPY_OPTIONS}`)
      for await (const chunk of createReadStream(rowsFile, { highWaterMark: 1 << 20 })) {
        await body.push(unquoted(chunk as Buffer))
        if (out.writableNeedDrain) await once(out, "drain")
      }
    }
  } finally {
    await rm(rowsFile, { force: true })
  }
  await body.push(strToU8("</sheetData></worksheet>"), true)
  await body.done
  zip.end()
  if (failed !== undefined) throw failed
  out.end()
  await once(out, "finish")
}
