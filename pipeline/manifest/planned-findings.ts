/**
 * What a delivery to be read may not say against its dataset's definition: a dataset that does
 * not exist or that no delivery feeds, a column mapped to no field or a field fed twice, a
 * category, constant or correction of no field, a required field nothing feeds, a decimal
 * separator that is also the thousands separator. Pure: a planned delivery in, each finding
 * with its path inside the entry out.
 */
import { type DatasetDefinition, isDelivered } from "../../schemas/dataset.ts"
import { columnsOf } from "../../schemas/derive/columns.ts"
import type { Delivery } from "../contract/manifest-schema.ts"
import type { PlannedDelivery } from "../contract/source-declaration.ts"
import { type LayoutFinding, layoutFindings } from "./check-layout.ts"

/** The field a mapping feeds, or undefined for dropped columns. */
const mappedField = (m: Delivery["columns"][string]): string | undefined =>
  typeof m === "string" ? m : "field" in m ? m.field : undefined

export const plannedFindings = (d: PlannedDelivery, datasets: ReadonlyArray<DatasetDefinition>): LayoutFinding[] => {
  const findings: LayoutFinding[] = []
  const at = (path: ReadonlyArray<PropertyKey>, message: string) => findings.push({ path, message })
  const dataset = datasets.find((x) => x.name === d.dataset)
  if (dataset === undefined) {
    at(
      ["dataset"],
      `unknown dataset ${JSON.stringify(d.dataset)}; expected one of ${datasets
        .filter(isDelivered)
        .map((x) => x.name)
        .join(", ")}`,
    )
    return findings
  }
  if (dataset.fromManifest === true) {
    at(["dataset"], `${dataset.name} is made from the manifest itself, one row per entry: no delivery feeds it`)
    return findings
  }
  const traced = dataset.provenanceOf
  if (traced !== undefined) {
    at(
      ["dataset"],
      `${dataset.name} is made by the pipeline, where each row of ${traced} comes from: no delivery feeds it; deliver ${traced}`,
    )
    return findings
  }
  const columns = columnsOf(dataset)
  const names = new Set(columns.map((c) => c.name))
  const fed = new Set<string>()
  for (const [source, mapping] of Object.entries(d.columns)) {
    const field = mappedField(mapping)
    if (field === undefined) continue
    if (!names.has(field))
      at(
        ["columns", source],
        `column ${JSON.stringify(source)} maps to ${JSON.stringify(field)}, which is not a field of ${dataset.name}`,
      )
    if (fed.has(field)) at(["columns", source], `field ${field} is fed by more than one column`)
    fed.add(field)
  }
  for (const [field, values] of Object.entries(d.categories ?? {})) {
    if (!names.has(field)) at(["categories", field], `${field} is not a field of ${dataset.name}`)
    if (fed.has(field)) at(["categories", field], `field ${field} is fed twice`)
    if (!Object.values(d.columns).some((m) => typeof m === "object" && "categoryOf" in m && m.categoryOf === field)) {
      at(["categories", field], `no column is declared { "categoryOf": ${JSON.stringify(field)} }`)
    }
    if (Object.keys(values).length === 0) at(["categories", field], "lists no values")
    fed.add(field)
  }
  for (const [source, mapping] of Object.entries(d.columns)) {
    if (typeof mapping === "object" && "categoryOf" in mapping && d.categories?.[mapping.categoryOf] === undefined) {
      at(["columns", source], `the column is a category of ${mapping.categoryOf}, which categories does not list`)
    }
  }
  for (const f of layoutFindings(d, { name: dataset.name, fields: names }, fed)) at([...f.path], f.message)
  for (const field of Object.keys(d.constants ?? {})) {
    if (!names.has(field)) at(["constants", field], `${field} is not a field of ${dataset.name}`)
    if (fed.has(field)) at(["constants", field], `field ${field} is both a constant and a column`)
    fed.add(field)
  }
  const labelFields = new Set(columns.flatMap((c) => (c.missingLabelField === undefined ? [] : [c.missingLabelField])))
  for (const column of columns) {
    if (!fed.has(column.name) && !column.nullable && !labelFields.has(column.name)) {
      at(["columns"], `nothing feeds the required field ${column.name} of ${dataset.name}`)
    }
  }
  for (const [j, c] of (d.corrections ?? []).entries()) {
    if (!names.has(c.field)) at(["corrections", j, "field"], `${c.field} is not a field of ${dataset.name}`)
    if (c.from === c.to) at(["corrections", j, "to"], "a correction must change the value: from and to are the same")
  }
  const { decimalSeparator = ".", thousandsSeparator = "" } = d.dialect ?? {}
  if (decimalSeparator === thousandsSeparator) {
    at(
      ["dialect", "thousandsSeparator"],
      `the thousands separator ${JSON.stringify(thousandsSeparator)} is also the decimal separator`,
    )
  }
  return findings
}
