/**
 * The hostile corpus: deliveries shaped to cost as much as a file can, built here (the
 * benchmark's shapes, pipeline/bench/hostile-shapes.ts, at 0.3 of their size, and a few more),
 * never committed. Each is built by the command as a user runs it, over a published release, in
 * a child process whose JavaScript heap is capped at 256 MB: it must end with exit status 1 and
 * the problem of its limit at its place, leave the release byte for byte as it was, and peak
 * under 512 MB of resident memory (reported by the child itself). An unbounded reader would have
 * run out of heap on each of them (the old one took 4.3 GB for the far cell, 33 bytes per byte
 * of a long CSV line, a stack overflow for deep JSON).
 */
import { execFile } from "node:child_process"
import { mkdir, readFile, rm, writeFile } from "node:fs/promises"
import { join, resolve } from "node:path"
import { promisify } from "node:util"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { declareDelivery, HOSTILE_SHAPES } from "../pipeline/bench/hostile-shapes.ts"
import { writeZip } from "../pipeline/bench/zip-writer.ts"
import {
  MAX_DELIVERIES,
  MAX_FILE_BYTES,
  MAX_JSON_BYTES,
  MAX_JSON_VALUES,
  MAX_ZIP_ENTRIES,
} from "../pipeline/shared/limits.ts"
import { tempDir } from "./support/run-build.ts"
import { pipeline } from "./support/run-cli.ts"
import { treeHashes } from "./support/tree.ts"
import { hasOpenpyxl, writeWorkbook } from "./support/xlsx.ts"

const exec = promisify(execFile)
const SCALE = 0.3
const HEAP_MB = 256
const PEAK_MB = 512

let dir: string
beforeAll(async () => {
  dir = await tempDir("hostile")
})
afterAll(() => rm(dir, { recursive: true, force: true }))

/** A published release: a few files the build must leave as they are. */
const publishedRelease = async (out: string) => {
  await mkdir(join(out, "data"), { recursive: true })
  await writeFile(join(out, "data", "counties.csv"), "county_code,county_name,nuts3_code\n24,Västerbottens län,SE331\n")
  await writeFile(join(out, "validation-report.json"), '{\n  "valid": true\n}\n')
}

/**
 * Writes a raw folder with `write`, builds it over a published release with the heap capped,
 * and returns the exit status, the problems printed, the peak memory (MB) and whether the
 * release is as it was.
 */
const hostileBuild = async (name: string, write: (raw: string) => Promise<void>) => {
  const base = join(dir, name)
  const raw = join(base, "raw")
  const out = join(base, "dist")
  await write(raw)
  await publishedRelease(out)
  const before = await treeHashes(out)
  const peakFile = join(base, "peak")
  const child = await exec(
    process.execPath,
    [
      `--max-old-space-size=${HEAP_MB}`,
      "--import",
      resolve("tests/support/peak-memory.mjs"),
      resolve("bin/pipeline.mjs"),
      "build",
      ...["--raw", raw, "--out", out, "--report", join(base, "report.json"), "--no-cache"],
    ],
    { env: { ...process.env, GITHUB_ACTIONS: "", PEAK_MEMORY_FILE: peakFile }, maxBuffer: 1 << 24 },
  ).then(
    (c) => ({ status: 0, stderr: c.stderr }),
    (e: { code: number; stderr: string }) => ({ status: e.code, stderr: e.stderr }),
  )
  const peak = Number(await readFile(peakFile, "utf8").catch(() => "Infinity")) / 1024
  const unchanged = JSON.stringify(await treeHashes(out)) === JSON.stringify(before)
  await rm(raw, { recursive: true, force: true })
  return { ...child, peak, unchanged }
}

/** The printed problem at `at` (a file in raw/, and its place) with `code`. */
const problemLine = (stderr: string, at: string, code: string) =>
  stderr.split("\n").find((l) => l.includes(`/${at}: ${code}: `))

const refused = async (name: string, write: (raw: string) => Promise<void>, code: string, at: string) => {
  const { status, stderr, peak, unchanged } = await hostileBuild(name, write)
  expect(status, stderr).toBe(1)
  expect(problemLine(stderr, at, code), stderr).toBeDefined()
  expect(unchanged).toBe(true)
  expect(peak).toBeLessThan(PEAK_MB)
  return stderr
}

const shape = (name: string) => (raw: string) => HOSTILE_SHAPES.find((s) => s.name === name)!.write(raw, SCALE)

describe("hostile deliveries, refused in bounded memory with the release left as it was", () => {
  it.each([
    ["xlsx-far-cell", "xlsx/extent", "xlsx-far-cell.xlsx:Blad1!XFD1048576"],
    ["xlsx-unused-parts", "xlsx/part-too-large", "xlsx-unused-parts.xlsx"],
    ["xlsx-lying-part", "xlsx/part-too-large", "xlsx-lying-part.xlsx"],
    ["xlsx-rows", "xlsx/extent", "xlsx-rows.xlsx:Blad1!A166667"],
    ["csv-long-line", "cell/too-long", "csv-long-line.csv:2:3"],
    ["json-deep", "json/too-deep", "json-deep.json:1:65"],
    ["manifest-deep", "json/too-deep", "manifest.json:1:65"],
  ])("%s: %s at %s", async (name, code, at) => {
    await refused(name, shape(name), code, at)
  })

  it.skipIf(!hasOpenpyxl())("a workbook openpyxl wrote with a cell at XFD1048576: its declared extent", async () => {
    const stderr = await refused(
      "openpyxl-far-cell",
      async (raw) => {
        await mkdir(raw, { recursive: true })
        writeWorkbook(join(raw, "far.xlsx"), {
          sheets: [{ name: "Blad1", cells: { A1: "region", B1: "år", C1: "värde", XFD1048576: 1 } }],
        })
        await declareDelivery(raw, "far.xlsx", "xlsx")
      },
      "xlsx/extent",
      "far.xlsx:Blad1!XFD1048576",
    )
    expect(stderr).toMatch(/the sheet declares it spans A1:XFD1048576/u)
  })

  it("a workbook of more zip entries than the limit", async () => {
    await refused(
      "too-many-parts",
      async (raw) => {
        await mkdir(raw, { recursive: true })
        const parts = Array.from({ length: MAX_ZIP_ENTRIES + 1 }, (_, i) => ({
          name: `p${i}`,
          chunks: [Buffer.from("")],
        }))
        await writeZip(join(raw, "parts.xlsx"), parts)
        await declareDelivery(raw, "parts.xlsx", "xlsx")
      },
      "xlsx/too-many-parts",
      "parts.xlsx",
    )
  })

  it("a CSV line of 60 MB of delimiters: its fields counted, not kept", async () => {
    await refused(
      "csv-wide-line",
      async (raw) => {
        await mkdir(raw, { recursive: true })
        await writeFile(join(raw, "wide.csv"), `region;år;värde\n2403 Bjurholm;2010;${";".repeat(60 * 1024 * 1024)}\n`)
        await declareDelivery(raw, "wide.csv", "csv", { delimiter: ";" })
      },
      "row/extra-cell",
      "wide.csv:2:4",
    )
  })

  it("a JSON delivery larger than the limit, unread", async () => {
    await refused(
      "json-large",
      async (raw) => {
        await mkdir(raw, { recursive: true })
        await writeFile(join(raw, "large.json"), `[${" ".repeat(MAX_JSON_BYTES)}]`)
        await declareDelivery(raw, "large.json", "json")
      },
      "file/too-large",
      "large.json",
    )
  })

  it("a JSON delivery of two million numbers: refused at the value past the limit", async () => {
    await refused(
      "json-values",
      async (raw) => {
        await mkdir(raw, { recursive: true })
        await writeFile(join(raw, "values.json"), `[${"1,".repeat(2_000_000)}1]`)
        await declareDelivery(raw, "values.json", "json")
      },
      "json/too-many-values",
      `values.json:1:${2 * MAX_JSON_VALUES}`,
    )
  })

  it("a JSON delivery of a problem in every item: each counted, a thousand kept", async () => {
    const stderr = await refused(
      "json-problems",
      async (raw) => {
        await mkdir(raw, { recursive: true })
        await writeFile(join(raw, "problems.json"), `[${"1,".repeat(MAX_JSON_VALUES - 2)}1]`)
        await declareDelivery(raw, "problems.json", "json")
      },
      "file/json",
      "problems.json:1:2",
    )
    expect(stderr).toContain(`${MAX_JSON_VALUES - 1} errors, 0 warnings (1000 listed)`)
  })

  it("a manifest of more deliveries than the limit", async () => {
    await refused(
      "manifest-many",
      async (raw) => {
        await mkdir(raw, { recursive: true })
        const deliveries = Array.from({ length: MAX_DELIVERIES + 1 }, () => "{}").join(",")
        await writeFile(join(raw, "manifest.json"), `{"deliveries": [${deliveries}]}`)
      },
      "manifest/too-many-deliveries",
      "manifest.json:1:16",
    )
  })

  it("pipeline add of a file larger than it describes: refused unread, nothing written", async () => {
    const raw = join(dir, "add", "raw")
    await mkdir(raw, { recursive: true })
    await writeFile(join(raw, "manifest.json"), '{"deliveries": []}\n')
    const before = await treeHashes(raw)
    const file = join(dir, "add", "large.csv")
    await writeFile(file, `region;år;värde\n${"2403 Bjurholm;2010;1\n".repeat(MAX_FILE_BYTES / 20)}`)
    const who = ["--publisher", "Exempelkommunen", "--licence", "CC0-1.0", "--indicator", "population"]
    const added = await pipeline(["add", file, "--dataset", "indicator_values", ...who, "--raw", raw])
    expect(added.status).toBe(1)
    expect(added.stderr).toMatch(
      /large\.csv: file\/too-large: the file is 16\.\d MB, more than the 16\.0 MB it may be/u,
    )
    expect(await treeHashes(raw)).toEqual(before)
  })
})
