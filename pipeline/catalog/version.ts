/**
 * The release's SemVer version, from what changed since the previous release: major when a
 * published schema changes incompatibly (a dataset or field gone, a type or constraint
 * changed, a field newly required), minor when something is added (a dataset, a field, a
 * value of a closed list, null newly allowed), patch when only data changes. Pure.
 */

export type Bump = "none" | "patch" | "minor" | "major"

const ORDER: ReadonlyArray<Bump> = ["none", "patch", "minor", "major"]
const max = (a: Bump, b: Bump): Bump => (ORDER.indexOf(a) >= ORDER.indexOf(b) ? a : b)

export interface SchemaChange {
  readonly bump: Bump
  readonly what: string
}

type JsonSchema = Record<string, unknown>

/** What a field's JSON Schema says about its values, without its prose. */
const substance = (property: JsonSchema): JsonSchema => {
  const strip = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(strip)
    if (typeof v !== "object" || v === null) return v
    return Object.fromEntries(
      Object.entries(v)
        .filter(([k]) => k !== "description" && k !== "title" && k !== "x-description-sv")
        .map(([k, x]) => [k, strip(x)]),
    )
  }
  return strip(property) as JsonSchema
}

const nonNull = (p: JsonSchema): JsonSchema =>
  (p["anyOf"] as JsonSchema[] | undefined)?.find((o) => o["type"] !== "null") ?? p
const allowsNull = (p: JsonSchema) => ((p["anyOf"] as JsonSchema[] | undefined) ?? []).some((o) => o["type"] === "null")

const compareField = (dataset: string, field: string, before: JsonSchema, after: JsonSchema): SchemaChange[] => {
  const a = substance(before)
  const b = substance(after)
  if (JSON.stringify(a) === JSON.stringify(b)) {
    return JSON.stringify(before) === JSON.stringify(after)
      ? []
      : [{ bump: "patch", what: `${dataset}.${field}: description changed` }]
  }
  const va = nonNull(a)
  const vb = nonNull(b)
  const enumA = va["enum"] as unknown[] | undefined
  const enumB = vb["enum"] as unknown[] | undefined
  const sameBut = (key: string) =>
    JSON.stringify({ ...va, [key]: undefined }) === JSON.stringify({ ...vb, [key]: undefined })
  const changes: SchemaChange[] = []
  const valuesWidened =
    enumA !== undefined && enumB !== undefined && enumA.every((v) => enumB.includes(v)) && sameBut("enum")
  const sameValues = JSON.stringify(va) === JSON.stringify(vb)
  if (valuesWidened && enumB.length > enumA.length)
    changes.push({
      bump: "minor",
      what: `${dataset}.${field}: values added (${enumB.filter((v) => !enumA.includes(v)).join(", ")})`,
    })
  else if (!sameValues) changes.push({ bump: "major", what: `${dataset}.${field}: type or constraints changed` })
  if (!allowsNull(a) && allowsNull(b)) changes.push({ bump: "minor", what: `${dataset}.${field}: may now be null` })
  if (allowsNull(a) && !allowsNull(b))
    changes.push({ bump: "major", what: `${dataset}.${field}: may no longer be null` })
  return changes
}

/** Compares the published JSON Schemas of the datasets, before and after. */
export const schemaChanges = (
  before: Readonly<Record<string, JsonSchema>>,
  after: Readonly<Record<string, JsonSchema>>,
): SchemaChange[] => {
  const changes: SchemaChange[] = []
  for (const name of Object.keys(before))
    if (after[name] === undefined) changes.push({ bump: "major", what: `dataset ${name} removed` })
  for (const [name, schema] of Object.entries(after)) {
    const previous = before[name]
    if (previous === undefined) {
      changes.push({ bump: "minor", what: `dataset ${name} added` })
      continue
    }
    const props = (s: JsonSchema) => ((s["items"] as JsonSchema)["properties"] ?? {}) as Record<string, JsonSchema>
    const required = (s: JsonSchema) => new Set(((s["items"] as JsonSchema)["required"] ?? []) as string[])
    const [pa, pb] = [props(previous), props(schema)]
    for (const field of Object.keys(pa))
      if (pb[field] === undefined) changes.push({ bump: "major", what: `${name}.${field}: removed` })
    for (const [field, property] of Object.entries(pb)) {
      if (pa[field] === undefined) changes.push({ bump: "minor", what: `${name}.${field}: added` })
      else changes.push(...compareField(name, field, pa[field], property))
    }
    // Rules between fields (a value and its missing label): a new one promises more of every row.
    // The dataset's title and description promise nothing of a row.
    const rules = (s: JsonSchema) => {
      const { properties: _p, required: _r, ...rest } = s["items"] as JsonSchema
      return JSON.stringify(substance(rest))
    }
    const prose = (s: JsonSchema) => {
      const items = s["items"] as JsonSchema
      return JSON.stringify([s["title"], s["description"], items["title"], items["description"]])
    }
    if (rules(previous) !== rules(schema))
      changes.push({
        bump: "minor",
        what: `${name}: the rules between its fields changed`,
      })
    else if (prose(previous) !== prose(schema))
      changes.push({ bump: "patch", what: `${name}: title or description changed` })
    const [ra, rb] = [required(previous), required(schema)]
    for (const field of rb)
      if (pa[field] !== undefined && !ra.has(field))
        changes.push({ bump: "major", what: `${name}.${field}: now required` })
  }
  return changes
}

export const bumpOf = (changes: ReadonlyArray<SchemaChange>, dataChanged: boolean): Bump =>
  changes.reduce<Bump>((b, c) => max(b, c.bump), dataChanged ? "patch" : "none")

export const FIRST_VERSION = "1.0.0"

export const nextVersion = (previous: string | undefined, bump: Bump): string => {
  if (previous === undefined) return FIRST_VERSION
  const [major, minor, patch] = previous.split(".").map(Number) as [number, number, number]
  switch (bump) {
    case "none":
      return previous
    case "patch":
      return `${major}.${minor}.${patch + 1}`
    case "minor":
      return `${major}.${minor + 1}.0`
    case "major":
      return `${major + 1}.0.0`
  }
}
