/** Every file derived from the definitions, by name: what `npm run generate` writes. */
import type { DatasetDefinition } from "../dataset.ts"
import { columnsOf } from "./columns.ts"
import { createTableSql } from "./duckdb.ts"
import { fieldsReference } from "./fields-reference.ts"
import { jsonSchemaOf } from "./json-schema.ts"

export const derivedFiles = (datasets: ReadonlyArray<DatasetDefinition>): Map<string, string> => {
  const files = new Map<string, string>()
  for (const d of datasets) {
    files.set(`${d.name}.schema.json`, `${JSON.stringify(jsonSchemaOf(d), null, 2)}\n`)
    files.set(
      `${d.name}.sql`,
      `-- DuckDB table of ${d.name}; column order is the CSV column order.\n${createTableSql(d)}`,
    )
  }
  files.set(
    "columns.json",
    `${JSON.stringify(Object.fromEntries(datasets.map((d) => [d.name, columnsOf(d).map((c) => c.name)])), null, 2)}\n`,
  )
  files.set("fields.md", fieldsReference(datasets))
  return files
}
