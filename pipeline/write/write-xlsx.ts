/**
 * An Excel workbook of a dataset, for people who open data in a spreadsheet first: one sheet,
 * a frozen header, codes and other text as text (so 0114 keeps its zero and no cell is read as
 * a formula; every character kept, see xlsx-text.ts), numbers as numbers, dates as dates. A
 * dataset with more rows than a worksheet holds gets a workbook that says so and where its rows
 * are. Written by write-excel-file (a large one streamed, see xlsx-stream.ts); the archive
 * carries the release's date in place of the time of writing, so a rebuild gives the same bytes.
 */
import { writeFile } from "node:fs/promises"
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate"
import writeExcelFile from "write-excel-file/node"
import type { DatasetDefinition } from "../../schemas/dataset.ts"
import { columnsOf, type Column } from "../../schemas/derive/columns.ts"
import { sqlString } from "../../schemas/derive/duckdb.ts"
import type { Database } from "../db/duckdb.ts"
import { streamXlsx } from "./xlsx-stream.ts"
import { xlsxText } from "./xlsx-text.ts"

/** A worksheet's rows, the header's included (Excel's limit). */
export const SHEET_ROWS = 1_048_576

/**
 * From this many rows on, the workbook is streamed (xlsx-stream.ts): write-excel-file holds the
 * whole workbook in memory (3.0 GB for 1,000,000 rows), and took 1.9 s for this repository's
 * eleven workbooks where streaming the two of over 20,000 rows saves 0.8 s of it.
 */
export const STREAM_FROM_ROWS = 10_000

type Cell = { value: string | number | boolean | Date; type?: unknown; format?: string; fontWeight?: "bold" } | null

const cellOf = (c: Column, v: unknown): Cell => {
  if (v === null || v === undefined) return null
  switch (c.type) {
    case "VARCHAR":
      return { value: xlsxText(String(v)), type: String, format: "@" }
    case "DATE":
      return { value: new Date(`${String(v)}T00:00:00Z`), type: Date, format: "yyyy-mm-dd" }
    case "BOOLEAN":
      return { value: Boolean(v), type: Boolean }
    default:
      return { value: Number(v), type: Number }
  }
}

/** The archive with every entry dated `date` and the document's own dates set to it. */
const fixedInTime = (bytes: Uint8Array, date: string): Uint8Array => {
  const entries = unzipSync(bytes)
  const core = entries["docProps/core.xml"]
  if (core !== undefined)
    entries["docProps/core.xml"] = strToU8(
      strFromU8(core).replace(/(<dcterms:(?:created|modified)[^>]*>)[^<]*(<\/dcterms:)/gu, `$1${date}T00:00:00Z$2`),
    )
  return zipSync(entries, { mtime: new Date(`${date}T12:00:00Z`), level: 6 })
}

export const writeDatasetXlsx = async (
  db: Database,
  d: DatasetDefinition,
  parquet: string,
  target: string,
  date: string,
  /** Rows a worksheet holds, its header's included (a test sets fewer). */
  limit = SHEET_ROWS,
  /** From this many rows on, the sheet is streamed (a test sets fewer). */
  streamFrom = STREAM_FROM_ROWS,
): Promise<void> => {
  const columns = columnsOf(d)
  const [{ n }] = (await db.rows(`SELECT count(*) AS n FROM read_parquet(${sqlString(parquet)})`)) as [{ n: unknown }]
  const rows = Number(n)
  if (rows + 1 <= limit && rows >= streamFrom)
    return streamXlsx(db, columns, parquet, rows, target, d.name.slice(0, 31), date)
  const header: Cell[] = columns.map((c) => ({ value: c.name, type: String, fontWeight: "bold" }))
  const data: Cell[][] =
    rows + 1 > limit
      ? [
          [{ value: "note", type: String, fontWeight: "bold" }],
          [
            {
              value: `${d.name} has ${rows} rows, more than a worksheet holds (${limit - 1} below its header): its rows are in ${d.name}.csv, ${d.name}.json and ${d.name}.parquet`,
              type: String,
            },
          ],
        ]
      : [
          header,
          ...(await db.rows(`SELECT * FROM read_parquet(${sqlString(parquet)})`)).map((r) =>
            columns.map((c) => cellOf(c, r[c.name])),
          ),
        ]
  const written = await writeExcelFile(data as never, {
    sheet: d.name.slice(0, 31),
    stickyRowsCount: 1,
  }).toBuffer()
  await writeFile(target, fixedInTime(written, date))
}
