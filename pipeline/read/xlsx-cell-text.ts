/**
 * A workbook cell's value as the text a delivery's cell holds: a number as its digits (without
 * an exponent, with the declared decimal separator), a date as ISO 8601, anything else as it is.
 */

/**
 * A numeric cell's text, as `parseNumber` gives it, told apart from a string cell.
 *
 * What read-excel-file 9.3 gives for each cell of an openpyxl-written sheet, with
 * `parseNumber` and `trim: false` (checked with tests/support/xlsx.ts): a string (inline or
 * shared) as it is, spaces kept, `"007"` too; a number as the text of its `<v>` (`42`, `12.5`,
 * `-3`, and `1e-06`, `1.234567890123457e+19` as openpyxl writes them); a boolean as
 * true/false; a date-formatted number as a Date at UTC (2010-03-01 at 00:00:00, a datetime
 * with its time, a time of day as 1899-12-30 plus the time); an empty cell, an empty string,
 * an error value (#DIV/0!) and a formula without a cached result as null. Rows start at row 1
 * and columns at A, padded with null; trailing empty rows and columns are cut.
 */
export class NumberText {
  constructor(readonly text: string) {}
}

/** A number's text without an exponent (`1e-06` → `0.000001`), with the declared separator. */
const numberText = (text: string, separator: "." | ","): string => {
  const m = /^([+-]?)([0-9]*)(?:\.([0-9]*))?e([+-]?[0-9]+)$/iu.exec(text)
  let plain = text
  if (m !== null) {
    // Zeros added so the point falls inside the digits: 1e-06 → 0000001, point after the first.
    const point = m[2]!.length + Number(m[4])
    const digits = "0".repeat(Math.max(1 - point, 0)) + `${m[2]}${m[3] ?? ""}`.padEnd(point, "0")
    const at = Math.max(point, 1)
    const fraction = digits.slice(at).replace(/0+$/u, "")
    plain = `${m[1]}${digits.slice(0, at).replace(/^0+(?=[0-9])/u, "")}${fraction === "" ? "" : `.${fraction}`}`
  }
  return separator === "," ? plain.replace(".", ",") : plain
}

/** A date cell: `YYYY-MM-DD` at midnight UTC, else `YYYY-MM-DDTHH:MM:SS` (to the nearest second). */
const dateText = (d: Date): string => {
  const ms = Math.round(d.getTime() / 1000) * 1000
  if (!Number.isFinite(ms)) return ""
  const iso = new Date(ms).toISOString()
  return iso.endsWith("T00:00:00.000Z") ? iso.slice(0, 10) : iso.slice(0, 19)
}

export const cellText = (v: unknown, separator: "." | ","): string =>
  v === null || v === undefined
    ? ""
    : v instanceof NumberText
      ? numberText(v.text, separator)
      : v instanceof Date
        ? dateText(v)
        : String(v)
