/**
 * The release's files searched for personal data: the datasets' free text, and every text file
 * line by line, for e-mail addresses, numbers and people's names (a name after a verb of
 * speech, a title or in a byline, or a common first name before a capitalised word).
 */
import { createReadStream } from "node:fs"
import { createInterface } from "node:readline"
import type { DatasetDefinition } from "../../schemas/dataset.ts"
import { columnsOf } from "../../schemas/derive/columns.ts"
import { quoteIdent } from "../../schemas/derive/duckdb.ts"
import { propertiesOf, valueParts } from "../../schemas/derive/json-schema.ts"
import type { Database } from "../db/duckdb.ts"
import { findPersonalData, PERSONAL_DATA_PREFILTER } from "../privacy/personal-data.ts"
import { findNames } from "../privacy/person-names.ts"

/** A cheap RE2 pattern every name `findNames` finds also matches: two capitalised words in a row. */
const NAME_PREFILTER = "\\p{Lu}\\p{Ll}+[ \\t]+\\p{Lu}"

/** What looks like personal data in a text: each hit with where it is and what it looks like. */
const personalIn = (text: string): Array<{ index: number; text: string; kind: string }> =>
  [
    ...findPersonalData(text),
    ...findNames(text).map((h) => ({
      index: h.index,
      text: text.slice(h.index, h.index + h.length),
      kind: "a person's name",
    })),
  ].sort((a, b) => a.index - b.index)
import { type Problem, problem } from "../problems/problem.ts"

/**
 * Text values that might be personal data: a cheap filter in DuckDB, then the exact patterns.
 * Codes and closed lists are left out: their pattern or values, checked above, admit neither an
 * "@" nor a space.
 */
export const personalDataInTable = async (
  db: Database,
  d: DatasetDefinition,
  path: string,
  file: string,
): Promise<Problem[]> => {
  const properties = propertiesOf(d)
  const constrained = (name: string) => {
    const parts = valueParts(properties[name]!)
    return (
      parts.some((v) => typeof v["pattern"] === "string" && !/[@ \\]|\.\*/.test(v["pattern"])) ||
      Array.isArray(parts[0]!["enum"])
    )
  }
  const text = columnsOf(d).filter((c) => c.type === "VARCHAR" && !constrained(c.name))
  if (text.length === 0) return []
  const matches = (c: string) => `regexp_matches(${quoteIdent(c)}, '${PERSONAL_DATA_PREFILTER}|${NAME_PREFILTER}')`
  const rows = await db.rows(
    `SELECT ${text.map((c) => `CASE WHEN ${matches(c.name)} THEN ${quoteIdent(c.name)} END AS ${quoteIdent(c.name)}`).join(", ")}
     FROM read_parquet('${path.replaceAll("'", "''")}') WHERE ${text.map((c) => matches(c.name)).join(" OR ")} LIMIT 10000`,
  )
  const problems: Problem[] = []
  for (const row of rows) {
    for (const c of text) {
      const v = row[c.name]
      if (v === null || v === undefined) continue
      for (const hit of personalIn(String(v))) {
        problems.push(
          problem({
            code: "release/personal-data",
            file,
            columnName: c.name,
            value: hit.text,
            message: `looks like ${hit.kind}; personal data must not be published`,
          }),
        )
      }
    }
  }
  return problems
}

/** `allowed`: text that looks like personal data but is the publication's own (its functional contact address). */
export const scanText = async (path: string, file: string, allowed: ReadonlySet<string>): Promise<Problem[]> => {
  const problems: Problem[] = []
  let line = 0
  for await (const text of createInterface({
    input: createReadStream(path, { encoding: "utf8" }),
    crlfDelay: Infinity,
  })) {
    line++
    for (const found of personalIn(text).filter((f) => !allowed.has(f.text))) {
      problems.push(
        problem({
          code: "release/personal-data",
          file,
          line,
          column: found.index + 1,
          value: found.text,
          message: `looks like ${found.kind}; personal data must not be published`,
        }),
      )
    }
  }
  return problems
}
