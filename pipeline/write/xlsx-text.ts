/**
 * Text as a workbook holds it, so that it is the text the CSV and JSON files hold. XML cannot
 * hold most control characters, reads a carriage return back as a line feed, and the library
 * that writes small workbooks leaves out U+FFFD and a few more; ECMA-376's escaped string
 * (ST_Xstring) writes each such character as `_xHHHH_`, as Excel does, and Excel, LibreOffice
 * and read-excel-file read it back as the character. A `_x` that would read as such an escape
 * is written `_x005F_x` (its underscore escaped), so it reads back as itself. Pure.
 */

/** The characters written as `_xHHHH_`: XML's forbidden ones, the carriage return, and what write-excel-file drops. */
const ESCAPED = /[\x00-\x08\x0B-\x1F\x7F-\x84\x86-\x9F\uFDD0-\uFDEF\uFFFD-\uFFFF]/gu
/** The same class in DuckDB's regular expressions (RE2). */
const ESCAPED_SQL = "[\\x00-\\x08\\x0B-\\x1F\\x7F-\\x84\\x86-\\x9F\\x{FDD0}-\\x{FDEF}\\x{FFFD}-\\x{FFFF}]"

/** A text in a workbook's cell. */
export const xlsxText = (s: string): string =>
  s
    .replace(/_x(?=[0-9A-Fa-f]{4})/gu, "_x005F_x")
    .replace(ESCAPED, (c) => `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}_`)

/**
 * The same in DuckDB's SQL, over a text value: character by character only for a text that
 * needs it. (RE2 has no lookahead: `_x` and its four digits are matched together, which finds
 * the same ones, since a digit is no underscore.)
 */
export const xlsxTextSql = (v: string): string =>
  `CASE WHEN regexp_matches(${v}, '${ESCAPED_SQL}|_x[0-9A-Fa-f]{4}') THEN array_to_string(list_transform(string_split(regexp_replace(${v}, '_x([0-9A-Fa-f]{4})', '_x005F_x\\1', 'g'), ''), c -> CASE WHEN regexp_matches(c, '${ESCAPED_SQL}') THEN printf('_x%04X_', unicode(c)) ELSE c END), '') ELSE ${v} END`

/** A workbook's text read back: each `_xHHHH_` as its character, left to right (`_x005F_x0041_` is `_x0041_`). */
export const fromXlsxText = (s: string): string =>
  s.includes("_x")
    ? s.replace(/_x([0-9A-Fa-f]{4})_/gu, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)))
    : s
