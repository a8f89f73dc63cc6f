/**
 * Text a spreadsheet would run as a formula (`=HYPERLINK(…)`, `+1+cmd|…`, `-2+3+cmd|…`,
 * `@SUM(…)`): kept verbatim, since it is what the source says, and warned about, since a CSV
 * opened in a spreadsheet would run it. The workbook holds every text as text, so it runs none.
 */
import type { DatasetDefinition } from "../../schemas/dataset.ts"
import { columnsOf } from "../../schemas/derive/columns.ts"
import { quoteIdent as q } from "../../schemas/derive/duckdb.ts"
import { propertiesOf, valueParts } from "../../schemas/derive/json-schema.ts"
import type { Database } from "../db/duckdb.ts"
import type { RuleFinding } from "./table-rules.ts"

/**
 * What a formula begins with, after OWASP's list for CSV injection: `=`, `+`, `-`, `@`, a tab
 * or a carriage return (and NUL), at the start of the text, or where a spreadsheet may begin a
 * new cell inside it: after a comma, a semicolon (the separator of a Swedish Excel) or a tab.
 * Each pattern is both JavaScript's and DuckDB's (RE2).
 */
const FORMULA_START = "^[=+@\\t\\r\\x00-]|[,;\\t][=+@-]"
/** A text that is a plain number with its sign (`-5`, `+46`, `-1,5`) is read as that number, not run. */
const SIGNED_NUMBER = "^[+-][0-9]+([.,][0-9]+)?$"

/** The characters a formula can start with. */
const FORMULA_STARTS = ["=", "+", "-", "@", "\t", "\r", "\0"]

const formulaStart = new RegExp(FORMULA_START, "u")
const signedNumber = new RegExp(SIGNED_NUMBER, "u")

/** Whether a spreadsheet may run the text as a formula. */
export const looksLikeFormula = (text: string): boolean => formulaStart.test(text) && !signedNumber.test(text)

/** The same, as SQL over a text column's value. */
export const looksLikeFormulaSql = (value: string): string =>
  `(regexp_matches(${value}, '${FORMULA_START}') AND NOT regexp_matches(${value}, '${SIGNED_NUMBER}'))`

/**
 * Whether a pattern can be seen to admit none of `chars` as a text's first character: it starts
 * `^` and then a letter or digit, or a plain character class (`[a-z0-9_]`). Undefined when the
 * pattern does not show it.
 */
export const firstCharacterExcludes = (pattern: string, chars: ReadonlyArray<string>): boolean => {
  const literal = /^\^([A-Za-z0-9])/u.exec(pattern)
  if (literal !== null) return !chars.includes(literal[1]!)
  const inClass = /^\^\[([^\]\\^][^\]\\]*)\]/u.exec(pattern)?.[1]
  if (inClass === undefined) return false
  const admits = (c: string) => {
    for (let i = 0; i < inClass.length; i++) {
      if (inClass[i + 1] === "-" && i + 2 < inClass.length) {
        if (c >= inClass[i]! && c <= inClass[i + 2]!) return true
        i += 2
      } else if (inClass[i] === c) return true
    }
    return false
  }
  return !chars.some(admits)
}

/**
 * Whether a pattern admits only letters, digits, `_` and `-` (`^[a-z0-9][a-z0-9-]*$`), so no
 * separator after which a spreadsheet could begin a new cell. A class's ranges must stay
 * within the digits or one case of letters (`[9-A]` holds `;`, `=` and `@`).
 */
export const admitsOnlyWordCharacters = (pattern: string): boolean =>
  /^\^(?:[A-Za-z0-9_-]|\[(?:[a-z]-[a-z]|[A-Z]-[A-Z]|[0-9]-[0-9]|[A-Za-z0-9_])+-?\]|\{[0-9]+(?:,[0-9]*)?\}|[*+?])*\$$/u.test(
    pattern,
  )

/**
 * Text columns whose published schema lets a formula through: a closed list none of whose
 * values looks like one, or a pattern whose first character cannot begin one and that admits
 * no separator, needs no scan.
 */
const mayHoldFormulas = (d: DatasetDefinition): string[] => {
  const properties = propertiesOf(d)
  return columnsOf(d)
    .filter((c) => c.type === "VARCHAR")
    .map((c) => c.name)
    .filter((name) => {
      const parts = valueParts(properties[name]!)
      const closed = parts[0]!["enum"]
      if (Array.isArray(closed)) return closed.some((v) => typeof v === "string" && looksLikeFormula(v))
      return !parts.some(
        (v) =>
          typeof v["pattern"] === "string" &&
          firstCharacterExcludes(v["pattern"], FORMULA_STARTS) &&
          admitsOnlyWordCharacters(v["pattern"]),
      )
    })
}

/** One scan per dataset over its text columns that may hold formulas. */
export const formulaFindings = async (
  db: Database,
  datasets: ReadonlyArray<DatasetDefinition>,
  cap: number,
): Promise<RuleFinding[]> => {
  const findings: RuleFinding[] = []
  // A provenance dataset holds its dataset's keys and the deliveries' files, nothing delivered as text.
  for (const d of datasets.filter((x) => x.provenanceOf === undefined)) {
    const text = mayHoldFormulas(d).map((name) => ({ name }))
    if (text.length === 0) continue
    const matches = (c: string) => looksLikeFormulaSql(q(c))
    const rows = await db.rows(
      `SELECT _file, _line, _cols${text.map((c, i) => `, CASE WHEN ${matches(c.name)} THEN ${q(c.name)} END AS v${i}`).join("")}
       FROM ${q(d.name)} WHERE ${text.map((c) => matches(c.name)).join(" OR ")} ORDER BY _file, _line LIMIT ${cap}`,
    )
    for (const r of rows) {
      text.forEach((c, i) => {
        const value = r[`v${i}`]
        if (value === null || value === undefined) return
        findings.push({
          code: "cell/formula",
          dataset: d.name,
          fields: [c.name],
          file: String(r["_file"]),
          line: Number(r["_line"]),
          cols: (r["_cols"] as string | null) ?? null,
          value: String(value),
          message:
            "a spreadsheet may run this as a formula (it begins with =, +, -, @, a tab or a carriage return, or one follows a comma, semicolon or tab); published verbatim, so open the CSV as text rather than letting a spreadsheet run it",
        })
      })
    }
  }
  return findings
}
