/**
 * A published dataset: one Effect Schema struct plus the table-level metadata (names, keys)
 * that a struct cannot carry. Everything published about a dataset is derived from this.
 */
import { Schema } from "effect"
import { pageFields, sectionFields, type PageSection, type RowNames, type RowPages } from "./row-pages.ts"
import type { Reconciliation } from "./reconciliation.ts"
import { codebookFields, type Codebook, type WideView } from "./measures.ts"
import type { DeliveryFact } from "./manifest-facts.ts"

export type { Codebook, DeliveryFact, WideView }

export interface Bilingual {
  readonly sv: string
  readonly en: string
}

export interface ForeignKey {
  readonly fields: ReadonlyArray<string>
  readonly reference: { readonly dataset: string; readonly fields: ReadonlyArray<string> }
}

/** Themes of the EU data-theme vocabulary (http://publications.europa.eu/resource/authority/data-theme). */
export type DataTheme =
  | "AGRI"
  | "ECON"
  | "EDUC"
  | "ENER"
  | "ENVI"
  | "GOVE"
  | "HEAL"
  | "INTR"
  | "JUST"
  | "REGI"
  | "SOCI"
  | "TECH"
  | "TRAN"

/** A field of a row whose value may not come before another's (an end before its start). */
export interface OrderRule {
  readonly field: string
  readonly notBefore: string
  /** What is wrong, in words, for the problem at the field's cell. */
  readonly message: string
}

/**
 * A value that is missing says why, and only a missing value does: the label field
 * (`value_status`) holds a label exactly when every one of `fields` is null (an amount is
 * missing when it is given in neither SEK nor EUR).
 */
export interface LabelRule {
  readonly fields: ReadonlyArray<string>
  readonly labelledBy: string
}

export type RowRule = OrderRule | LabelRule

export const isOrderRule = (r: RowRule): r is OrderRule => "notBefore" in r

/** The fields a row rule reads. */
export const ruleFields = (r: RowRule): ReadonlyArray<string> =>
  isOrderRule(r) ? [r.field, r.notBefore] : [...r.fields, r.labelledBy]

/**
 * A rule over the staged tables that a row cannot show alone (a value of a project's indicator
 * outside the project's period): SQL selecting `_file, _line, _cols, value, message` of each
 * row at fault, reported at the first of `fields` found in the delivery.
 */
export interface DeclaredTableRule {
  readonly code: "row/period" | "cell/constraint"
  readonly fields: ReadonlyArray<string>
  readonly sql: string
}

/**
 * A dataset whose rows are places (the municipalities, the counties): each row's key names a
 * place. The catalogue states a dataset's spatial coverage as the places its rows refer to, by
 * name, and the larger places they lie in.
 */
export interface Places {
  /** The field holding the place's name. */
  readonly name: string
  /** The field whose foreign key names the larger place the place lies in (a municipality's county). */
  readonly within?: string
  /** Where a public vocabulary names the place: its IRI is `prefix` and the field's value (NUTS). */
  readonly iri?: { readonly field: string; readonly prefix: string }
  /** What the places are called, in the plural, where the site speaks of them: kommuner, municipalities. */
  readonly called?: Bilingual
}

export interface DatasetDefinition<
  S extends Schema.Struct<Schema.Struct.Fields> = Schema.Struct<Schema.Struct.Fields>,
> {
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
  /** Of a dataset made from the manifest: the fact of its entry each field holds, for every field. */
  readonly manifestFacts?: { readonly [field: string]: DeliveryFact }
  /**
   * Fields that earlier releases published under another name: the field, to that name. A
   * previous release is read by it.
   */
  readonly formerNames?: { readonly [field: string]: string }
  /**
   * Made by the pipeline beside the dataset of this name: where each of its rows comes from
   * (schemas/provenance.ts), rather than fed by deliveries.
   */
  readonly provenanceOf?: string
  /**
   * A table that supports the datasets it shares a foreign key with (a code list copied from its
   * source, the deliveries), rather than a dataset of the publisher's own: the catalogue links it
   * from those datasets instead of listing it, and the site lists it apart.
   */
  readonly supporting?: true
  /** The rows are places, which other datasets' spatial coverage names. */
  readonly places?: Places
  /** Rules a row must keep, checked with the row by both normalizers and by the release check. */
  readonly rowRules?: ReadonlyArray<RowRule>
  /** Rules over the whole table, checked once every delivery is loaded. */
  readonly tableRules?: ReadonlyArray<DeclaredTableRule>
  /**
   * The period each row is about: from a start date to an end date, or a calendar year. The
   * catalogue's coverage of the dataset, and of the datasets whose key refers to it, comes from it.
   */
  readonly period?: { readonly start: string; readonly end: string } | { readonly year: string }
  /**
   * The dataset's names are what deliveries name its rows by (`parse: "municipality-name"`):
   * the key field and the name field looked up, and the word for one of its rows in what
   * `pipeline add` says of a column of them (`municipality`).
   */
  readonly nameLookup?: { readonly key: string; readonly name: string; readonly noun: string }
  /** Its rows define measures whose values another dataset holds. */
  readonly codebook?: Codebook
  /**
   * The fields a delivery's coverage is given in: a newer delivery (a correction, the next
   * snapshot of a source) takes the place of an older one's rows only where it covers their
   * values of each of these fields, and the older one's other rows stay published. Without
   * them, a newer delivery feeding the dataset covers all of an older one's rows.
   */
  readonly coverage?: ReadonlyArray<string>
  /** The fields that name a row, in each language (a project's title, an indicator's label). */
  readonly names?: RowNames
  /** Each row has a page of the site, which shows this of it and of the rows that refer to it. */
  readonly rowPages?: RowPages
  /** How its rows show on the page of the row they refer to, where that dataset lists it in `rowPages.sections`. */
  readonly onPage?: PageSection
  /**
   * The rows are measures (the indicators), whose values a dataset that refers to them holds
   * (`chart`): the field that gives each one's unit.
   */
  readonly measure?: { readonly unit: string }
  /**
   * The rows are values to chart (the indicator values): `value` over the years of the period
   * (`period.year`), a chart per measure its key refers to (a dataset with `measure`), a panel per
   * place its key refers to (a dataset with `places`); a missing value says why by the field's
   * `missingLabelField`.
   */
  readonly chart?: { readonly value: string }
  /** How the dataset is read wide, one row per place and period, for analysis. */
  readonly wide?: WideView
  /** How the dataset's rows described by both a delivery and a register are compared. */
  readonly reconcile?: Reconciliation
}

export const defineDataset = <F extends Schema.Struct.Fields>(
  definition: Omit<DatasetDefinition<Schema.Struct<F>>, "schema"> & { readonly fields: F },
): DatasetDefinition<Schema.Struct<F>> => {
  const { fields, ...rest } = definition
  const struct = Schema.Struct(fields).annotate({
    title: definition.title.en,
    description: definition.description.en,
  })
  for (const key of [
    ...definition.primaryKey,
    ...definition.foreignKeys.flatMap((fk) => fk.fields),
    ...(definition.rowRules ?? []).flatMap(ruleFields),
    ...(definition.nameLookup === undefined ? [] : [definition.nameLookup.key, definition.nameLookup.name]),
    ...(definition.codebook === undefined ? [] : codebookFields(definition.codebook)),
    ...Object.values(definition.period ?? {}),
    ...(definition.coverage ?? []),
    ...Object.values(definition.names ?? {}),
    ...(definition.rowPages === undefined ? [] : pageFields(definition.rowPages)),
    ...(definition.onPage === undefined ? [] : sectionFields(definition.onPage)),
    ...Object.values(definition.measure ?? {}),
    ...Object.values(definition.chart ?? {}),
    ...Object.keys(definition.manifestFacts ?? {}),
    ...Object.keys(definition.formerNames ?? {}),
    ...(definition.wide === undefined
      ? []
      : [...definition.wide.rows, definition.wide.on, ...Object.keys(definition.wide.values)]),
    ...(definition.reconcile === undefined
      ? []
      : [
          definition.reconcile.match,
          ...definition.reconcile.aspects.flatMap((a) =>
            a.from === undefined ? [...a.fields, ...(a.before === undefined ? [] : [a.before])] : [],
          ),
        ]),
    ...(definition.places === undefined
      ? []
      : [definition.places.name, definition.places.within, definition.places.iri?.field].filter(
          (f): f is string => f !== undefined,
        )),
  ]) {
    if (!(key in fields)) throw new Error(`${definition.name}: field ${key} of a key or rule is not a field`)
  }
  if ((definition.fromManifest === true) !== (definition.manifestFacts !== undefined))
    throw new Error(
      `${definition.name}: a dataset made from the manifest says which fact each field holds, and only it`,
    )
  if (definition.manifestFacts !== undefined && Object.keys(fields).some((f) => !(f in definition.manifestFacts!)))
    throw new Error(`${definition.name}: every field of a dataset made from the manifest holds a fact of its entry`)
  if (definition.places !== undefined && definition.primaryKey.length !== 1)
    throw new Error(`${definition.name}: a dataset of places has a key of one field, which names the place`)
  if (definition.rowPages !== undefined && definition.primaryKey.length !== 1)
    throw new Error(`${definition.name}: a dataset with a page per row has a key of one field, which names the page`)
  // Each row rule is a check of the whole row, reported at its field.
  const schema = (definition.rowRules ?? []).reduce(
    (s, rule) => s.check(Schema.makeFilter((row: Record<string, unknown>) => rowRuleIssue(rule, row))),
    struct,
  ) as Schema.Struct<F>
  return { ...rest, schema }
}

const rowRuleIssue = (rule: RowRule, row: Record<string, unknown>) => {
  if (isOrderRule(rule)) {
    const [value, bound] = [row[rule.field], row[rule.notBefore]]
    return typeof value === "string" && typeof bound === "string" && value < bound
      ? { path: [rule.field], issue: `${rule.message} (${rule.notBefore} ${bound})` }
      : undefined
  }
  const label = row[rule.labelledBy]
  const given = rule.fields.filter((f) => row[f] !== null && row[f] !== undefined)
  const field = rule.fields.join(" and ")
  if (given.length === 0 && label === null)
    return {
      path: [rule.fields[0]!],
      issue: `${field} ${rule.fields.length === 1 ? "is" : "are"} empty and ${rule.labelledBy} does not say why; declare what an empty cell means in the delivery's dialect ("missingValues": [{ "value": "", "label": "not reported" }], or another label), or give ${rule.labelledBy} in a column`,
    }
  if (given.length > 0 && typeof label === "string")
    return {
      path: [rule.labelledBy],
      issue: `${rule.labelledBy} says the value is missing (${label}), but ${given[0]} is ${String(row[given[0]!])}; a value that is given has no missing label`,
    }
  return undefined
}

/** The field holding the calendar year each row is about, when its period is a year. */
export const yearFieldOf = (d: Pick<DatasetDefinition, "period">): string | undefined =>
  d.period !== undefined && "year" in d.period ? d.period.year : undefined

/** Whether deliveries feed the dataset (rather than the pipeline making it). */
export const isDelivered = (d: Pick<DatasetDefinition, "fromManifest" | "provenanceOf">): boolean =>
  d.fromManifest !== true && d.provenanceOf === undefined

/** The row type of a dataset. */
export type Row<D> = D extends DatasetDefinition<infer S> ? Schema.Schema.Type<S> : never
