/**
 * The last gate before publishing: the staged release must be what its own schemas say, its
 * three formats must hold the same rows (and its workbooks the same text), it must hold no
 * personal data and nothing unexpected.
 * The bulk checks run in DuckDB; ajv checks a sample of the JSON records independently.
 */
import { existsSync } from "node:fs"
import { join } from "node:path"
import { Ajv2020 } from "ajv/dist/2020.js"
import addFormatsModule from "ajv-formats"
import type { DatasetDefinition } from "../../schemas/dataset.ts"
import { quoteIdent } from "../../schemas/derive/duckdb.ts"
import { jsonSchemaOf } from "../../schemas/derive/json-schema.ts"
import { rowChecksSql } from "../../schemas/derive/sql-checks.ts"
import { listFiles } from "../shared/files.ts"
import { dataFile, dataStem, hasWorkbook, readAlone, releaseFiles } from "../contract/release-layout.ts"
import type { Problem } from "../problems/problem.ts"
import { problem } from "../problems/problem.ts"
import type { Database } from "../db/duckdb.ts"
import type { SplicedDataset } from "../write/splice-dataset.ts"
import type { ReleasePlan } from "../incremental/plan.ts"
import { personalDataInTable, scanText } from "./personal-data-scan.ts"
import { compareLeadingRows, fingerprintSql, readerSql, sampleJsonRecords, type Format } from "./read-back.ts"
import { compareWorkbookText } from "./read-workbook.ts"

const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default

/** The files the release must hold: its datasets', and those of the catalogue and the rows' pages where it has them. */
export interface ReleaseShape {
  readonly catalogue: boolean
  /** The pages of rows the site wrote. */
  readonly rowPages: ReadonlyArray<string>
  /** Each dataset's rows, which decide whether it has a workbook (all have one where not given). */
  readonly rows?: ReadonlyMap<string, number>
}

export const expectedFiles = (
  datasets: ReadonlyArray<DatasetDefinition>,
  shape: ReleaseShape = { catalogue: false, rowPages: [] },
): string[] =>
  releaseFiles(
    datasets.map((d) => d.name),
    {
      ...shape,
      withoutWorkbook: datasets
        .filter((d) => !readAlone(d) || !hasWorkbook(shape.rows?.get(d.name) ?? 0))
        .map((d) => d.name),
    },
  )
    .map((f) => f.path)
    .sort()

const makeAjv = () => {
  const ajv = new Ajv2020({ strict: true, allErrors: true })
  addFormats(ajv)
  ajv.addKeyword("x-unit")
  ajv.addKeyword("x-description-sv")
  return ajv
}

type Label = (file: string) => string

/** A check that cannot read its file has found a fault in it. */
const unreadable = (file: string, check: () => Promise<Problem[]>): Promise<Problem[]> =>
  check().catch((e: Error) => [
    problem({ code: "release/check", file, message: `cannot be read back: ${e.message.split("\n")[0]}` }),
  ])

/** ajv, independent of DuckDB, on the JSON records (all of a small file, a sample of a large one). */
const checkWithAjv = async (ajv: Ajv2020, d: DatasetDefinition, path: string, file: string): Promise<Problem[]> => {
  const schema = jsonSchemaOf(d)
  const validateItem = ajv.compile({ ...(schema["items"] as object), $schema: String(schema["$schema"]) })
  const problems: Problem[] = []
  for (const { line, record } of await sampleJsonRecords(path)) {
    if (validateItem(record)) continue
    for (const e of validateItem.errors ?? []) {
      problems.push(
        problem({
          code: "release/check",
          file,
          line,
          message: `does not match its published schema: ${e.instancePath || "record"} ${e.message ?? ""}`,
        }),
      )
    }
    if (problems.length >= 20) break
  }
  return problems
}

/**
 * One pass over each file: row count and fingerprint for every format. Equal fingerprints make
 * the three files hold the same typed rows, so the SQL form of the published schema is checked
 * once, on the Parquet file, which DuckDB reads fastest. DuckDB reads a JSON array with one
 * thread: the CSV and Parquet files are read beside it, on a second connection.
 */
const checkFormats = async (
  db: Database,
  d: DatasetDefinition,
  base: string,
  label: Label,
  spliced?: SplicedDataset,
): Promise<Problem[]> => {
  const problems: Problem[] = []
  const checks = rowChecksSql(d)
  // All checks at once in the pass that reads the file; counted one by one only if a row fails.
  const allPass = `, bool_and(${checks.map((c) => c.sql).join(" AND ") || "true"}) AS ok`
  const counts = checks.map(
    (c, i) =>
      `count(*) FILTER (WHERE NOT ${c.sql}) AS c${i}, any_value(CAST(${quoteIdent(c.column)} AS VARCHAR)) FILTER (WHERE NOT ${c.sql}) AS v${i}`,
  )
  // A file DuckDB cannot read back as its definition says is itself a failed check.
  const read = async (on: Database, format: Format, more = "", path = `${base}.${format}`) => {
    try {
      return (await on.rows(fingerprintSql(d, format, path, more)))[0]!
    } catch (e) {
      problems.push(
        problem({
          code: "release/check",
          file: label(dataFile(d.name, format)),
          message: `cannot be read back as its schema says: ${(e as Error).message.split("\n")[0]}`,
        }),
      )
      return undefined
    }
  }
  // A spliced file holds the rows it was published with, less those taken out, plus those put
  // in: those two are read back, from the records taken out and the records put in.
  const readText = async (on: Database, format: "json" | "csv") => {
    if (spliced === undefined) return read(on, format)
    const gone = await read(on, format, "", spliced[format].deleted)
    const came = await read(on, format, "", spliced[format].inserted)
    if (gone === undefined || came === undefined) return undefined
    const sum = (k: string) =>
      String(BigInt(String(spliced.published[k as "n"])) - BigInt(String(gone[k])) + BigInt(String(came[k])))
    return { n: sum("n"), h: sum("h") }
  }
  const beside = await db.connect()
  const [json, csv, parquet] = await (async () => {
    try {
      const others = readText(beside, "csv").then(
        async (csvRow) => [csvRow, await read(beside, "parquet", allPass)] as const,
      )
      const [jsonRow, [csvRow, parquetRow]] = await Promise.all([readText(db, "json"), others])
      return [jsonRow, csvRow, parquetRow] as const
    } finally {
      beside.close()
    }
  })()
  if (parquet !== undefined && parquet["ok"] === false) {
    const [found] = await db.rows(`SELECT ${counts.join(", ")} FROM ${readerSql(d, "parquet", `${base}.parquet`)}`)
    checks.forEach((c, i) => {
      const n = Number(found![`c${i}`])
      if (n > 0)
        problems.push(
          problem({
            code: "release/check",
            file: label(dataFile(d.name, "parquet")),
            columnName: c.column,
            value: (found![`v${i}`] as string | null) ?? null,
            message: `${n} records break the published schema in ${c.column}`,
          }),
        )
    })
  }
  for (const [format, compare] of [
    ["csv", compareLeadingRows],
    ["xlsx", compareWorkbookText],
  ] as const) {
    const leading = await compare(d, base).catch((e: Error) => `it cannot be read: ${e.message}`)
    if (leading !== undefined)
      problems.push(
        problem({
          code: "release/check",
          file: label(dataFile(d.name, format)),
          message: `differs from the JSON file: ${leading}`,
        }),
      )
  }
  if (json === undefined) return problems
  const print = (row: Record<string, unknown>) => `${row["n"]} rows, hash ${row["h"]}`
  for (const [format, row] of [
    ["csv", csv],
    ["parquet", parquet],
  ] as const) {
    if (row !== undefined && print(row) !== print(json)) {
      problems.push(
        problem({
          code: "release/check",
          file: label(dataFile(d.name, format)),
          message: `holds other rows than the JSON file: ${print(row)} versus ${print(json)}`,
        }),
      )
    }
  }
  return problems
}

/**
 * The datasets' files: ajv on the JSON records, the three formats read back and compared, and
 * no personal data. On connections of its own, so it can run beside other work on `db`.
 */
export const checkDatasets = async (
  db: Database,
  datasets: ReadonlyArray<DatasetDefinition>,
  stagingDir: string,
  label: Label,
  /** The build's plan: the datasets carried over from the published release were checked when it was built. */
  plan?: ReleasePlan,
  /** Datasets whose JSON and CSV files were spliced from the published ones. */
  spliced: ReadonlyMap<string, SplicedDataset> = new Map(),
): Promise<Problem[]> => {
  const problems: Problem[] = []
  const ajv = makeAjv()
  const own = await db.connect()
  try {
    for (const d of datasets) {
      if (plan?.datasets.get(d.name)?.action === "carried") continue
      const base = join(stagingDir, dataStem(d.name))
      if (!existsSync(`${base}.json`) || !existsSync(`${base}.csv`) || !existsSync(`${base}.parquet`)) continue
      const json = label(dataFile(d.name, "json"))
      problems.push(...(await unreadable(json, () => checkWithAjv(ajv, d, `${base}.json`, json))))
      problems.push(...(await checkFormats(own, d, base, label, spliced.get(d.name))))
      problems.push(...(await personalDataInTable(own, d, `${base}.parquet`, label(dataFile(d.name, "parquet")))))
    }
  } finally {
    own.close()
  }
  return problems
}

/** The release's list of files, and the text of every file but the datasets' tables. */
export const checkFiles = async (
  datasets: ReadonlyArray<DatasetDefinition>,
  stagingDir: string,
  label: Label,
  allowed: ReadonlySet<string> = new Set(),
  shape?: ReleaseShape,
): Promise<Problem[]> => {
  const problems: Problem[] = []
  const found = await listFiles(stagingDir)
  const expected = expectedFiles(datasets, shape)
  for (const f of found)
    if (!expected.includes(f))
      problems.push(
        problem({
          code: "release/check",
          file: label(f),
          message: "the release holds a file nothing should have written",
        }),
      )
  for (const f of expected)
    if (!found.includes(f))
      problems.push(problem({ code: "release/check", file: label(f), message: "the release lacks this file" }))
  // Files other than the datasets' tables are small: scan their text whole.
  for (const f of found.filter(
    (x) => !/^data\/[^/]+\.(csv|json|parquet)$/.test(x) && /\.(csv|json|md|html|css|txt|ttl|rdf|jsonld|cff)$/.test(x),
  )) {
    problems.push(...(await scanText(join(stagingDir, f), label(f), allowed)))
  }
  return problems
}

/**
 * The release check as the build runs it: the datasets are read back from the moment they are
 * written, while the catalogue, the site and the checksums are written; `finish` then checks the
 * list of files and the text of every file, and gives every problem found.
 */
export const startReleaseCheck = (
  db: Database,
  datasets: ReadonlyArray<DatasetDefinition>,
  stagingDir: string,
  label: Label,
  plan?: ReleasePlan,
  spliced: ReadonlyMap<string, SplicedDataset> = new Map(),
) => {
  const data = checkDatasets(db, datasets, stagingDir, label, plan, spliced)
  // Awaited by finish; handled now, so a failure while the rest is written is not unhandled.
  const settled = data.then(
    () => undefined,
    () => undefined,
  )
  return {
    finish: async (shape: ReleaseShape, allowed: ReadonlySet<string> = new Set()): Promise<Problem[]> => [
      ...(await data),
      ...(await checkFiles(datasets, stagingDir, label, allowed, shape)),
    ],
    /** Resolves once the read-back is over, however it ended (before its database closes). */
    settled,
  }
}
