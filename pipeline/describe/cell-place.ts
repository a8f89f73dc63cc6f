/**
 * Where a cell of a delivery stands, said as the publisher finds it (`column Antal, line 7` in a
 * text file, `Blad1!C7, column Antal` in a workbook), and the cell that keeps a column of
 * numbers from its field. Pure.
 */
import { cellAddress } from "../problems/render.ts"
import { quoted } from "./evidence.ts"
import { type ColumnValues, isMarkerLike, valueFormat } from "./number-format.ts"

export type Place = (label: string, line: number) => string

/** Places in a text file, or in the sheet whose labels stand in `columns` (1 for A). */
export const placeIn =
  (
    sheet:
      | { readonly sheet: string; readonly header: ReadonlyArray<string>; readonly columns: ReadonlyArray<number> }
      | undefined,
  ): Place =>
  (label, line) => {
    const column = sheet?.columns[sheet.header.indexOf(label)]
    return column === undefined
      ? `column ${label}, line ${line}`
      : `${cellAddress(sheet!.sheet, line, column)}, column ${label}`
  }

/** The first cell that is no number in a column whose other cells, most of them, are: with its place and the fix. */
export const spoilerOf = (c: ColumnValues, place: Place): string | undefined => {
  const filled = c.values.flatMap((v, i) => (v === "" || isMarkerLike(v) ? [] : [i]))
  const text = filled.filter((i) => valueFormat(c.values[i]!) === undefined)
  if (text.length === 0 || text.length * 2 >= filled.length) return undefined
  const i = text[0]!
  return `${quoted(c.values[i]!)} at ${place(c.labels?.[i] ?? c.label, c.lines[i]!)} is no number, though the column's other cells are: write the number alone in the cell, or, if it is not known, declare the text a missing value with --missing`
}
