/**
 * Compiles a manifest entry into a plan: for every dataset field, where its value comes from
 * and how it is parsed. Header checks live here, since only the plan knows what to expect.
 */
import type { DatasetDefinition } from "../../schemas/dataset.ts"
import type { Column } from "../../schemas/derive/columns.ts"
import { columnsOf } from "../../schemas/derive/columns.ts"
import type { Delivery, ResolvedDialect } from "../contract/manifest-schema.ts"
import { resolveDialect } from "../contract/manifest-schema.ts"
import { wideMatcher } from "../contract/wide-columns.ts"
import type { Problem } from "../problems/problem.ts"
import { problem } from "../problems/problem.ts"
import type { SourceRecord } from "../contract/source-record.ts"
import { MAX_COLUMNS } from "../shared/limits.ts"
import { cleanText } from "../shared/text.ts"
import { type MissingLabel, missingLabels } from "./missing-labels.ts"

export type FieldSource =
  | {
      readonly kind: "column"
      readonly name: string
      readonly parse: "code-name" | "municipality-name" | undefined
      readonly zeroPad: number | undefined
    }
  | { readonly kind: "constant"; readonly value: string }
  /** Chosen by the values of several columns together (the manifest's `categories`). */
  | {
      readonly kind: "category"
      readonly columns: ReadonlyArray<string>
      readonly values: Readonly<Record<string, string>>
    }
  | { readonly kind: "label" }
  | { readonly kind: "none" }

export interface FieldPlan {
  readonly column: Column
  readonly source: FieldSource
  readonly corrections: ReadonlyArray<{ readonly from: string; readonly to: string; readonly reason: string }>
}

export interface DeliveryPlan {
  /** How the file is read and mapped; how it came to be does not matter here. */
  readonly delivery: Omit<Delivery, "kind">
  readonly dataset: DatasetDefinition
  readonly dialect: ResolvedDialect
  /** The dialect's missing-value markers by cleaned text (missingLabels). */
  readonly missing: ReadonlyMap<string, MissingLabel>
  readonly fields: ReadonlyArray<FieldPlan>
  /** Source columns declared personal or ignored: dropped when read. */
  readonly dropped: ReadonlySet<string>
  readonly declared: ReadonlySet<string>
  /**
   * A wide layout: what a header label gives the label field (undefined for a column that is not
   * a value), and the fields label and cell feed.
   */
  readonly wide:
    | {
        readonly labelValue: (label: string) => string | undefined
        readonly labelField: string
        readonly valueField: string
      }
    | undefined
}

/** Names of the two cells a wide layout's value becomes: its column's label, and the cell. */
export const WIDE_LABEL = "(label of a wide column)"
export const WIDE_VALUE = "(value of a wide column)"

/** The separator of the values of a category's columns, as the manifest writes them. */
export const CATEGORY_SEPARATOR = " / "

export const planDelivery = (delivery: Omit<Delivery, "kind">, dataset: DatasetDefinition): DeliveryPlan => {
  const columns = columnsOf(dataset)
  const labelFields = new Set(columns.flatMap((c) => (c.missingLabelField === undefined ? [] : [c.missingLabelField])))
  const bySource = Object.entries(delivery.columns).map(([source, m]) => [cleanText(source), m] as const)
  const fields = columns.map((column): FieldPlan => {
    const corrections = (delivery.corrections ?? []).filter((c) => c.field === column.name)
    const constant = delivery.constants?.[column.name]
    if (constant !== undefined) return { column, source: { kind: "constant", value: constant }, corrections }
    const categories = delivery.categories?.[column.name]
    if (categories !== undefined) {
      const from = bySource
        .filter(([, m]) => typeof m === "object" && "categoryOf" in m && m.categoryOf === column.name)
        .map(([n]) => n)
      return { column, source: { kind: "category", columns: from, values: categories }, corrections }
    }
    const wide = delivery.layout?.wide
    if (wide?.labelField === column.name)
      return { column, source: { kind: "column", name: WIDE_LABEL, parse: undefined, zeroPad: undefined }, corrections }
    if (wide?.valueField === column.name)
      return { column, source: { kind: "column", name: WIDE_VALUE, parse: undefined, zeroPad: undefined }, corrections }
    for (const [name, m] of bySource) {
      if (m === column.name)
        return { column, source: { kind: "column", name, parse: undefined, zeroPad: undefined }, corrections }
      if (typeof m === "object" && "field" in m && m.field === column.name) {
        return { column, source: { kind: "column", name, parse: m.parse, zeroPad: m.zeroPad }, corrections }
      }
    }
    if (labelFields.has(column.name)) return { column, source: { kind: "label" }, corrections }
    return { column, source: { kind: "none" }, corrections }
  })
  const dropped = new Set(
    bySource.filter(([, m]) => typeof m === "object" && !("field" in m) && !("categoryOf" in m)).map(([n]) => n),
  )
  const wide = delivery.layout?.wide
  const dialect = resolveDialect(delivery.dialect)
  return {
    delivery,
    dataset,
    dialect,
    missing: missingLabels(dialect.missingValues),
    fields,
    dropped,
    declared: new Set(bySource.map(([n]) => n)),
    wide:
      wide === undefined
        ? undefined
        : { labelValue: wideMatcher(wide.columns), labelField: wide.labelField, valueField: wide.valueField },
  }
}

/** A wide record as one record per wide column: the other cells, the column's label and its cell. */
export const widen = (record: SourceRecord, plan: DeliveryPlan): SourceRecord[] => {
  if (plan.wide === undefined) return [record]
  const { labelValue } = plan.wide
  const values = record.cells.map((c) => labelValue(c.name))
  const fixed = record.cells.filter((_, i) => values[i] === undefined)
  return record.cells.flatMap((c, i) => {
    const label = values[i]
    return label === undefined
      ? []
      : [
          {
            line: record.line,
            cells: [
              ...fixed,
              { name: WIDE_LABEL, label: c.name, line: c.line, column: c.column, value: label },
              { ...c, name: WIDE_VALUE, label: c.name },
            ],
          },
        ]
  })
}

/** Whether the plan needs the record-by-record reader: the bulk SQL knows no categories or wide layouts. */
export const needsRecordReader = (plan: DeliveryPlan): boolean =>
  plan.wide !== undefined || plan.fields.some((f) => f.source.kind === "category")

const DELIMITER_NAMES: Record<string, string> = { ",": '"," (comma)', ";": '";" (semicolon)', "\t": "tabs", "|": '"|"' }

/**
 * Another delimiter that splits the header into the declared columns, where the declared one
 * does not: the file was written with it (a semicolon file from a Swedish spreadsheet, say).
 */
const delimiterInHeader = (
  plan: DeliveryPlan,
  header: ReadonlyArray<{ readonly name: string }>,
): string | undefined => {
  const found = (labels: ReadonlyArray<string>) => [...plan.declared].filter((d) => labels.includes(d)).length
  const asDeclared = found(header.map((h) => h.name))
  if (asDeclared === plan.declared.size) return undefined
  return Object.keys(DELIMITER_NAMES).find(
    (d) =>
      d !== plan.dialect.delimiter &&
      found(header.flatMap((h) => h.name.split(d).map((l) => cleanText(l)))) > asDeclared,
  )
}

/** Header problems after which no record can be read as declared. */
export const headerStops = (problems: ReadonlyArray<Problem>): boolean =>
  problems.some((p) => p.code === "header/missing-label" || p.code === "header/delimiter")

/** Checks a CSV header against the plan: declared columns present, nothing unexpected, no duplicates. */
export const checkHeader = (
  plan: DeliveryPlan,
  header: ReadonlyArray<{ readonly name: string; readonly column: number }>,
  file: string,
  line: number,
): Problem[] => {
  const problems: Problem[] = []
  if (header.length > MAX_COLUMNS) {
    return [
      problem({
        code: "header/too-many-columns",
        file,
        line,
        column: MAX_COLUMNS + 1,
        value: header[MAX_COLUMNS]!.name,
        message: `the header has more than the ${MAX_COLUMNS} columns a delivery may have: is the delimiter right?`,
      }),
    ]
  }
  const delimiter = delimiterInHeader(plan, header)
  if (delimiter !== undefined) {
    const joined = header.find((h) => h.name.includes(delimiter))!
    return [
      problem({
        code: "header/delimiter",
        file,
        line,
        column: joined.column,
        value: joined.name,
        message: `the header's columns are separated by ${DELIMITER_NAMES[delimiter]}, not by the declared ${DELIMITER_NAMES[plan.dialect.delimiter] ?? JSON.stringify(plan.dialect.delimiter)}: declare "delimiter": ${JSON.stringify(delimiter)} in the delivery's dialect`,
      }),
    ]
  }
  const seen = new Set<string>()
  for (const h of header) {
    if (seen.has(h.name)) {
      problems.push(
        problem({
          code: "header/duplicate-label",
          file,
          line,
          column: h.column,
          columnName: h.name,
          value: h.name,
          message: `the column ${JSON.stringify(h.name)} appears twice in the header`,
        }),
      )
    }
    seen.add(h.name)
    if (!plan.declared.has(h.name) && plan.wide?.labelValue(h.name) === undefined) {
      problems.push(
        problem({
          code: "header/extra-label",
          file,
          line,
          column: h.column,
          columnName: h.name,
          value: h.name,
          message: `the manifest does not declare the column ${JSON.stringify(h.name)}; map it to a field, or declare it personal or ignored`,
        }),
      )
    }
  }
  for (const name of plan.declared) {
    if (!seen.has(name)) {
      problems.push(
        problem({
          code: "header/missing-label",
          file,
          line,
          value: name,
          message: `the header has no column ${JSON.stringify(name)}, which the manifest declares; found ${header.map((h) => JSON.stringify(h.name)).join(", ")}`,
        }),
      )
    }
  }
  return problems
}

/** A JSON key the manifest does not declare, reported once per key where it first appears. */
export const checkJsonKeys = (records: ReadonlyArray<SourceRecord>, plan: DeliveryPlan, file: string): Problem[] => {
  const seen = new Set<string>()
  const problems: Problem[] = []
  for (const record of records) {
    for (const cell of record.cells) {
      if (plan.declared.has(cell.name) || seen.has(cell.name)) continue
      seen.add(cell.name)
      if (seen.size > MAX_COLUMNS)
        return [
          problem({
            code: "header/too-many-columns",
            file,
            line: cell.line,
            column: cell.column,
            columnName: cell.name,
            value: cell.name,
            message: `the records have more than ${MAX_COLUMNS} properties the manifest does not declare, more than the columns a delivery may have`,
          }),
        ]
      problems.push(
        problem({
          code: "header/extra-label",
          file,
          line: cell.line,
          column: cell.column,
          columnName: cell.name,
          value: cell.name,
          message: `the manifest does not declare the property ${JSON.stringify(cell.name)}; map it to a field, or declare it personal or ignored`,
        }),
      )
    }
  }
  return problems
}
