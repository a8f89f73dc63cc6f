/**
 * What the catalogue and the site say of a dataset's rows: the period they cover and the places
 * they are about, read from the build's tables (which hold where each row came from). Which
 * fields give a period, which datasets are places and how they nest, is each definition's to say.
 */
import type { DatasetDefinition, ForeignKey } from "../../schemas/dataset.ts"
import { quoteIdent, sqlString } from "../../schemas/derive/duckdb.ts"
import type { Database } from "../db/duckdb.ts"

/** A place a dataset's rows are about, by the key and name its dataset of places gives it. */
export interface Place {
  /** The dataset of places it is a row of. */
  readonly dataset: string
  readonly key: string
  readonly name: string
  /** Its IRI in a public vocabulary, where its dataset names one (a NUTS region). */
  readonly iri: string | undefined
}

export interface Coverage {
  /** The first and last day the rows cover, rows the build flagged as entry errors left out. */
  readonly temporal: { readonly start: string; readonly end: string } | undefined
  /**
   * The places the rows are about, finest first: those they refer to, where they are few, and
   * always the largest places those lie in (the counties of the municipalities).
   */
  readonly places: ReadonlyArray<Place>
}

/** A record the build flagged as probably an entry error: its delivery's file (relative to raw/) and a line of it. */
export interface FlaggedLine {
  readonly file: string
  readonly line: number
}

/** Up to how many places of one kind are named; more are named by the larger places they lie in. */
export const NAMED_PLACES = 10

const id = quoteIdent
const keyList = (keys: Iterable<string>) => [...keys].map(sqlString).join(", ")

/**
 * A dataset's rows without those of the records `flagged` falls in (each flagged line belongs to
 * the record that begins on it or last before it).
 */
const rowsSql = async (db: Database, d: DatasetDefinition, flagged: ReadonlyArray<FlaggedLine>): Promise<string> => {
  if (flagged.length === 0) return id(d.name)
  const values = flagged.map((f) => `(${sqlString(f.file)}, ${f.line})`).join(", ")
  const records = await db.rows(
    `SELECT f.file, max(t._line) AS line FROM (VALUES ${values}) f(file, line)
     JOIN ${id(d.name)} t ON t._file = f.file AND t._line <= f.line GROUP BY f.file, f.line`,
  )
  if (records.length === 0) return id(d.name)
  const hit = records.map((r) => `(${sqlString(String(r["file"]))}, ${Number(r["line"])})`).join(", ")
  return `(SELECT * FROM ${id(d.name)} x WHERE NOT EXISTS (SELECT 1 FROM (VALUES ${hit}) h(file, line) WHERE h.file = x._file AND h.line = x._line))`
}

/** The first and last day of a period's rows, as SQL over the alias `x`. */
const boundsSql = (p: NonNullable<DatasetDefinition["period"]>) =>
  "year" in p
    ? `CAST(make_date(min(x.${id(p.year)}), 1, 1) AS VARCHAR) AS s, CAST(make_date(max(x.${id(p.year)}), 12, 31) AS VARCHAR) AS e`
    : `CAST(min(x.${id(p.start)}) AS VARCHAR) AS s, CAST(max(x.${id(p.end)}) AS VARCHAR) AS e`

/** Whether a key's fields are all of the dataset's primary key: its rows are about what the key names. */
const isAbout = (d: DatasetDefinition, fk: ForeignKey) => fk.fields.every((f) => d.primaryKey.includes(f))

/**
 * The period the rows cover: their own, as the definition declares it, or, for rows whose key
 * refers to a dataset with one (a project's activities), that dataset's rows they refer to.
 */
const temporalOf = async (
  db: Database,
  d: DatasetDefinition,
  datasets: ReadonlyArray<DatasetDefinition>,
  flagged: ReadonlyArray<FlaggedLine>,
) => {
  const about = d.foreignKeys
    .filter((fk) => isAbout(d, fk))
    .map((fk) => ({ fk, target: datasets.find((x) => x.name === fk.reference.dataset) }))
    .find(({ target }) => target?.period !== undefined)
  const sql =
    d.period !== undefined
      ? `SELECT ${boundsSql(d.period)} FROM ${await rowsSql(db, d, flagged)} x`
      : about !== undefined
        ? `SELECT ${boundsSql(about.target!.period!)} FROM ${await rowsSql(db, about.target!, flagged)} x
           WHERE EXISTS (SELECT 1 FROM ${id(d.name)} r WHERE ${about.fk.fields.map((f, i) => `r.${id(f)} = x.${id(about.fk.reference.fields[i]!)}`).join(" AND ")})`
        : undefined
  if (sql === undefined) return undefined
  const [row] = await db.rows(sql)
  return row?.["s"] === null || row?.["s"] === undefined
    ? undefined
    : { start: String(row["s"]), end: String(row["e"]) }
}

/**
 * SQL for the keys of the places a dataset's rows refer to, per dataset of places: by a foreign
 * key of their own, or through a dataset that links what their key names to places (a project's
 * municipalities, for a project and for the rows about it).
 */
const placeKeysSql = (d: DatasetDefinition, datasets: ReadonlyArray<DatasetDefinition>) => {
  const byName = (name: string) => datasets.find((x) => x.name === name)
  const toPlaces = (x: DatasetDefinition) =>
    x.foreignKeys.filter((fk) => fk.fields.length === 1 && byName(fk.reference.dataset)?.places !== undefined)
  const direct = toPlaces(d).map((fk) => ({
    places: fk.reference.dataset,
    sql: `SELECT DISTINCT x.${id(fk.fields[0]!)} AS k FROM ${id(d.name)} x`,
  }))
  // What the rows are about: the dataset itself, and what their key refers to; each field as d names it.
  const subjects = [
    { name: d.name, field: (f: string) => f },
    ...d.foreignKeys
      .filter((fk) => isAbout(d, fk) && fk.reference.dataset !== d.name)
      .map((fk) => ({
        name: fk.reference.dataset,
        field: (f: string) => fk.fields[fk.reference.fields.indexOf(f)],
      })),
  ]
  const linked = subjects.flatMap((subject) =>
    datasets
      .filter((link) => link.name !== d.name)
      .flatMap((link) => {
        const to = link.foreignKeys.find((fk) => fk.reference.dataset === subject.name && isAbout(link, fk))
        if (to === undefined || to.reference.fields.some((f) => subject.field(f) === undefined)) return []
        return toPlaces(link)
          .filter((fk) => isAbout(link, fk))
          .map((fk) => ({
            places: fk.reference.dataset,
            sql: `SELECT DISTINCT l.${id(fk.fields[0]!)} AS k FROM ${id(link.name)} l JOIN ${id(d.name)} x ON ${to.fields
              .map((f, i) => `l.${id(f)} = x.${id(subject.field(to.reference.fields[i]!)!)}`)
              .join(" AND ")}`,
          }))
      }),
  )
  return [...direct, ...linked]
}

/** The places a dataset's rows are about, named as Coverage says. A dataset of places covers none of its own. */
const placesOf = async (
  db: Database,
  d: DatasetDefinition,
  datasets: ReadonlyArray<DatasetDefinition>,
): Promise<Place[]> => {
  if (d.places !== undefined) return []
  const found = new Map<string, Set<string>>()
  const add = (places: string, keys: ReadonlyArray<Record<string, unknown>>) => {
    const set = found.get(places) ?? new Set<string>()
    for (const r of keys) if (r["k"] !== null && r["k"] !== undefined) set.add(String(r["k"]))
    if (set.size > 0) found.set(places, set)
  }
  for (const q of placeKeysSql(d, datasets)) add(q.places, await db.rows(q.sql))
  // Finest first: a dataset comes after the datasets it refers to, so the larger places come before.
  const kinds = datasets.filter((x) => x.places !== undefined).reverse()
  const named: Place[] = []
  for (const p of kinds) {
    const keys = found.get(p.name)
    if (keys === undefined) continue
    const key = id(p.primaryKey[0]!)
    const { name, within, iri } = p.places!
    const larger = within === undefined ? undefined : p.foreignKeys.find((fk) => fk.fields.join() === within)
    if (larger !== undefined)
      add(
        larger.reference.dataset,
        await db.rows(`SELECT DISTINCT ${id(within!)} AS k FROM ${id(p.name)} WHERE ${key} IN (${keyList(keys)})`),
      )
    if (larger !== undefined && keys.size > NAMED_PLACES) continue
    const rows = await db.rows(
      `SELECT ${key} AS k, ${id(name)} AS n${iri === undefined ? "" : `, ${id(iri.field)} AS i`} FROM ${id(p.name)} WHERE ${key} IN (${keyList(keys)}) ORDER BY k`,
    )
    for (const r of rows)
      named.push({
        dataset: p.name,
        key: String(r["k"]),
        name: String(r["n"]),
        iri: iri === undefined || r["i"] === null ? undefined : `${iri.prefix}${String(r["i"])}`,
      })
  }
  return named
}

/** What the catalogue and the site say of a dataset's rows, from the build's tables. */
export const coverage = async (
  db: Database,
  d: DatasetDefinition,
  datasets: ReadonlyArray<DatasetDefinition>,
  flagged: ReadonlyArray<FlaggedLine>,
): Promise<Coverage> => ({
  temporal: await temporalOf(db, d, datasets, flagged),
  places: await placesOf(db, d, datasets),
})
