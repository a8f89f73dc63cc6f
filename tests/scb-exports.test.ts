/**
 * SCB's real PxWeb exports from ../shared/data — population (UTF-8, semicolons, CRLF, no final
 * newline) and RAMS (Windows-1252, commas, every field quoted but the number) — loaded for all
 * 290 municipalities through manifest entries alone: in full, or naming the declared source;
 * and the population in a wide layout (one column per year) made from the long file.
 */
import { existsSync } from "node:fs"
import { copyFile, cp, mkdir, readFile, rm, writeFile } from "node:fs/promises"
import { join, resolve } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { sha256File } from "../pipeline/shared/files.ts"
import { fileSnapshot } from "../pipeline/snapshot/file-snapshot.ts"
import { scbPopulation, scbRams } from "../pipeline/sources/scb.ts"
import { FIXTURE_RAW } from "./support/release-fixture.ts"
import { build, tempDir } from "./support/run-build.ts"
import { tracedRows } from "./support/traced-rows.ts"

const DATA = resolve("..", "shared", "data")
const POPULATION = join(DATA, "scb_folkmangd_kommun_2008-2018_bef_k_tot.csv")
const RAMS = join(DATA, "scb_rams_forvarvsarbetande_kommunsektor_55plus_2008-2017_cp1252.csv")
const present = existsSync(POPULATION) && existsSync(RAMS)
if (!present) console.warn(`skipping the SCB export tests: ${DATA} lacks the SCB exports`)

// The table in ../shared/data/README.md (31 December, SCB).
const EXPECTED: Record<string, number[]> = {
  "2401": [7276, 7205, 7098, 7048],
  "2403": [2516, 2500, 2460, 2431],
  "2404": [5613, 5519, 5507, 5434],
  "2409": [6900, 6880, 6831, 6762],
  "2460": [8357, 8357, 8414, 8465],
  "2480": [112728, 114075, 115473, 116465],
}

type Value = {
  indicator_id: string
  municipality_code: string
  year: number
  value: number | null
  file: string
}
type Entry = Record<string, unknown>

/** The RAMS indicators, named from the export's own header and categories. */
const RAMS_INDICATORS = Object.entries(scbRams.feeds[0]!.categories!["indicator_id"]!).map(([category, id]) => {
  const [sector, age] = category.split(" / ")
  return {
    indikator_id: id,
    namn: `Förvärvsarbetande med bostad i kommunen, ${age}, ${sector} (RAMS)`,
    namn_engelska: `Employed persons living in the municipality, aged ${age!.replace(" år", "")}, workplace sector: ${sector} (RAMS)`,
    enhet: "persons",
    definition: `Förvärvsarbetande 16+ år med bostad i regionen (nattbefolkning) enligt SCB:s RAMS; arbetsställets sektortillhörighet: ${sector}; ålder: ${age}.`,
    definition_engelska: `Employed persons aged 16+ living in the region (night population) according to SCB's RAMS; workplace sector: ${sector}; age: ${age}.`,
    projekt_id: null,
    kalla: "Statistiska centralbyrån (SCB), RAMS",
  }
})

describe.skipIf(!present)("SCB exports from ../shared/data", () => {
  let work: string
  beforeAll(async () => {
    work = await tempDir("scb")
  })
  afterAll(() => rm(work, { recursive: true, force: true }))

  /** A raw folder with the code lists and the indicator definitions, plus `entries`. */
  const rawWith = async (name: string, files: Record<string, string>, entries: (raw: string) => Promise<Entry[]>) => {
    const raw = join(work, name, "raw")
    await mkdir(join(raw, "scb"), { recursive: true })
    await cp(join(FIXTURE_RAW, "reference"), join(raw, "reference"), { recursive: true })
    await copyFile(join(FIXTURE_RAW, "scb", "indikatorer.json"), join(raw, "scb", "indikatorer.json"))
    await writeFile(join(raw, "scb", "rams-indikatorer.json"), JSON.stringify(RAMS_INDICATORS, null, 2))
    for (const [to, from] of Object.entries(files)) await copyFile(from, join(raw, to))
    const ours = JSON.parse(await readFile(join(FIXTURE_RAW, "manifest.json"), "utf8")) as { deliveries: Entry[] }
    const indicatorsEntry = ours.deliveries.find((d) => d["file"] === "scb/indikatorer.json")!
    const deliveries = [
      ...ours.deliveries.filter((d) => String(d["file"]).startsWith("reference/") || d === indicatorsEntry),
      {
        ...indicatorsEntry,
        file: "scb/rams-indikatorer.json",
        sha256: await sha256File(join(raw, "scb", "rams-indikatorer.json")),
        description: "The RAMS indicators, named from the export's header and categories.",
      },
      ...(await entries(raw)),
    ]
    await writeFile(join(raw, "manifest.json"), JSON.stringify({ deliveries }, null, 2))
    return raw
  }
  const valuesOf = async (raw: string) => {
    const out = join(raw, "..", "dist")
    const result = await build(raw, out)
    expect(result.problems).toEqual([])
    return { result, values: tracedRows(out, "indicator_values") as Value[] }
  }
  const expectPopulation = (values: Value[]) => {
    const population = values.filter((v) => v.indicator_id === "population")
    expect(population).toHaveLength(3190)
    expect(new Set(population.map((r) => r.municipality_code)).size).toBe(290)
    for (const [code, expected] of Object.entries(EXPECTED)) {
      expect(
        [2008, 2009, 2010, 2011].map(
          (year) => population.find((r) => r.municipality_code === code && r.year === year)?.value,
        ),
        code,
      ).toEqual(expected)
    }
    // Leading zeros survive: Upplands Väsby is 0114.
    expect(population.some((r) => r.municipality_code === "0114")).toBe(true)
  }

  /** A manifest entry declaring a population export in full. */
  const populationEntry = async (raw: string, file: string, over: Entry) => ({
    file,
    dataset: "indicator_values",
    kind: "delivered",
    publisher: "Statistiska centralbyrån (SCB)",
    licence: "CC0-1.0",
    received: "2019-02-21",
    sha256: await sha256File(join(raw, file)),
    format: "csv",
    dialect: { encoding: "utf-8", delimiter: ";" },
    constants: { indicator_id: "population" },
    ...over,
  })

  it("loads the population export through a manifest entry declared in full", async () => {
    const raw = await rawWith("population-full", { "scb/folkmangd_2008-2018.csv": POPULATION }, async (raw) => [
      await populationEntry(raw, "scb/folkmangd_2008-2018.csv", {
        columns: {
          region: { field: "municipality_code", parse: "code-name" },
          ålder: { ignore: "always 'totalt ålder': all ages" },
          år: "year",
          Folkmängd: "value",
        },
      }),
    ])
    const { result, values } = await valuesOf(raw)
    expect(result.report.deliveries.find((d) => d.file === "scb/folkmangd_2008-2018.csv")).toMatchObject({
      rows_read: 3190,
      rows_rejected: 0,
    })
    expectPopulation(values)
  })

  it("loads both exports filed with snapshot under their declared sources", async () => {
    const raw = await rawWith("named", {}, async () => [])
    expect(
      await fileSnapshot({ rawDir: raw, source: scbPopulation, from: POPULATION, date: "2019-02-21", now: new Date() }),
    ).toMatchObject({ kind: "stored" })
    expect(
      await fileSnapshot({ rawDir: raw, source: scbRams, from: RAMS, date: "2019-03-01", now: new Date() }),
    ).toMatchObject({ kind: "stored" })
    const { values } = await valuesOf(raw)
    expectPopulation(values)
    const rams = values.filter((v) => v.indicator_id.startsWith("rams_"))
    expect(rams).toHaveLength(17400)
    expect(new Set(rams.map((r) => r.municipality_code)).size).toBe(290)
    expect(new Set(rams.map((r) => r.indicator_id)).size).toBe(6)
    // The export's first rows: Upplands Väsby, 2008, municipal administration: 351, 293 and 97.
    const väsby = (id: string) =>
      rams.find((r) => r.municipality_code === "0114" && r.year === 2008 && r.indicator_id === id)?.value
    expect([
      väsby("rams_municipal_administration_55_59"),
      väsby("rams_municipal_administration_60_64"),
      väsby("rams_municipal_administration_65_plus"),
      väsby("rams_municipal_companies_55_59"),
    ]).toEqual([351, 293, 97, 49])
    expect(rams[0]!.file).toMatch(/^scb-rams\/2019-03-01\//)
  }, 60_000)

  it("refuses an export filed under the other source's shape, writing nothing", async () => {
    const raw = await rawWith("swapped", {}, async () => [])
    expect(
      await fileSnapshot({ rawDir: raw, source: scbPopulation, from: RAMS, date: "2019-03-01", now: new Date() }),
    ).toMatchObject({ kind: "refused", problems: [{ code: "file/encoding", line: 1 }] })
    expect(
      await fileSnapshot({ rawDir: raw, source: scbRams, from: POPULATION, date: "2019-03-01", now: new Date() }),
    ).toMatchObject({
      kind: "refused",
      problems: [{ code: "file/encoding", line: 1, message: expect.stringContaining("declare encoding utf-8") }],
    })
    expect(existsSync(join(raw, "scb-population"))).toBe(false)
    expect(existsSync(join(raw, "scb-rams"))).toBe(false)
  })

  it("refuses a RAMS category the manifest does not list, at its cell", async () => {
    const text = (await readFile(RAMS))
      .toString("latin1")
      .replace(
        '"0114 Upplands Väsby","2008","primärkommunal förvaltning","55-59 år"',
        '"0114 Upplands Väsby","2008","primärkommunal förvaltning","50-54 år"',
      )
    const edited = join(work, "rams-edited.csv")
    await writeFile(edited, Buffer.from(text, "latin1"))
    const raw = await rawWith("rams-bad", {}, async () => [])
    await fileSnapshot({ rawDir: raw, source: scbRams, from: edited, date: "2019-03-01", now: new Date() })
    const result = await build(raw, join(raw, "..", "dist"))
    expect(result.ok).toBe(false)
    expect(result.problems).toMatchObject([
      {
        code: "cell/constraint",
        line: 2,
        column: 3,
        columnName: "arbetsställets sektortillhörighet",
        value: "primärkommunal förvaltning / 50-54 år",
      },
    ])
  }, 60_000)

  it("loads the same figures from a wide layout, one column per year", async () => {
    const lines = (await readFile(POPULATION, "utf8"))
      .split(/\r?\n/)
      .filter((l) => l !== "")
      .slice(1)
      .map((l) => l.split(";"))
    const years = [...new Set(lines.map((l) => l[2]!))]
    const byRegion = new Map<string, Map<string, string>>()
    for (const [region, , year, value] of lines)
      byRegion.set(region!, (byRegion.get(region!) ?? new Map()).set(year!, value!))
    const wide = [
      `region;${years.join(";")}`,
      ...[...byRegion].map(([region, values]) => `${region};${years.map((y) => values.get(y)).join(";")}`),
    ].join("\r\n")
    const file = join(work, "folkmangd-wide.csv")
    await writeFile(file, wide)
    const raw = await rawWith("wide", { "scb/folkmangd-wide.csv": file }, async (raw) => [
      await populationEntry(raw, "scb/folkmangd-wide.csv", {
        columns: { region: { field: "municipality_code", parse: "code-name" } },
        layout: { wide: { columns: { years: [2008, 2018] }, labelField: "year", valueField: "value" } },
      }),
    ])
    const { result, values } = await valuesOf(raw)
    expect(result.report.deliveries.find((d) => d.file === "scb/folkmangd-wide.csv")).toMatchObject({
      rows_read: 3190,
      rows_rejected: 0,
    })
    expectPopulation(values)
  }, 60_000)
})
