/**
 * The manifest entry of a delivery, in the manifest's key order, from what was detected and
 * given; and the one-row file and entry that define a new indicator beside its values. Pure.
 */
import type { ColumnMapping, Delivery, Dialect, MissingMarker } from "../contract/manifest-schema.ts"
import { columnsOf } from "../../schemas/derive/columns.ts"
import type { NewIndicator } from "./indicator-choice.ts"

export interface EntryParts {
  readonly file: string
  readonly dataset: string
  readonly publisher: string
  readonly licence: Delivery["licence"]
  readonly rights?: string | undefined
  readonly received: string
  readonly sha256: string
  readonly description?: string | undefined
  readonly format?: Delivery["format"]
  readonly dialect: Dialect
  readonly columns: Readonly<Record<string, ColumnMapping>>
  readonly constants: Readonly<Record<string, string>>
  readonly layout?: Delivery["layout"]
}

/** A delivered file's entry: `kind: "delivered"`, its format (CSV unless said), the dialect, columns and constants. */
export const proposeEntry = (p: EntryParts): Delivery => ({
  file: p.file,
  dataset: p.dataset,
  kind: "delivered",
  publisher: p.publisher,
  licence: p.licence,
  ...(p.rights === undefined ? {} : { rights: p.rights }),
  received: p.received,
  sha256: p.sha256,
  ...(p.description === undefined ? {} : { description: p.description }),
  format: p.format ?? "csv",
  dialect: p.dialect,
  columns: { ...p.columns },
  ...(Object.keys(p.constants).length === 0 ? {} : { constants: { ...p.constants } }),
  ...(p.layout === undefined ? {} : { layout: p.layout }),
})

/** The dialect as the manifest says it: only what was found, in the manifest's key order. */
export const dialectOf = (d: {
  readonly encoding: Dialect["encoding"]
  readonly delimiter: Dialect["delimiter"]
  readonly decimalSeparator: Dialect["decimalSeparator"]
  readonly thousandsSeparator: Dialect["thousandsSeparator"]
  readonly missingValues: ReadonlyArray<MissingMarker>
  readonly sheet?: string
  readonly headerRow?: number
  readonly lastRow?: number | undefined
}): Dialect => ({
  ...(d.encoding === undefined ? {} : { encoding: d.encoding }),
  ...(d.delimiter === undefined ? {} : { delimiter: d.delimiter }),
  ...(d.decimalSeparator === undefined ? {} : { decimalSeparator: d.decimalSeparator }),
  ...(d.thousandsSeparator === undefined ? {} : { thousandsSeparator: d.thousandsSeparator }),
  ...(d.missingValues.length === 0 ? {} : { missingValues: [...d.missingValues] }),
  ...(d.sheet === undefined ? {} : { sheet: d.sheet }),
  ...(d.headerRow === undefined || d.headerRow === 1 ? {} : { headerRow: d.headerRow }),
  ...(d.lastRow === undefined ? {} : { lastRow: d.lastRow }),
})

const csvCell = (s: string) => (/[",\r\n]/u.test(s) || s !== s.trim() ? `"${s.replaceAll('"', '""')}"` : s)

/** The name of the file defining a new indicator, beside its values' file. */
export const indicatorFileName = (id: string): string => `indicator-${id}.csv`

/**
 * A new indicator as a one-row CSV for its codebook (UTF-8, commas, LF), its cells in the
 * codebook's field order, and its columns, each named as the field it feeds. `producer` is who
 * produces the figures: the publisher.
 */
export const indicatorCsv = (
  indicator: NewIndicator,
  producer: string,
): { readonly dataset: string; readonly text: string; readonly columns: Readonly<Record<string, string>> } => {
  const { dataset, key, declared } = indicator.codebook
  const given: Readonly<Record<string, string | undefined>> = {
    [key]: indicator.id,
    [declared.labelFields.sv]: indicator.labelSv,
    [declared.labelFields.en]: indicator.labelEn,
    [declared.unitField]: indicator.unit,
    [declared.definitionFields.sv]: indicator.definitionSv,
    [declared.definitionFields.en]: indicator.definitionSv === undefined ? undefined : (indicator.definitionEn ?? ""),
    [declared.projectField]: indicator.project,
    [declared.sourceField]: producer,
  }
  const cells = columnsOf(dataset).flatMap((c) => {
    const value = given[c.name]
    return value === undefined ? [] : [[c.name, value] as const]
  })
  return {
    dataset: dataset.name,
    text: `${cells.map(([k]) => k).join(",")}\n${cells.map(([, v]) => csvCell(v)).join(",")}\n`,
    columns: Object.fromEntries(cells.map(([k]) => [k, k])),
  }
}
