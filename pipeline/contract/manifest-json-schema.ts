/**
 * The JSON Schema of raw/manifest.json, derived from the manifest's Effect Schema, so that an
 * editor completes and checks an entry as it is typed (the manifest names it with `$schema`).
 * The names a manifest may use (datasets, sources) are the repository's, listed as enums.
 */
import { Schema } from "effect"
import { Delivery, SourceDelivery } from "./manifest-schema.ts"

const ManifestDocument = Schema.Struct({
  $schema: Schema.optionalKey(Schema.String),
  deliveries: Schema.Array(Schema.Union([Delivery, SourceDelivery])),
}).annotate({
  title: "The deliveries of raw/",
  description:
    "Every file in raw/ and how to read it: who delivered it, when, under which licence, its sha256, its dialect and the dataset field each column feeds. A file of a source the repository declares by name needs only file, source, received and sha256.",
})

type JsonSchema = Record<string, unknown>

const withEnum = (schema: JsonSchema, property: string, values: ReadonlyArray<string>, description: string) => {
  const properties = schema["properties"] as Record<string, JsonSchema>
  properties[property] = { type: "string", enum: [...values], description }
}

export const manifestJsonSchema = (datasets: ReadonlyArray<string>, sources: ReadonlyArray<string>): JsonSchema => {
  const document = Schema.toJsonSchemaDocument(ManifestDocument, { onExcessProperty: "error" } as never) as {
    schema: JsonSchema
    definitions: JsonSchema
  }
  const root = structuredClone(document.schema)
  const entries = ((root["properties"] as Record<string, JsonSchema>)["deliveries"]!["items"] as JsonSchema)[
    "anyOf"
  ] as JsonSchema[]
  withEnum(entries[0]!, "dataset", datasets, "The dataset the delivery feeds")
  withEnum(entries[1]!, "source", sources, "The source the file is a snapshot of, declared in pipeline/sources")
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    ...root,
    ...(Object.keys(document.definitions).length > 0 ? { $defs: document.definitions } : {}),
  }
}
