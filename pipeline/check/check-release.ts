/**
 * The last gate before publishing: the staged release must be what its own schemas say, its
 * formats must agree, it must hold no personal data and nothing unexpected.
 */
import { createReadStream } from "node:fs"
import { createInterface } from "node:readline"
import { join } from "node:path"
import { Ajv2020 } from "ajv/dist/2020.js"
import addFormatsModule from "ajv-formats"
import type { DatasetDefinition } from "../../schemas/dataset.ts"
import { columnsOf } from "../../schemas/derive/columns.ts"
import { jsonSchemaOf } from "../../schemas/derive/json-schema.ts"
import { listFiles } from "../build/inventory.ts"
import type { Problem } from "../problems/problem.ts"
import { problem } from "../problems/problem.ts"
import type { Database } from "../write/duckdb.ts"
import { csvRows, jsonRecords, jsonRows, parquetRows, type Cell } from "./read-back.ts"
import { findPersonalData } from "./personal-data.ts"

const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default

/** The files a release holds, besides those of each dataset. */
export const RELEASE_FILES = ["SHA256SUMS", "corrections.csv", "corrections.json", "validation-report.json"]

export const expectedFiles = (datasets: ReadonlyArray<DatasetDefinition>): string[] =>
  [
    ...RELEASE_FILES,
    ...datasets.flatMap((d) => [`data/${d.name}.csv`, `data/${d.name}.json`, `data/${d.name}.parquet`, `schemas/${d.name}.schema.json`]),
  ].sort()

const makeAjv = () => {
  const ajv = new Ajv2020({ strict: true, allErrors: true })
  addFormats(ajv)
  ajv.addKeyword("x-unit")
  ajv.addKeyword("x-description-sv")
  return ajv
}

const checkJsonAgainstSchema = async (ajv: Ajv2020, d: DatasetDefinition, path: string, label: string): Promise<Problem[]> => {
  const schema = jsonSchemaOf(d)
  const validateItem = ajv.compile({ ...(schema["items"] as object), $schema: String(schema["$schema"]) })
  const problems: Problem[] = []
  for await (const { line, record } of jsonRecords(path)) {
    if (!validateItem(record)) {
      for (const e of validateItem.errors ?? []) {
        problems.push(problem({ code: "release/check", file: label, line, message: `does not match its published schema: ${e.instancePath || "record"} ${e.message ?? ""}` }))
      }
      if (problems.length >= 20) break
    }
  }
  return problems
}

const same = (a: ReadonlyArray<Cell>, b: ReadonlyArray<Cell>) => a.length === b.length && a.every((x, i) => x === b[i])

/** Walks the three formats in lockstep; the first difference is reported. */
const compareFormats = async (db: Database, d: DatasetDefinition, base: string, label: (f: string) => string): Promise<Problem[]> => {
  const columns = columnsOf(d)
  const json = jsonRows(`${base}.json`, columns)[Symbol.asyncIterator]()
  const others = [
    ["csv", csvRows(`${base}.csv`, columns)[Symbol.asyncIterator]()],
    ["parquet", parquetRows(db, `${base}.parquet`, columns)[Symbol.asyncIterator]()],
  ] as const
  for (let row = 1; ; row++) {
    const j = await json.next()
    for (const [format, it] of others) {
      const o = await it.next()
      if (j.done && o.done) continue
      if (j.done !== o.done || !same(j.value as Cell[], o.value as Cell[])) {
        return [problem({
          code: "release/check",
          file: label(`data/${d.name}.${format}`),
          message: `row ${row} differs from the JSON file: ${JSON.stringify(o.done ? "no row" : o.value)} versus ${JSON.stringify(j.done ? "no row" : j.value)}`,
        })]
      }
    }
    if (j.done) return []
  }
}

const scanText = async (path: string, label: string): Promise<Problem[]> => {
  const problems: Problem[] = []
  let line = 0
  for await (const text of createInterface({ input: createReadStream(path, { encoding: "utf8" }), crlfDelay: Infinity })) {
    line++
    for (const found of findPersonalData(text)) {
      problems.push(problem({ code: "release/personal-data", file: label, line, column: found.index + 1, value: found.text, message: `looks like ${found.kind}; personal data must not be published` }))
    }
  }
  return problems
}

export const checkRelease = async (db: Database, datasets: ReadonlyArray<DatasetDefinition>, stagingDir: string, label: (f: string) => string): Promise<Problem[]> => {
  const problems: Problem[] = []
  const found = await listFiles(stagingDir)
  const expected = expectedFiles(datasets)
  for (const f of found) if (!expected.includes(f)) problems.push(problem({ code: "release/check", file: label(f), message: "the release holds a file nothing should have written" }))
  for (const f of expected) if (!found.includes(f)) problems.push(problem({ code: "release/check", file: label(f), message: "the release lacks this file" }))
  if (problems.length > 0) return problems
  const ajv = makeAjv()
  for (const d of datasets) {
    const base = join(stagingDir, "data", d.name)
    problems.push(...(await checkJsonAgainstSchema(ajv, d, `${base}.json`, label(`data/${d.name}.json`))))
    problems.push(...(await compareFormats(db, d, base, label)))
  }
  for (const f of found) {
    if (/\.(csv|json|md|html|txt|ttl|rdf|jsonld)$/.test(f)) problems.push(...(await scanText(join(stagingDir, f), label(f))))
  }
  return problems
}
