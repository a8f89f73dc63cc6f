/**
 * `npm run bench -- --rows N --out DIR`: writes a synthetic delivery of N rows, times the full
 * build of it in a separate process (peak memory included), and in the same run the floor:
 * DuckDB reading the same file straight into a zstd Parquet file. Prints a table and writes
 * DIR/report.json.
 */
import { execFile } from "node:child_process"
import { existsSync } from "node:fs"
import { mkdir, rm, writeFile } from "node:fs/promises"
import { join, resolve } from "node:path"
import { parseArgs, promisify } from "node:util"
import { sqlString } from "../../schemas/derive/duckdb.ts"
import { openDatabase } from "../db/duckdb.ts"
import { copyFormats } from "../write/copy-formats.ts"
import { benchHostile } from "./hostile.ts"
import { addSyntheticDelivery, addSyntheticIndicators, writeSyntheticDelivery } from "./synthetic-delivery.ts"

/** The datasets the benchmark's second delivery can be for. */
const ADD_INTO = ["indicator_values", "indicators"] as const
type AddInto = (typeof ADD_INTO)[number]

const exec = promisify(execFile)

export interface BenchReport {
  readonly rows: number
  readonly seconds: number
  readonly rows_per_s: number
  readonly peak_rss_mb: number
  readonly floor_seconds: number
  readonly ratio: number
}

/** DuckDB's own CSV → zstd Parquet time for the file: the floor the build is measured against. */
export const floorSeconds = async (csv: string, work: string): Promise<number> => {
  const db = await openDatabase(work)
  try {
    const started = performance.now()
    await db.run(
      `COPY (SELECT * FROM read_csv(${sqlString(csv)}, delim = ';', quote = '"', header = true, encoding = 'latin-1',
        decimal_separator = ',', nullstr = '..', ignore_errors = true))
       TO ${sqlString(join(work, "floor.parquet"))} (FORMAT parquet, COMPRESSION zstd)`,
    )
    return (performance.now() - started) / 1000
  } finally {
    db.close()
  }
}

/**
 * What the published formats cost DuckDB alone, for the same file: parse it and sort it into
 * zstd Parquet, write the JSON array (in halves, joined) and the CSV from that as the release
 * does (copyFormats), and read the JSON back. No normalization, no checks, no metadata, and
 * none of the release's provenance columns: less than any build of the release must do.
 */
export const formatsFloorSeconds = async (csv: string, work: string): Promise<number> => {
  const db = await openDatabase(work)
  const base = join(work, "formats")
  try {
    const started = performance.now()
    await copyFormats(
      db,
      `SELECT * FROM read_csv(${sqlString(csv)}, delim = ';', quote = '"', header = true, encoding = 'latin-1',
        decimal_separator = ',', nullstr = '..', ignore_errors = true) ORDER BY ALL`,
      base,
    )
    await db.rows(`SELECT count(*) FROM read_json(${sqlString(`${base}.json`)}, format = 'array')`)
    return (performance.now() - started) / 1000
  } finally {
    db.close()
    for (const ext of ["parquet", "json", "csv"]) await rm(`${base}.${ext}`, { force: true })
  }
}

/** The script the benchmark is measured against, beside the project. */
export const DEFAULT_SCRIPT = "../shared/bench/duckdb-script.mjs"

/**
 * The user's script on the same delivery, in its own process: its wall time (start-up
 * included, as the build's) and peak memory; undefined when the script is not there.
 */
const runScript = async (script: string, raw: string, out: string) => {
  if (!existsSync(script)) return undefined
  const started = performance.now()
  const child = await exec(process.execPath, [resolve("pipeline/bench/script-child.mjs"), resolve(script), raw, out], {
    maxBuffer: 1 << 24,
  })
  const wall = (performance.now() - started) / 1000
  const printed = JSON.parse(child.stdout.trim().split("\n").pop()!) as { rows: number; peak_rss_mb: number }
  return { seconds: wall, rows: printed.rows, peakRssMb: printed.peak_rss_mb }
}

/**
 * A build in its own process, as `npm start` runs it, keeping normalized deliveries in `cache`:
 * its wall time (start-up included: what a user waits for) and what it reports of itself.
 */
const runBuild = async (raw: string, dist: string, cache: string) => {
  const spawned = performance.now()
  const child = await exec(process.execPath, [resolve("pipeline/bench/build-child.mjs"), raw, dist, cache], {
    maxBuffer: 1 << 26,
  }).catch((e: { stdout: string; stderr: string }) => e)
  const wall = (performance.now() - spawned) / 1000
  process.stderr.write(child.stderr)
  const build = JSON.parse(child.stdout.trim().split("\n").pop()!) as {
    ok: boolean
    seconds: number
    peak_rss_mb: number
    warnings: number
    errors: number
  }
  if (!build.ok) throw new Error(`the build failed: ${child.stdout}`)
  return { ...build, wall }
}

/**
 * The same build again through the `pipeline` command, nothing changed: its wall time, start-up
 * included, and whether it was skipped as unchanged (bin/build-cache.mjs).
 */
const runUnchanged = async (raw: string, dist: string, cache: string) => {
  const started = performance.now()
  const child = await exec(
    process.execPath,
    [resolve("bin/pipeline.mjs"), "build", "--raw", raw, "--out", dist, "--cache", cache],
    {
      maxBuffer: 1 << 26,
    },
  )
  return { seconds: (performance.now() - started) / 1000, skipped: child.stderr.startsWith("skipped:") }
}

/**
 * Flushes what earlier steps wrote to the disk before a timed one begins (`sync`), so that no
 * step pays for writing the gigabytes of the one before it. Skipped where there is no `sync`.
 */
const settle = () => exec("sync").catch(() => undefined)

export const bench = async (
  rows: number,
  dir: string,
  script = DEFAULT_SCRIPT,
  /** Rows of a second delivery added after the first build, then built again. */
  thenAdd?: number,
  /** The dataset the second delivery is for. */
  into: AddInto = "indicator_values",
): Promise<BenchReport & Record<string, unknown>> => {
  const out = resolve(dir)
  await rm(join(out, "raw"), { recursive: true, force: true })
  await rm(join(out, "dist"), { recursive: true, force: true })
  await mkdir(out, { recursive: true })
  process.stderr.write(`writing ${rows} rows into ${join(out, "raw")}\n`)
  const delivery = await writeSyntheticDelivery(out, rows)

  process.stderr.write("floor: DuckDB read_csv → Parquet\n")
  await settle()
  const floor = await floorSeconds(delivery.valuesFile, out)
  await rm(join(out, "floor.parquet"), { force: true })
  process.stderr.write("formats floor: DuckDB alone writing JSON, CSV and Parquet and reading the JSON back\n")
  await settle()
  const formats = await formatsFloorSeconds(delivery.valuesFile, out)

  process.stderr.write(`script: ${script}\n`)
  await settle()
  const scripted = await runScript(script, join(out, "raw"), join(out, "script"))
  if (scripted === undefined) process.stderr.write(`  not found: script_seconds and script_ratio are null\n`)
  await rm(join(out, "script"), { recursive: true, force: true })

  process.stderr.write("build:\n")
  const cache = join(out, "cache")
  await rm(cache, { recursive: true, force: true })
  await settle()
  const build = await runBuild(join(out, "raw"), join(out, "dist"), cache)
  process.stderr.write("the same build again, nothing changed:\n")
  await settle()
  const unchanged = await runUnchanged(join(out, "raw"), join(out, "dist"), cache)
  const rebuild =
    thenAdd === undefined
      ? undefined
      : await (async () => {
          process.stderr.write(`adding a delivery of ${thenAdd} rows to ${into}, then building again:\n`)
          await (into === "indicators" ? addSyntheticIndicators : addSyntheticDelivery)(out, thenAdd)
          await settle()
          return runBuild(join(out, "raw"), join(out, "dist"), cache)
        })()
  const wall = build.wall
  const report = {
    rows,
    seconds: round(wall),
    rows_per_s: Math.round(rows / wall),
    peak_rss_mb: round(build.peak_rss_mb),
    floor_seconds: round(floor),
    ratio: round(wall / floor),
    build_seconds_without_startup: round(build.seconds),
    formats_floor_seconds: round(formats),
    formats_floor_ratio: round(formats / floor),
    script_seconds: scripted === undefined ? null : round(scripted.seconds),
    script_ratio: scripted === undefined ? null : round(wall / scripted.seconds),
    script_peak_rss_mb: scripted === undefined ? null : round(scripted.peakRssMb),
    script_rows_kept: scripted === undefined ? null : scripted.rows,
    invalid_rows_planted: delivery.invalidRows,
    invalid_rows_reported: build.warnings,
    no_change_seconds: round(unchanged.seconds),
    no_change_skipped: unchanged.skipped,
    ...(rebuild === undefined
      ? {}
      : {
          rows_added: thenAdd,
          added_to: into,
          rebuild_seconds: round(rebuild.wall),
          rebuild_ratio: round(rebuild.wall / wall),
          rebuild_peak_rss_mb: round(rebuild.peak_rss_mb),
        }),
  }
  await writeFile(join(out, "report.json"), `${JSON.stringify(report, null, 2)}\n`)
  return report
}

const round = (x: number) => Math.round(x * 1000) / 1000

export const BENCH_USAGE = `Usage: npm run bench -- [--rows N] [--out DIR] [--script FILE] [--then-add M [--into DATASET]]
       npm run bench -- --hostile [--out DIR]

Options:
  --rows N          rows of the synthetic delivery (default: 1000000)
  --out DIR         folder for raw/, dist/ and report.json (default: .tmp/bench)
  --script FILE     the script a user would write instead, run on the same delivery in the
                    same run (default: ${DEFAULT_SCRIPT})
  --then-add M      then add a second delivery of M rows (the next year's figures, in a file of
                    its own) and build again into the same release, as a nightly run would:
                    reports rebuild_seconds and rebuild_ratio (rebuild_seconds / seconds)
  --into DATASET    what the second delivery holds: indicator_values (the default: the next
                    year's figures) or indicators (M new indicators; the values stay as they were)
  --hostile         instead, build each hostile shape (a workbook with a cell at XFD1048576,
                    one with 400 MB parts, 2,000,000 workbook rows, a 200 MB CSV line, 100,000
                    nested JSON arrays) in DIR/hostile, and print what refused it, its time
                    and its peak memory  -h, --help        show this help`

const main = async () => {
  const { values } = parseArgs({
    options: {
      rows: { type: "string", default: "1000000" },
      out: { type: "string", default: ".tmp/bench" },
      script: { type: "string", default: DEFAULT_SCRIPT },
      "then-add": { type: "string" },
      into: { type: "string", default: "indicator_values" },
      hostile: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  })
  if (values.help) {
    process.stdout.write(`${BENCH_USAGE}\n`)
    return
  }
  if (values.hostile) {
    for (const f of await benchHostile(join(values.out!, "hostile")))
      process.stdout.write(
        `${f.shape.padEnd(18)}  ${f.refused_with.join(",").padEnd(24)}  ${f.seconds} s  ${f.peak_rss_mb} MB\n`,
      )
    return
  }
  const rows = Number(values.rows)
  if (!Number.isInteger(rows) || rows < 1) throw new Error("--rows takes a whole number of at least 1")
  const thenAdd = values["then-add"] === undefined ? undefined : Number(values["then-add"])
  if (thenAdd !== undefined && (!Number.isInteger(thenAdd) || thenAdd < 1))
    throw new Error("--then-add takes a whole number of at least 1")
  const into = values.into as AddInto
  if (!ADD_INTO.includes(into)) throw new Error(`--into takes ${ADD_INTO.join(" or ")}`)
  const report = await bench(rows, values.out!, values.script!, thenAdd, into)
  const width = Math.max(...Object.keys(report).map((k) => k.length))
  for (const [k, v] of Object.entries(report)) process.stdout.write(`${k.padEnd(width)}  ${v}\n`)
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === resolve("pipeline/bench/main.ts")) await main()
