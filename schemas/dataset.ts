/**
 * A published dataset: one Effect Schema struct plus the table-level metadata (names, keys)
 * that a struct cannot carry. Everything published about a dataset is derived from this.
 */
import { Schema } from "effect"

export interface Bilingual {
  readonly sv: string
  readonly en: string
}

export interface ForeignKey {
  readonly fields: ReadonlyArray<string>
  readonly reference: { readonly dataset: string; readonly fields: ReadonlyArray<string> }
}

/** Themes of the EU data-theme vocabulary (http://publications.europa.eu/resource/authority/data-theme). */
export type DataTheme = "AGRI" | "ECON" | "EDUC" | "ENER" | "ENVI" | "GOVE" | "HEAL" | "INTR" | "JUST" | "REGI" | "SOCI" | "TECH" | "TRAN"

export interface DatasetDefinition<S extends Schema.Struct<Schema.Struct.Fields> = Schema.Struct<Schema.Struct.Fields>> {
  /** File and table name; part of the published contract. */
  readonly name: string
  readonly title: Bilingual
  readonly description: Bilingual
  /** The record type, field order = CSV column order. */
  readonly schema: S
  readonly primaryKey: ReadonlyArray<string>
  readonly foreignKeys: ReadonlyArray<ForeignKey>
  /** Keywords for catalogues, in each language. */
  readonly keywords: { readonly sv: ReadonlyArray<string>; readonly en: ReadonlyArray<string> }
  /** Themes for catalogues. */
  readonly themes: ReadonlyArray<DataTheme>
  /** Made by the pipeline from the manifest, one row per entry, rather than fed by deliveries. */
  readonly fromManifest?: true
}

export const defineDataset = <F extends Schema.Struct.Fields>(
  definition: Omit<DatasetDefinition<Schema.Struct<F>>, "schema"> & { readonly fields: F },
): DatasetDefinition<Schema.Struct<F>> => {
  const { fields, ...rest } = definition
  const schema = Schema.Struct(fields).annotate({
    title: definition.title.en,
    description: definition.description.en,
  })
  for (const key of [...definition.primaryKey, ...definition.foreignKeys.flatMap((fk) => fk.fields)]) {
    if (!(key in fields)) throw new Error(`${definition.name}: key field ${key} is not a field`)
  }
  return { ...rest, schema }
}

/** The row type of a dataset. */
export type Row<D> = D extends DatasetDefinition<infer S> ? Schema.Schema.Type<S> : never
