/** The published JSON Schema (draft 2020-12) of a dataset file: an array of its records. */
import { Schema } from "effect"
import { isOrderRule, type DatasetDefinition, type LabelRule } from "../dataset.ts"
import { columnsOf } from "./columns.ts"

export const JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"

/**
 * A label rule as JSON Schema: when every one of its fields is null, the label field holds a
 * label; otherwise it is null (a value = 0 marked "not reported" is refused, as is a value
 * missing with no reason).
 */
const labelRuleSchema = (rule: LabelRule): Record<string, unknown> => ({
  if: { properties: Object.fromEntries(rule.fields.map((f) => [f, { type: "null" }])) },
  // biome-ignore lint/suspicious/noThenProperty: JSON Schema's keyword, in a plain data object
  then: { properties: { [rule.labelledBy]: { type: "string" } } },
  else: { properties: { [rule.labelledBy]: { type: "null" } } },
})

export const jsonSchemaOf = (dataset: DatasetDefinition): Record<string, unknown> => {
  const document = Schema.toJsonSchemaDocument(dataset.schema, { onExcessProperty: "error" } as never) as {
    schema: Record<string, unknown>
    definitions: Record<string, unknown>
  }
  const item = { ...document.schema }
  // Units and Swedish descriptions have no JSON Schema keyword; keep them visible to readers.
  const properties = item["properties"] as Record<string, Record<string, unknown>>
  for (const column of columnsOf(dataset)) {
    const property = properties[column.name]
    if (property === undefined) continue
    if (!("description" in property)) property["description"] = column.description
    if (column.unit !== undefined) property["x-unit"] = column.unit
    property["x-description-sv"] = column.descriptionSv
  }
  const labelRules = (dataset.rowRules ?? []).filter((r): r is LabelRule => !isOrderRule(r)).map(labelRuleSchema)
  if (labelRules.length === 1) Object.assign(item, labelRules[0])
  else if (labelRules.length > 1) item["allOf"] = labelRules
  return {
    $schema: JSON_SCHEMA_DIALECT,
    title: dataset.title.en,
    description: dataset.description.en,
    type: "array",
    items: item,
    ...(Object.keys(document.definitions).length > 0 ? { $defs: document.definitions } : {}),
  }
}

type JsonSchema = Record<string, unknown>

/** The published JSON Schema of each field of a dataset's records, by name. */
export const propertiesOf = (dataset: DatasetDefinition): Record<string, JsonSchema> =>
  (jsonSchemaOf(dataset)["items"] as { properties: Record<string, JsonSchema> }).properties

/**
 * What a field's JSON Schema says of its values, as a list of schemas that all hold: the
 * value's schema (the null a nullable field also admits left aside) and its `allOf` parts.
 */
export const valueParts = (property: JsonSchema): JsonSchema[] => {
  const value = (property["anyOf"] as JsonSchema[] | undefined)?.find((o) => o["type"] !== "null") ?? property
  return [value, ...((value["allOf"] as JsonSchema[] | undefined) ?? [])]
}
