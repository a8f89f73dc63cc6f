/**
 * Text a spreadsheet would run as a formula (`=HYPERLINK(…)`, `+cmd(…)`, `@SUM(…)`): kept
 * verbatim, since it is what the source says, and warned about, since a CSV opened in a
 * spreadsheet would run it.
 */
import type { DatasetDefinition } from "../../schemas/dataset.ts"
import { columnsOf } from "../../schemas/derive/columns.ts"
import { quoteIdent as q } from "../../schemas/derive/duckdb.ts"
import { propertiesOf, valueParts } from "../../schemas/derive/json-schema.ts"
import type { Database } from "../db/duckdb.ts"
import type { RuleFinding } from "./table-rules.ts"

/** `=` anything, or `+ - @` then a letter or a parenthesis: how formulas start. */
export const FORMULA_PATTERN = "^(=|[+@-][A-Za-z(])"

/** The characters a formula can start with. */
const FORMULA_STARTS = ["=", "+", "-", "@"]

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
 * Text columns whose published schema lets a formula through: a closed list none of whose
 * values starts like one, or a pattern whose first character cannot, needs no scan.
 */
const mayHoldFormulas = (d: DatasetDefinition): string[] => {
  const properties = propertiesOf(d)
  const formula = new RegExp(FORMULA_PATTERN, "u")
  return columnsOf(d)
    .filter((c) => c.type === "VARCHAR")
    .map((c) => c.name)
    .filter((name) => {
      const parts = valueParts(properties[name]!)
      const closed = parts[0]!["enum"]
      if (Array.isArray(closed)) return closed.some((v) => typeof v === "string" && formula.test(v))
      return !parts.some(
        (v) => typeof v["pattern"] === "string" && firstCharacterExcludes(v["pattern"], FORMULA_STARTS),
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
  for (const d of datasets) {
    const text = mayHoldFormulas(d).map((name) => ({ name }))
    if (text.length === 0) continue
    const matches = (c: string) => `regexp_matches(${q(c)}, '${FORMULA_PATTERN}')`
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
            "starts like a spreadsheet formula; published verbatim, so open the CSV as text rather than letting a spreadsheet run it",
        })
      })
    }
  }
  return findings
}
