/**
 * Reads from the staged files the rows that have a page of the site (a dataset's `rowPages`), and
 * for each the rows of the datasets that refer to it by foreign key and that its page shows.
 */
import type { DatasetDefinition } from "../../schemas/dataset.ts"
import type { PageSection } from "../../schemas/row-pages.ts"
import { quoteIdent, sqlString } from "../../schemas/derive/duckdb.ts"
import type { Database } from "../db/duckdb.ts"
import { referredName } from "./page-cells.ts"
import type { PagedDataset, PageSectionRows, Row, RowPage } from "./site-facts.ts"

/** How many rows have a page at most. */
const ROW_PAGES = 50

/** The field of `d` whose foreign key names a row of `target` by itself, if there is one. */
export const referringField = (d: DatasetDefinition, target: string): string | undefined =>
  d.foreignKeys.find((fk) => fk.reference.dataset === target && fk.fields.length === 1)?.fields[0]

/** The field of a dataset that names its rows: a place's name, the name deliveries look up, its Swedish name. */
const nameField = (d: DatasetDefinition): string | undefined => d.places?.name ?? d.nameLookup?.name ?? d.names?.sv

export const readRowPages = async (
  db: Database,
  from: (dataset: string) => string,
  datasets: ReadonlyArray<DatasetDefinition>,
): Promise<PagedDataset | undefined> => {
  const paged = datasets.find((d) => d.rowPages !== undefined)
  if (paged?.rowPages === undefined) return undefined
  const byName = (name: string) => datasets.find((d) => d.name === name)
  const key = paged.primaryKey[0]!
  const referring = (names: ReadonlyArray<string>) =>
    names.flatMap((n) => {
      const d = byName(n)
      const field = d === undefined ? undefined : referringField(d, paged.name)
      return d === undefined || field === undefined ? [] : [{ d, field }]
    })
  const described = referring(paged.rowPages.describedBy).map(
    ({ d, field }) => `SELECT ${quoteIdent(field)} AS k FROM ${from(d.name)} WHERE ${quoteIdent(field)} IS NOT NULL`,
  )
  const keys =
    described.length === 0
      ? []
      : (await db.rows(`SELECT DISTINCT k FROM (${described.join(" UNION ALL ")}) ORDER BY 1 LIMIT ${ROW_PAGES}`)).map(
          (r) => String(r["k"]),
        )
  const sections = referring(paged.rowPages.sections).filter(({ d }) => d.onPage !== undefined)
  // The datasets of places (the municipalities): a section whose key pairs the row with one gives the row's places.
  const placeField = (d: DatasetDefinition) =>
    d.primaryKey.find((f) =>
      d.foreignKeys.some(
        (fk) => fk.fields.length === 1 && fk.fields[0] === f && byName(fk.reference.dataset)?.places !== undefined,
      ),
    )

  const pages: RowPage[] = []
  for (const k of keys) {
    const [row] = await db.rows(`SELECT * FROM ${from(paged.name)} WHERE ${quoteIdent(key)} = ${sqlString(k)}`)
    if (row === undefined) continue
    const shown: PageSectionRows[] = []
    for (const { d, field } of sections)
      shown.push({ definition: d, rows: await sectionRows(db, from, byName, d, d.onPage!, field, k) })
    const places = shown.flatMap((s) => {
      const f = placeField(s.definition)
      return f === undefined ? [] : s.rows.map((r) => String(r[f]))
    })
    pages.push({ key: k, row, sections: shown, places: [...new Set(places)] })
  }
  return { definition: paged, pages }
}

/** The rows of a section's dataset that refer to the row `key`, in the section's order, with the names its columns show. */
const sectionRows = (
  db: Database,
  from: (dataset: string) => string,
  byName: (name: string) => DatasetDefinition | undefined,
  d: DatasetDefinition,
  section: PageSection,
  field: string,
  key: string,
): Promise<Row[]> => {
  const named =
    "table" in section.show ? section.show.columns.filter((c) => c.as === "name").map((c) => c.fields[0]!) : []
  const joins = named.flatMap((f, i) => {
    const fk = d.foreignKeys.find((x) => x.fields.length === 1 && x.fields[0] === f)
    const target = fk === undefined ? undefined : byName(fk.reference.dataset)
    const name = target === undefined ? undefined : nameField(target)
    if (fk === undefined || target === undefined || name === undefined) return []
    const alias = `r${i}`
    return [
      {
        select: `, ${alias}.${quoteIdent(name)} AS ${quoteIdent(referredName(f))}`,
        join: ` LEFT JOIN ${from(target.name)} ${alias} ON ${alias}.${quoteIdent(fk.reference.fields[0]!)} = t.${quoteIdent(f)}`,
      },
    ]
  })
  const order = (section.order ?? d.primaryKey.map((f): { field: string; descending?: true } => ({ field: f })))
    .map((o) => `t.${quoteIdent(o.field)}${o.descending === true ? " DESC" : ""}`)
    .join(", ")
  return db.rows(
    `SELECT t.*${joins.map((j) => j.select).join("")} FROM ${from(d.name)} t${joins.map((j) => j.join).join("")}
    WHERE t.${quoteIdent(field)} = ${sqlString(key)} ORDER BY ${order}`,
  )
}
