/**
 * The manifest's checks of how a workbook's table and a wide layout are declared: a wide
 * layout's columns by a form that cannot take exponential time (a regular expression, as the
 * manifest once took, is refused with what to write instead), its fields, and a workbook's
 * last row below its header. Pure: each problem is a path in the entry and a sentence.
 */
import type { Delivery } from "../contract/manifest-schema.ts"

export interface LayoutFinding {
  /** Where in the entry, from the entry's root. */
  readonly path: ReadonlyArray<PropertyKey>
  readonly message: string
}

const COLUMNS_PATH = ["layout", "wide", "columns"] as const

/** An entry (as parsed, before its shape is decoded) whose wide columns are still a pattern. */
export const wideColumnsPattern = (entry: unknown): string | undefined => {
  const columns = (entry as { layout?: { wide?: { columns?: unknown } } } | null)?.layout?.wide?.columns
  return typeof columns === "string" ? columns : undefined
}

/** Whether a path of the entry lies inside its wide layout's columns. */
export const inWideColumns = (path: ReadonlyArray<PropertyKey>): boolean =>
  COLUMNS_PATH.every((key, i) => path[i] === key)

/** The refusal of a pattern, with the forms that replace it. */
export const widePatternFinding = (pattern: string): LayoutFinding => ({
  path: COLUMNS_PATH,
  message: `${JSON.stringify(pattern)} is a regular expression, which the manifest no longer takes (a pattern can take seconds on one label); write the columns as { "years": [FIRST, LAST] } for labels that are years (with "prefix": "…" where a text comes before the year), { "labels": ["…", …] } for a list of labels, or { "prefix": "…" } for labels that begin alike, the rest being the value`,
})

/**
 * A declared entry's layout against its dataset's fields: the wide layout's years in order, its
 * fields the dataset's and fed once (`fed` holds the fields fed so far and gains the layout's),
 * and a workbook's last row below its header.
 */
export const layoutFindings = (
  entry: Pick<Delivery, "layout" | "dialect">,
  dataset: { readonly name: string; readonly fields: ReadonlySet<string> },
  fed: Set<string>,
): LayoutFinding[] => {
  const findings: LayoutFinding[] = []
  const wide = entry.layout?.wide
  if (wide !== undefined) {
    if ("years" in wide.columns && wide.columns.years[0] > wide.columns.years[1])
      findings.push({
        path: [...COLUMNS_PATH, "years"],
        message: `the first year, ${wide.columns.years[0]}, is after the last, ${wide.columns.years[1]}: give [FIRST, LAST]`,
      })
    for (const key of ["labelField", "valueField"] as const) {
      const field = wide[key]
      if (!dataset.fields.has(field))
        findings.push({ path: ["layout", "wide", key], message: `${field} is not a field of ${dataset.name}` })
      if (fed.has(field)) findings.push({ path: ["layout", "wide", key], message: `field ${field} is fed twice` })
      fed.add(field)
    }
  }
  const { headerRow = 1, lastRow } = entry.dialect ?? {}
  if (lastRow !== undefined && lastRow <= headerRow)
    findings.push({
      path: ["dialect", "lastRow"],
      message: `the table's last row, ${lastRow}, is not below its header row, ${headerRow}: give the row of the last record`,
    })
  return findings
}
