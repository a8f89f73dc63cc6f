/** Loads the staged rows of each dataset into DuckDB, typed by the definition, never inferred. */
import { existsSync } from "node:fs"
import type { DatasetDefinition } from "../../schemas/dataset.ts"
import { columnsOf } from "../../schemas/derive/columns.ts"
import { createTableSql, quoteIdent, sqlString } from "../../schemas/derive/duckdb.ts"
import type { Database } from "../write/duckdb.ts"
import { stagedRowsPath } from "./ingest.ts"

export const loadStaged = async (db: Database, datasets: ReadonlyArray<DatasetDefinition>, workDir: string): Promise<void> => {
  for (const d of datasets) {
    const ddl = createTableSql(d).replace(/\n\);\n$/, `,\n  "_file" VARCHAR NOT NULL,\n  "_line" INTEGER NOT NULL,\n  "_cols" VARCHAR\n);\n`)
    await db.run(ddl)
    const path = stagedRowsPath(workDir, d.name)
    if (!existsSync(path)) continue
    const columns = [...columnsOf(d).map((c) => [c.name, c.type] as const), ["_file", "VARCHAR"] as const, ["_line", "INTEGER"] as const, ["_cols", "VARCHAR"] as const]
    const struct = `{${columns.map(([n, t]) => `${sqlString(n)}: ${sqlString(t)}`).join(", ")}}`
    await db.run(
      `INSERT INTO ${quoteIdent(d.name)} SELECT ${columns.map(([n]) => quoteIdent(n)).join(", ")}
       FROM read_json(${sqlString(path)}, format = 'newline_delimited', columns = ${struct})`,
    )
  }
}
