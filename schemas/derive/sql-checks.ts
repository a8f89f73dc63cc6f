/**
 * SQL predicates derived from a dataset's published JSON Schema: the same constraints ajv
 * enforces (required, type range, pattern, length, enum, bounds), so DuckDB can check millions
 * of rows against the schema at its own speed.
 */
import { isOrderRule, type DatasetDefinition } from "../dataset.ts"
import { columnsOf } from "./columns.ts"
import { quoteIdent, sqlString } from "./duckdb.ts"
import { jsonSchemaOf } from "./json-schema.ts"

type JsonSchema = Record<string, unknown>

const conditions = (column: string, schema: JsonSchema, text: boolean): string[] => {
  const c = quoteIdent(column)
  const out: string[] = []
  // Patterns and lengths constrain text; a DATE column's type already holds what its pattern says.
  if (text && typeof schema["pattern"] === "string") out.push(`regexp_matches(${c}, ${sqlString(schema["pattern"])})`)
  if (text && typeof schema["minLength"] === "number") out.push(`length(${c}) >= ${schema["minLength"]}`)
  if (text && typeof schema["maxLength"] === "number") out.push(`length(${c}) <= ${schema["maxLength"]}`)
  if (typeof schema["minimum"] === "number") out.push(`${c} >= ${schema["minimum"]}`)
  if (typeof schema["maximum"] === "number") out.push(`${c} <= ${schema["maximum"]}`)
  if (Array.isArray(schema["enum"]))
    out.push(`${c} IN (${(schema["enum"] as unknown[]).map((v) => sqlString(String(v))).join(", ")})`)
  if (schema["type"] === "integer") out.push(`${c} = trunc(${c})`)
  if (schema["type"] === "number") out.push(`isfinite(${c})`)
  for (const sub of (schema["allOf"] as JsonSchema[] | undefined) ?? []) out.push(...conditions(column, sub, text))
  return out
}

/** A predicate true when a column's value satisfies its property schema (nulls included). */
export const columnCheckSql = (column: string, property: JsonSchema, text: boolean): string => {
  const options = property["anyOf"] as JsonSchema[] | undefined
  const nullable = options?.some((o) => o["type"] === "null") ?? false
  const value = options?.find((o) => o["type"] !== "null") ?? property
  const parts = [
    ...conditions(column, value, text),
    ...conditions(column, { ...property, anyOf: undefined, type: undefined }, text),
  ]
  const unique = [...new Set(parts)]
  const holds = unique.length === 0 ? "true" : unique.join(" AND ")
  return nullable ? `(${quoteIdent(column)} IS NULL OR (${holds}))` : `(${quoteIdent(column)} IS NOT NULL AND ${holds})`
}

/**
 * Per column of the dataset, the predicate its values must satisfy: its property schema, then
 * the dataset's row rules, each reported at its field (an end not before its start).
 */
export const rowChecksSql = (dataset: DatasetDefinition): ReadonlyArray<{ column: string; sql: string }> => {
  const items = jsonSchemaOf(dataset)["items"] as JsonSchema
  const properties = items["properties"] as Record<string, JsonSchema>
  const q = quoteIdent
  return [
    ...columnsOf(dataset).map((c) => ({
      column: c.name,
      sql: columnCheckSql(c.name, properties[c.name]!, c.type === "VARCHAR"),
    })),
    ...(dataset.rowRules ?? []).map((r) =>
      isOrderRule(r)
        ? {
            column: r.field,
            sql: `(${q(r.field)} IS NULL OR ${q(r.notBefore)} IS NULL OR ${q(r.field)} >= ${q(r.notBefore)})`,
          }
        : {
            column: r.fields[0]!,
            sql: `((${r.fields.map((f) => `${q(f)} IS NULL`).join(" AND ")}) = (${q(r.labelledBy)} IS NOT NULL))`,
          },
    ),
  ]
}
