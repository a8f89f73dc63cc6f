/**
 * Renders problems for people: `path:line:col: code: message` (`path:Sheet!C7: …` in a
 * workbook), or GitHub Actions annotations. A problem quotes what a delivery holds (its file's
 * name, a value, a label): each rendering keeps it one line that is not a workflow command.
 */
import { terminalLine, visible } from "../shared/escape-text.ts"
import type { Problem } from "./problem.ts"

/** A column number as Excel's letters: 1 → A, 26 → Z, 27 → AA, 703 → AAA. */
export const columnLetters = (column: number): string => {
  let letters = ""
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters
  return letters
}

/** Whether Excel quotes the sheet's name in a reference: not a plain word, or read as a cell (A1, R1C1). */
const needsQuotes = (sheet: string): boolean =>
  !/^[\p{L}_][\p{L}\p{N}_]*$/u.test(sheet) || /^[a-z]{1,3}[0-9]+$|^r[0-9]*(c[0-9]*)?$|^c[0-9]*$/iu.test(sheet)

/** A sheet's name as a reference writes it: `Blad1`, `'Mitt blad'`, `'Kim''s'`. */
const sheetReference = (sheet: string): string => (needsQuotes(sheet) ? `'${sheet.replaceAll("'", "''")}'` : sheet)

/** A cell as Excel writes its reference, `Blad1!C7`; a whole row without a column, `Blad1!7:7`. */
export const cellAddress = (sheet: string, row: number, column?: number): string =>
  `${sheetReference(sheet)}!${column === undefined ? `${row}:${row}` : `${columnLetters(column)}${row}`}`

/** Where a problem is inside its workbook: a cell, a row, or the sheet. */
const sheetPlace = (sheet: string, p: Problem): string =>
  p.line === undefined ? sheetReference(sheet) : cellAddress(sheet, p.line, p.column)

const describeValue = (p: Problem): string =>
  p.value === undefined ? "" : p.value === null ? " (value: empty)" : ` (value: ${JSON.stringify(p.value)})`

export const renderProblem = (p: Problem): string => {
  const where =
    p.sheet === undefined
      ? [p.file, p.line, p.line === undefined ? undefined : p.column].filter((x) => x !== undefined).join(":")
      : `${p.file}:${sheetPlace(p.sheet, p)}`
  const column = p.columnName === undefined ? "" : ` [column ${p.columnName}]`
  return terminalLine(
    `${where}: ${p.severity === "warning" ? "warning " : ""}${p.code}: ${p.message}${column}${describeValue(p)}`,
  )
}

/** Text as the data of a workflow command: one line, with `%` escaped as the runner reads it back. */
export const escapeData = (s: string): string => visible(s).replaceAll("%", "%25")
const escapeProperty = (s: string): string => escapeData(s).replaceAll(":", "%3A").replaceAll(",", "%2C")

/**
 * A workflow command GitHub shows next to the line of the file in a pull request. A workbook
 * has no lines to show (it is binary): its cell begins the message instead.
 */
export const renderGithubAnnotation = (p: Problem): string => {
  const props = [`file=${escapeProperty(p.file)}`]
  if (p.sheet === undefined && p.line !== undefined) props.push(`line=${p.line}`)
  if (p.sheet === undefined && p.line !== undefined && p.column !== undefined) props.push(`col=${p.column}`)
  props.push(`title=${escapeProperty(p.code)}`)
  const level = p.severity === "warning" ? "warning" : "error"
  const place = p.sheet === undefined ? "" : `${sheetPlace(p.sheet, p)}: `
  return `::${level} ${props.join(",")}::${escapeData(`${place}${p.message}${describeValue(p)}`)}`
}
