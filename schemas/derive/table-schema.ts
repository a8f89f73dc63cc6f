/**
 * The Frictionless Table Schema (Data Package v2) of a dataset: field types and formats,
 * descriptions, constraints read off the published JSON Schema, keys and the labelled marker
 * of a missing value.
 */
import type { DatasetDefinition } from "../dataset.ts"
import type { ColumnType } from "../field.ts"
import { columnsOf } from "./columns.ts"
import { jsonSchemaOf, valueParts } from "./json-schema.ts"

const TYPES: Record<ColumnType, Record<string, unknown>> = {
  VARCHAR: { type: "string" },
  DATE: { type: "date", format: "default" },
  INTEGER: { type: "integer" },
  BIGINT: { type: "integer" },
  DOUBLE: { type: "number" },
  BOOLEAN: { type: "boolean", trueValues: ["true"], falseValues: ["false"] },
}

/** Constraints JSON Schema states that Table Schema can state too. */
const constraintsOf = (property: Record<string, unknown>, required: boolean): Record<string, unknown> => {
  const parts = valueParts(property)
  const pick = (key: string) => parts.map((p) => p[key]).find((v) => v !== undefined)
  const constraints: Record<string, unknown> = {}
  if (required) constraints["required"] = true
  for (const [from, to] of [
    ["minLength", "minLength"],
    ["maxLength", "maxLength"],
    ["minimum", "minimum"],
    ["maximum", "maximum"],
    ["pattern", "pattern"],
    ["enum", "enum"],
  ] as const) {
    const v = pick(from)
    // Table Schema patterns match the whole value (XML Schema): no anchors.
    if (v !== undefined) constraints[to] = from === "pattern" ? String(v).replace(/^\^/u, "").replace(/\$$/u, "") : v
  }
  return constraints
}

export const MISSING_VALUE_LABEL =
  "missing: the source gives no value; where the dataset has a *_status field, it says why"

export const tableSchemaOf = (dataset: DatasetDefinition): Record<string, unknown> => {
  const items = jsonSchemaOf(dataset)["items"] as { properties: Record<string, Record<string, unknown>> }
  return {
    fields: columnsOf(dataset).map((c) => {
      const constraints = constraintsOf(items.properties[c.name]!, !c.nullable)
      return {
        name: c.name,
        ...TYPES[c.type],
        description: c.description,
        "x-description-sv": c.descriptionSv,
        ...(c.unit === undefined ? {} : { "x-unit": c.unit }),
        ...(Object.keys(constraints).length === 0 ? {} : { constraints }),
      }
    }),
    missingValues: [{ value: "", label: MISSING_VALUE_LABEL }],
    primaryKey: [...dataset.primaryKey],
    ...(dataset.foreignKeys.length === 0
      ? {}
      : {
          foreignKeys: dataset.foreignKeys.map((fk) => ({
            fields: [...fk.fields],
            reference: { resource: `${fk.reference.dataset}-csv`, fields: [...fk.reference.fields] },
          })),
        }),
  }
}
