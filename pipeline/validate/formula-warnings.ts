/**
 * Text a spreadsheet would run as a formula (`=HYPERLINK(…)`, `+cmd(…)`, `@SUM(…)`): kept
 * verbatim, since it is what the source says, and warned about, since a CSV opened in a
 * spreadsheet would run it.
 */
import type { DatasetDefinition } from "../../schemas/dataset.ts"
import { columnsOf } from "../../schemas/derive/columns.ts"
import { quoteIdent as q } from "../../schemas/derive/duckdb.ts"
import type { Database } from "../write/duckdb.ts"
import type { RuleFinding } from "./table-rules.ts"

/** `=` anything, or `+ - @` then a letter or a parenthesis: how formulas start. */
export const FORMULA_PATTERN = "^(=|[+@-][A-Za-z(])"

/** One scan per dataset over all its text columns. */
export const formulaFindings = async (db: Database, datasets: ReadonlyArray<DatasetDefinition>, cap: number): Promise<RuleFinding[]> => {
  const findings: RuleFinding[] = []
  for (const d of datasets) {
    const text = columnsOf(d).filter((x) => x.type === "VARCHAR")
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
          message: "starts like a spreadsheet formula; published verbatim, so open the CSV as text rather than letting a spreadsheet run it",
        })
      })
    }
  }
  return findings
}
