/**
 * An Excel workbook of a dataset, for people who open data in a spreadsheet first: one sheet,
 * a frozen header, codes and other text as text (so 0114 keeps its zero and no cell is read as
 * a formula; every character kept, see xlsx-text.ts), numbers as numbers, dates as dates.
 * Written by one writer, streamed (xlsx-stream.ts), whatever the dataset's size; the archive
 * carries the release's date in place of the time of writing, so a rebuild gives the same bytes.
 * A dataset of more rows than a spreadsheet is the tool for (release-layout.ts) has none: its
 * codebook and page say why and point to CSV and Parquet.
 */
import type { DatasetDefinition } from "../../schemas/dataset.ts"
import { columnsOf } from "../../schemas/derive/columns.ts"
import { sqlString } from "../../schemas/derive/duckdb.ts"
import { hasWorkbook } from "../contract/release-layout.ts"
import type { Database } from "../db/duckdb.ts"
import { streamXlsx } from "./xlsx-stream.ts"

/** Writes the dataset's workbook, or none where it has too many rows for one; says which. */
export const writeDatasetXlsx = async (
  db: Database,
  d: DatasetDefinition,
  parquet: string,
  target: string,
  date: string,
  /** Up to how many rows a workbook is written (a test sets fewer). */
  withWorkbook: (rows: number) => boolean = hasWorkbook,
): Promise<boolean> => {
  const [{ n }] = (await db.rows(`SELECT count(*) AS n FROM read_parquet(${sqlString(parquet)})`)) as [{ n: unknown }]
  const rows = Number(n)
  if (!withWorkbook(rows)) return false
  await streamXlsx(db, columnsOf(d), parquet, rows, target, d.name.slice(0, 31), date)
  return true
}
