/**
 * Turns a table-rule finding into a located problem, using where each field was read from: a
 * workbook's finding at its sheet's cell, and each row its message names where the publisher
 * finds it (`Blad1!A7`, or the line).
 */
import type { Problem } from "../problems/problem.ts"
import { problem } from "../problems/problem.ts"
import { cellAddress } from "../problems/render.ts"
import { resolveRowReferences, type RuleFinding } from "./table-rules.ts"
import type { IngestResult } from "../load/ingest.ts"
import type { NumberFormat } from "../shared/written-forms.ts"
import { numberAsWritten } from "../shared/number-as-written.ts"
import { columnsOf } from "../../schemas/derive/columns.ts"
import type { DatasetDefinition } from "../../schemas/dataset.ts"
import { resolveDialect } from "../contract/manifest-schema.ts"
import type { PlannedDelivery } from "../contract/source-declaration.ts"

const asWritten = (value: string, format: NumberFormat | undefined) =>
  format === undefined ? value : numberAsWritten(value, format)

/**
 * Each delivery's number format for the decimal fields of its dataset (a measured value, as
 * typed: "7 013,5"); none for other fields, whose numbers (years, codes) are never grouped.
 */
export const decimalFormats = (
  deliveries: ReadonlyArray<PlannedDelivery>,
  datasets: ReadonlyArray<DatasetDefinition>,
): ((file: string, dataset: string, field: string) => NumberFormat | undefined) => {
  const decimal = new Set(
    datasets.flatMap((d) => columnsOf(d).flatMap((c) => (c.type === "DOUBLE" ? [`${d.name}.${c.name}`] : []))),
  )
  const formats = new Map(deliveries.map((d) => [d.file, resolveDialect(d.dialect)]))
  return (file, dataset, field) => (decimal.has(`${dataset}.${field}`) ? formats.get(file) : undefined)
}

export const locateFinding = (
  f: RuleFinding,
  fieldColumns: IngestResult["fieldColumns"],
  label: (file: string) => string,
  /** The sheet each workbook delivery was read from, by its label. */
  sheets: ReadonlyMap<string, string> = new Map(),
  /** The format a field's number is shown in, as its delivery writes it; undefined: as it is. */
  formatOf: (file: string, dataset: string, field: string) => NumberFormat | undefined = () => undefined,
): Problem => {
  let column: number | undefined
  let columnName: string | undefined
  let line = f.line
  const positions = f.cols === null ? undefined : (JSON.parse(f.cols) as Record<string, [number, number, string]>)
  const field =
    f.fields.find((x) => (positions === undefined ? fieldColumns.get(f.file)?.has(x) : x in positions)) ?? f.fields[0]!
  if (positions !== undefined) {
    const at = positions[field]
    if (at !== undefined) [line, column, columnName] = at
  } else {
    const at = fieldColumns.get(f.file)?.get(field)
    column = at?.column
    columnName = at?.name
  }
  const sheet = sheets.get(label(f.file))
  const place = (file: string, row: number) => {
    const inSheet = sheets.get(label(file))
    const at =
      inSheet === undefined ? `line ${row}` : cellAddress(inSheet, row, fieldColumns.get(file)?.get(field)?.column)
    return file === f.file ? at : `${label(file)}:${inSheet === undefined ? row : at}`
  }
  return problem({
    code: f.code,
    file: label(f.file),
    ...(sheet === undefined ? {} : { sheet }),
    line,
    column,
    columnName,
    value: f.value === null ? null : asWritten(f.value, formatOf(f.file, f.dataset, field)),
    message: `${f.dataset}.${field}: ${resolveRowReferences(f.message, place)}`,
  })
}
