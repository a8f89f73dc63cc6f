/**
 * A published dataset's rows, each with where it comes from: joined on its key with its
 * provenance dataset (its `file` and `line`), as a user following a row to its delivery does.
 */
import { readFileSync } from "node:fs"
import { join } from "node:path"
import { DATASETS } from "../../schemas/datasets/index.ts"
import { provenanceName } from "../../schemas/provenance.ts"

type Row = Record<string, unknown>

const read = (dist: string, name: string) =>
  JSON.parse(readFileSync(join(dist, "data", `${name}.json`), "utf8")) as Row[]

export const tracedRows = (dist: string, dataset: string): Row[] => {
  const pk = DATASETS.find((d) => d.name === dataset)!.primaryKey
  const key = (r: Row) => JSON.stringify(pk.map((k) => r[k]))
  const traces = new Map(read(dist, provenanceName(dataset)).map((t) => [key(t), t]))
  return read(dist, dataset).map((r) => {
    const t = traces.get(key(r))
    return { ...r, file: t?.["file"] ?? null, line: t?.["line"] ?? null }
  })
}
