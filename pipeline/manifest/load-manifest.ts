/** Parses and checks the manifest: its shape, and that it agrees with the dataset definitions. */
import { Schema } from "effect"
import type { DatasetDefinition } from "../../schemas/dataset.ts"
import { columnsOf } from "../../schemas/derive/columns.ts"
import type { Problem } from "../problems/problem.ts"
import { problem } from "../problems/problem.ts"
import { JsonSyntaxError, locate, parseJsonText, toPlain } from "../read/json-text.ts"
import type { Delivery, Manifest } from "./manifest-schema.ts"
import { Manifest as ManifestSchema } from "./manifest-schema.ts"
import { PROVENANCE_FIELDS } from "../normalize/provenance.ts"

export type ManifestResult = { readonly manifest: Manifest; readonly problems: [] } | { readonly manifest: undefined; readonly problems: Problem[] }

const validate = ManifestSchema.pipe(Schema.toStandardSchemaV1)

/** The field a mapping feeds, or undefined for dropped columns. */
export const mappedField = (m: Delivery["columns"][string]): string | undefined =>
  typeof m === "string" ? m : "field" in m ? m.field : undefined

/** Pure: the manifest text in, the manifest or every problem found out. */
export const parseManifest = (
  text: string,
  file: string,
  datasets: ReadonlyArray<DatasetDefinition>,
): ManifestResult => {
  let root
  try {
    root = parseJsonText(text)
  } catch (e) {
    if (!(e instanceof JsonSyntaxError)) throw e
    return { manifest: undefined, problems: [problem({ code: "manifest/invalid", file, line: e.line, column: e.column, message: `the manifest is not valid JSON: ${e.message}` })] }
  }
  const result = validate["~standard"].validate(toPlain(root))
  if ("then" in result) throw new Error("manifest schema must be synchronous")
  if (result.issues !== undefined) {
    return {
      manifest: undefined,
      problems: result.issues.map((issue) => {
        const path = (issue.path ?? []).map((p) => (typeof p === "object" ? p.key : p))
        return problem({
          code: "manifest/invalid",
          file,
          ...locate(root, path),
          message: `${path.length > 0 ? `${path.join(".")}: ` : ""}${issue.message}`,
        })
      }),
    }
  }
  const manifest = result.value as Manifest
  const problems: Problem[] = []
  const at = (path: ReadonlyArray<PropertyKey>, message: string) =>
    problems.push(problem({ code: "manifest/invalid", file, ...locate(root, path), message }))
  const seen = new Set<string>()
  manifest.deliveries.forEach((d, i) => {
    if (seen.has(d.file)) at(["deliveries", i, "file"], `${d.file} is declared twice`)
    if (d.file.split("/").some((part) => part === ".." || part === "." || part === "")) {
      at(["deliveries", i, "file"], `${JSON.stringify(d.file)} must name a file inside raw/, without "..", "." or empty parts`)
    }
    seen.add(d.file)
    const dataset = datasets.find((x) => x.name === d.dataset)
    if (dataset === undefined) {
      at(["deliveries", i, "dataset"], `unknown dataset ${JSON.stringify(d.dataset)}; expected one of ${datasets.map((x) => x.name).join(", ")}`)
      return
    }
    const columns = columnsOf(dataset)
    const names = new Set(columns.map((c) => c.name))
    const fed = new Set<string>()
    for (const [source, mapping] of Object.entries(d.columns)) {
      const field = mappedField(mapping)
      if (field === undefined) continue
      if (!names.has(field)) at(["deliveries", i, "columns", source], `column ${JSON.stringify(source)} maps to ${JSON.stringify(field)}, which is not a field of ${dataset.name}`)
      if (fed.has(field)) at(["deliveries", i, "columns", source], `field ${field} is fed by more than one column`)
      fed.add(field)
    }
    for (const field of Object.keys(d.constants ?? {})) {
      if (!names.has(field)) at(["deliveries", i, "constants", field], `${field} is not a field of ${dataset.name}`)
      if (fed.has(field)) at(["deliveries", i, "constants", field], `field ${field} is both a constant and a column`)
      fed.add(field)
    }
    const labelFields = new Set(columns.flatMap((c) => (c.missingLabelField === undefined ? [] : [c.missingLabelField])))
    for (const column of columns) {
      if (!fed.has(column.name) && !column.nullable && !PROVENANCE_FIELDS.has(column.name) && !labelFields.has(column.name)) {
        at(["deliveries", i, "columns"], `nothing feeds the required field ${column.name} of ${dataset.name}`)
      }
    }
    for (const [j, c] of (d.corrections ?? []).entries()) {
      if (!names.has(c.field)) at(["deliveries", i, "corrections", j, "field"], `${c.field} is not a field of ${dataset.name}`)
      if (c.from === c.to) at(["deliveries", i, "corrections", j, "to"], "a correction must change the value: from and to are the same")
    }
    const { decimalSeparator = ".", thousandsSeparator = "" } = d.dialect ?? {}
    if (decimalSeparator === thousandsSeparator) {
      at(["deliveries", i, "dialect", "thousandsSeparator"], `the thousands separator ${JSON.stringify(thousandsSeparator)} is also the decimal separator`)
    }
  })
  return problems.length > 0 ? { manifest: undefined, problems } : { manifest, problems: [] }
}
