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

/**
 * A row's hash over the columns the dataset publishes, in their order: equal for equal rows
 * whether DuckDB reads them from the table or from any of the published formats.
 */
export const rowHashSql = (dataset: DatasetDefinition): string =>
  `hash(${columnsOf(dataset)
    .map((c) => quoteIdent(c.name))
    .join(", ")})`

/**
 * A set of rows' fingerprint: their count (`n`) and the sum of their row hashes (`h`), equal for
 * equal multisets of rows. The read-back compares the formats by it, the carry-over the table
 * with what was published, and a spliced file is accounted for by it.
 */
export const rowFingerprintSql = (dataset: DatasetDefinition): string =>
  `count(*) AS n, coalesce(sum(${rowHashSql(dataset)}::HUGEINT), 0) AS h`

export const orderBySql = (dataset: DatasetDefinition): string => dataset.primaryKey.map(quoteIdent).join(", ")
