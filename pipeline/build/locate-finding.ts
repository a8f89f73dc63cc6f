/** Turns a table-rule finding into a located problem, using where each field was read from. */
import type { Problem } from "../problems/problem.ts"
import { problem } from "../problems/problem.ts"
import type { RuleFinding } from "../validate/table-rules.ts"
import type { IngestResult } from "./ingest.ts"

export const locateFinding = (f: RuleFinding, fieldColumns: IngestResult["fieldColumns"], label: (file: string) => string): Problem => {
  let column: number | undefined
  let columnName: string | undefined
  let line = f.line
  if (f.cols !== null) {
    const at = (JSON.parse(f.cols) as Record<string, [number, number, string]>)[f.field]
    if (at !== undefined) [line, column, columnName] = at
  } else {
    const at = fieldColumns.get(f.file)?.get(f.field)
    column = at?.column
    columnName = at?.name
  }
  return problem({ code: f.code, file: label(f.file), line, column, columnName, value: f.value, message: `${f.dataset}.${f.field}: ${f.message}` })
}
