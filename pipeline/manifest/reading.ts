/**
 * What defines a delivery beside its bytes, as one checksum: the fields of its entry that say
 * how its file is read, what it feeds and which deliveries it takes the place of. Once the
 * delivery is published, they are as fixed as its bytes (the deliveries dataset records the
 * checksum as `reading_sha256`); the fields that only describe it, or say where it stands in
 * time, are not among them. Pure.
 *
 * - Reading: `dataset`, `format`, `dialect`, `columns`, `constants`, `corrections`,
 *   `categories`, `layout`, `invalidRows`, and `replaces`. For an entry naming a source, the
 *   source's name and `replaces`: the source's declaration is code, reviewed as code.
 * - Compared on their own (they are columns of the deliveries dataset): `file`, `sha256`,
 *   `kind` and `publisher`.
 * - Describing, free to be corrected: `description`, `documents`, `licence` and `rights`,
 *   `received`, `asOf`, `retrieved`, `via`.
 * - The life of the delivery: `withdrawn`, `onBehalf`, `erased` (and other entries' `replaces`).
 */
import { createHash } from "node:crypto"
import type { ManifestEntry } from "../contract/manifest-schema.ts"

const DELIVERY_READING = [
  "dataset",
  "format",
  "dialect",
  "columns",
  "constants",
  "corrections",
  "categories",
  "layout",
  "invalidRows",
  "replaces",
] as const
const SOURCE_READING = ["source", "replaces"] as const

/** JSON with every object's keys in order, so that how an entry is laid out does not count. */
const canonical = (value: unknown, keepOrder = false): string => {
  if (Array.isArray(value)) return `[${value.map((v) => canonical(v)).join(",")}]`
  if (typeof value !== "object" || value === null) return JSON.stringify(value)
  const record = value as Record<string, unknown>
  const keys = Object.keys(record).filter((k) => record[k] !== undefined)
  return `{${(keepOrder ? keys : keys.sort()).map((k) => `${JSON.stringify(k)}:${canonical(record[k])}`).join(",")}}`
}

/**
 * The SHA-256, in hex, of the canonical JSON of an entry's reading fields. `columns` keeps the
 * order it is written in: the order in which a category's cells are joined.
 */
export const readingOf = (entry: ManifestEntry): string => {
  const record = entry as Record<string, unknown>
  const fields = ("source" in entry ? SOURCE_READING : DELIVERY_READING).filter((f) => record[f] !== undefined)
  const text = `{${[...fields]
    .sort()
    .map((f) => `${JSON.stringify(f)}:${canonical(record[f], f === "columns")}`)
    .join(",")}}`
  return createHash("sha256").update(text).digest("hex")
}
