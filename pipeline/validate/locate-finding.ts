/** Turns a table-rule finding into a located problem, using where each field was read from. */
import type { Problem } from "../problems/problem.ts"
import { problem } from "../problems/problem.ts"
import type { RuleFinding } from "./table-rules.ts"
import type { IngestResult } from "../load/ingest.ts"

export const locateFinding = (
  f: RuleFinding,
  fieldColumns: IngestResult["fieldColumns"],
  label: (file: string) => string,
): Problem => {
  let column: number | undefined
  let columnName: string | undefined
  let line = f.line
  const positions = f.cols === null ? undefined : (JSON.parse(f.cols) as Record<string, [number, number, string]>)
  const field =
    f.fields.find((x) => (positions === undefined ? fieldColumns.get(f.file)?.has(x) : x in positions)) ?? f.fields[0]!
  if (positions !== undefined) {
    const at = positions[field]
    if (at !== undefined) [line, column, columnName] = at
  } else {
    const at = fieldColumns.get(f.file)?.get(field)
    column = at?.column
    columnName = at?.name
  }
  return problem({
    code: f.code,
    file: label(f.file),
    line,
    column,
    columnName,
    value: f.value,
    message: `${f.dataset}.${field}: ${f.message}`,
  })
}
