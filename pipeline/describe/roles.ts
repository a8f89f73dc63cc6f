/**
 * What `pipeline add` knows of a dataset, read from the definitions by the roles they declare,
 * never by a dataset's name: the field whose values name places (the key of a dataset with a
 * `nameLookup`, or a foreign key to one), the field of each row's year (`period`), and the
 * codebook its rows refer to (a foreign key to a dataset with a `codebook`), with the projects
 * whose periods bound the years of a project's measure. And the release's rows each role reads,
 * as plain lists. Pure.
 */
import type { Codebook, DatasetDefinition } from "../../schemas/dataset.ts"
import { yearFieldOf } from "../../schemas/dataset.ts"
import { columnsOf } from "../../schemas/derive/columns.ts"
import { MunicipalityIndex } from "../normalize/municipality-names.ts"

export interface PlaceRole {
  /** The field of the described dataset whose values name places. */
  readonly field: string
  /** The digits of its codes: a shorter code of digits alone has lost its leading zeros. */
  readonly digits: number | undefined
  /** The dataset of the places, and how its rows are named. */
  readonly places: string
  readonly lookup: NonNullable<DatasetDefinition["nameLookup"]>
}

/** A field naming measures of a codebook: the codebook's own key, or a foreign key to it. */
export interface MeasuresRole {
  /** The field of the described dataset. */
  readonly field: string
  /** The codebook's dataset, its key, and what it declares. */
  readonly dataset: DatasetDefinition
  readonly key: string
  readonly declared: Codebook
}

/** A dataset of values of a codebook's measures (by a foreign key): `add` asks which measure they are. */
export interface CodebookRole extends MeasuresRole {
  /** The dataset of the projects a measure may belong to, with the fields of their periods. */
  readonly periods:
    | { readonly name: string; readonly key: string; readonly start: string; readonly end: string }
    | undefined
}

export interface Roles {
  readonly place: PlaceRole | undefined
  readonly yearField: string | undefined
  readonly measures: MeasuresRole | undefined
  readonly codebook: CodebookRole | undefined
}

/** The dataset and field a one-field foreign key of `field` refers to. */
const referenceOf = (dataset: DatasetDefinition, field: string, datasets: ReadonlyArray<DatasetDefinition>) => {
  const fk = dataset.foreignKeys.find((k) => k.fields.length === 1 && k.fields[0] === field)
  const target = fk === undefined ? undefined : datasets.find((d) => d.name === fk.reference.dataset)
  return target === undefined ? undefined : { target, key: fk!.reference.fields[0]! }
}

const placeOf = (dataset: DatasetDefinition, datasets: ReadonlyArray<DatasetDefinition>): PlaceRole | undefined => {
  for (const column of columnsOf(dataset)) {
    const own = dataset.nameLookup?.key === column.name ? { target: dataset, key: column.name } : undefined
    const ref = own ?? referenceOf(dataset, column.name, datasets)
    const lookup = ref?.target.nameLookup
    if (lookup !== undefined && lookup.key === ref!.key)
      return { field: column.name, digits: column.digits, places: ref!.target.name, lookup }
  }
  return undefined
}

const codebookOf = (
  dataset: DatasetDefinition,
  datasets: ReadonlyArray<DatasetDefinition>,
): CodebookRole | undefined => {
  for (const field of dataset.foreignKeys.flatMap((k) => (k.fields.length === 1 ? k.fields : []))) {
    const ref = referenceOf(dataset, field, datasets)
    const declared = ref?.target.codebook
    if (ref === undefined || declared === undefined) continue
    const project = referenceOf(ref.target, declared.projectField, datasets)
    const period = project?.target.period
    return {
      field,
      dataset: ref.target,
      key: ref.key,
      declared,
      periods:
        project === undefined || period === undefined || !("start" in period)
          ? undefined
          : { name: project.target.name, key: project.key, start: period.start, end: period.end },
    }
  }
  return undefined
}

export const rolesOf = (dataset: DatasetDefinition, datasets: ReadonlyArray<DatasetDefinition>): Roles => {
  const codebook = codebookOf(dataset, datasets)
  const key = dataset.primaryKey[0]
  return {
    place: placeOf(dataset, datasets),
    yearField: yearFieldOf(dataset),
    measures:
      dataset.codebook !== undefined && key !== undefined
        ? { field: key, dataset, key, declared: dataset.codebook }
        : codebook,
    codebook,
  }
}

/** The datasets of the release whose rows a description of the dataset reads. */
export const listsOf = (roles: Roles): ReadonlyArray<string> => [
  ...(roles.place === undefined ? [] : [roles.place.places]),
  ...(roles.measures === undefined ? [] : [roles.measures.dataset.name]),
  ...(roles.codebook?.periods === undefined ? [] : [roles.codebook.periods.name]),
]

/** A measure of the release's codebook. */
export interface KnownIndicator {
  readonly id: string
  readonly labelSv: string
  readonly labelEn: string
  readonly unit: string
  readonly project: string | null
}

/** A project of the release, with its period. */
export interface ProjectPeriod {
  readonly id: string
  readonly start: string
  readonly end: string
}

export type Rows = ReadonlyArray<Readonly<Record<string, unknown>>>

/** What the release holds for the roles: its places, its measures, the periods of its projects; each undefined when it has none. */
export interface ReleaseLists {
  readonly places: MunicipalityIndex | undefined
  readonly measures: ReadonlyArray<KnownIndicator> | undefined
  readonly periods: ReadonlyArray<ProjectPeriod> | undefined
}

const text = (v: unknown) => String(v)
const orNull = (v: unknown) => (v === null || v === undefined ? null : String(v))

export const releaseLists = (roles: Roles, rowsOf: (dataset: string) => Rows | undefined): ReleaseLists => {
  const { place, measures: m } = roles
  const places = place === undefined ? undefined : rowsOf(place.places)
  const measures = m === undefined ? undefined : rowsOf(m.dataset.name)
  const p = roles.codebook?.periods
  const periods = p === undefined ? undefined : rowsOf(p.name)
  const c = m?.declared
  return {
    places:
      places === undefined
        ? undefined
        : new MunicipalityIndex(
            places.map((r) => ({ code: text(r[place!.lookup.key]), name: text(r[place!.lookup.name]) })),
          ),
    measures: measures?.map((r) => ({
      id: text(r[m!.key]),
      labelSv: text(r[c!.labelFields.sv]),
      labelEn: text(r[c!.labelFields.en]),
      unit: text(r[c!.unitField]),
      project: orNull(r[c!.projectField]),
    })),
    periods: periods?.map((r) => ({ id: text(r[p!.key]), start: text(r[p!.start]), end: text(r[p!.end]) })),
  }
}
