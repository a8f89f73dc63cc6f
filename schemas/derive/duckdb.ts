/** DuckDB DDL and helpers derived from a dataset definition. */
import type { DatasetDefinition } from "../dataset.ts"
import { columnsOf } from "./columns.ts"

export const quoteIdent = (name: string): string => `"${name.replaceAll('"', '""')}"`

/**
 * `CREATE TABLE` for the dataset's published columns, with NOT NULL where the field requires
 * it; without, for a staging table that also holds the rows that fail, until they are removed.
 */
export const createTableSql = (dataset: DatasetDefinition, table = dataset.name, constraints = true): string => {
  const columns = columnsOf(dataset).map(
    (c) => `  ${quoteIdent(c.name)} ${c.type}${c.nullable || !constraints ? "" : " NOT NULL"}`,
  )
  return `CREATE TABLE ${quoteIdent(table)} (\n${columns.join(",\n")}\n);\n`
}

/** `{name: 'TYPE', ...}` for DuckDB's readers, so nothing is type-inferred. */
export const structSql = (columns: ReadonlyArray<readonly [string, string]>): string =>
  `{${columns.map(([name, type]) => `${sqlString(name)}: ${sqlString(type)}`).join(", ")}}`

export const columnsStructSql = (dataset: DatasetDefinition): string =>
  structSql(columnsOf(dataset).map((c) => [c.name, c.type] as const))

export const sqlString = (value: string): string => `'${value.replaceAll("'", "''")}'`

export const orderBySql = (dataset: DatasetDefinition): string => dataset.primaryKey.map(quoteIdent).join(", ")
