/**
 * `pipeline add` end to end, through the real command, on copies of tests/cases/good-small/raw
 * and a release built from it (whose municipalities and indicators the command reads).
 */
import { existsSync } from "node:fs"
import { cp, readFile, rm, writeFile } from "node:fs/promises"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { build, tempDir } from "./support/run-build.ts"
import { pipeline } from "./support/run-cli.ts"
import { treeHashes } from "./support/tree.ts"
import { tracedRows } from "./support/traced-rows.ts"

let work: string
let dist: string

/** A fresh copy of good-small's raw folder. */
const freshRaw = async (name: string) => {
  const raw = join(work, name, "raw")
  await cp(join("tests", "cases", "good-small", "raw"), raw, { recursive: true })
  return raw
}

const deliver = async (name: string, bytes: string | Buffer) => {
  const path = join(work, name)
  await writeFile(path, bytes)
  return path
}

const manifestOf = async (raw: string) =>
  JSON.parse(await readFile(join(raw, "manifest.json"), "utf8")) as {
    $schema?: string
    deliveries: Array<Record<string, unknown>>
  }

const who = ["--publisher", "Vindelns kommun", "--licence", "CC0-1.0", "--received", "2026-11-20"]

beforeAll(async () => {
  work = await tempDir("add")
  dist = join(work, "dist")
  const result = await build(join("tests", "cases", "good-small", "raw"), dist)
  expect(result.ok, JSON.stringify(result.problems)).toBe(true)
}, 60_000)
afterAll(() => rm(work, { recursive: true, force: true }))

describe("pipeline add", () => {
  it("files a Windows-1252, semicolon, CRLF file of names and decimal commas as it is, which then validates and builds", async () => {
    const raw = await freshRaw("must-show")
    // A manifest's other keys stay as they are, "$schema" first.
    const manifest = await manifestOf(raw)
    await writeFile(join(raw, "manifest.json"), JSON.stringify({ $schema: "manifest.schema.json", ...manifest }))
    // Persons are counted in whole numbers: "2 470,0" has its decimal comma all the same.
    const bytes = Buffer.from(
      "Kommun;År;Antal\r\nBjurholm;2010;2 470,0\r\nVännäs;2010;8 612,0\r\nUpplands Väsby;2011;41 000,0\r\n",
      "latin1",
    )
    const file = await deliver("vindeln.csv", bytes)
    const args = ["add", file, "--dataset", "indicator_values", "--indicator", "population"]
    const added = await pipeline([...args, ...who, "--raw", raw, "--out", dist])
    expect(added.status, added.stderr).toBe(0)
    expect(added.stderr).toContain('encoding: windows-1252 (bytes 0xC5 0xE4 are not UTF-8; "År" reads as Windows-1252)')
    expect(added.stderr).toContain('delimiter: ";" (3 fields on each of the first 4 lines)')
    expect(added.stderr).toContain("line endings: CRLF")
    expect(added.stderr).toContain('decimal separator: "," ("2 470,0" in column Antal)')
    expect(added.stderr).toMatch(
      /Kommun → municipality_code, parse municipality-name \(.*all 3 values are municipality names, e\.g\. "Bjurholm" = 2403\)/,
    )
    expect(added.stderr).toContain("row/period")

    const filed = join(raw, "vindelns-kommun", "2026-11-20", "vindeln.csv")
    expect(await readFile(filed)).toEqual(bytes)
    const after = await manifestOf(raw)
    expect(Object.keys(after)).toEqual(["$schema", "deliveries"])
    expect(after.deliveries.slice(0, -1)).toEqual(manifest.deliveries)
    const entry = JSON.parse(added.stdout) as Record<string, unknown>
    expect(after.deliveries.at(-1)).toEqual(entry)
    expect(entry).toMatchObject({
      file: "vindelns-kommun/2026-11-20/vindeln.csv",
      kind: "delivered",
      publisher: "Vindelns kommun",
      licence: "CC0-1.0",
      received: "2026-11-20",
      format: "csv",
      dialect: { encoding: "windows-1252", delimiter: ";", decimalSeparator: ",", thousandsSeparator: " " },
      columns: { Kommun: { field: "municipality_code", parse: "municipality-name" }, År: "year", Antal: "value" },
      constants: { indicator_id: "population" },
    })

    const report = join(work, "must-show", "report.json")
    const validated = await pipeline(["validate", "--raw", raw, "--out", dist, "--report", report])
    expect(validated.status, validated.stderr).toBe(0)
    const out = join(work, "must-show", "dist")
    const built = await pipeline(["build", "--raw", raw, "--out", out, "--report", report])
    expect(built.status, built.stderr).toBe(0)
    const rows = tracedRows(out, "indicator_values")
    expect(rows).toContainEqual(
      expect.objectContaining({ municipality_code: "2460", year: 2010, value: 8612, file: entry["file"] }),
    )

    // The same file again is never filed over the first.
    const again = await pipeline([...args, ...who, "--raw", raw, "--out", dist])
    expect(again.status).toBe(1)
    expect(again.stderr).toContain("never overwritten")
  }, 60_000)

  it.each([
    ["UTF-8, LF, codes", "Kommunkod,År,Antal\n2403,2016,\n2460,2016,8 400\n", "utf8"],
    [
      "Windows-1252, CRLF, names, the empty cell first",
      "Antal;Kommun;År\r\n;Bjurholm;2016\r\n8 400;Vännäs;2016\r\n",
      "latin1",
    ],
  ] as const)(
    "files a file with an empty value cell declared missing, as the guide says (%s), which validates",
    async (_, text, encoding) => {
      const raw = await freshRaw(`empty-${encoding}`)
      const file = await deliver(`tom-${encoding}.csv`, Buffer.from(text, encoding))
      const added = await pipeline([
        ...["add", file, "--dataset", "indicator_values", "--indicator", "population", "--missing", "=not reported"],
        ...[...who, "--raw", raw, "--out", dist],
      ])
      expect(added.status, added.stderr).toBe(0)
      expect(added.stderr).not.toContain("internal error")
      expect(JSON.parse(added.stdout)).toMatchObject({
        dialect: { missingValues: [{ value: "", label: "not reported" }] },
      })
      const validated = await pipeline([
        "validate",
        "--raw",
        raw,
        "--out",
        dist,
        "--report",
        join(work, `empty-${encoding}.json`),
      ])
      expect(validated.status, validated.stderr).toBe(0)
    },
    60_000,
  )

  it("asks about 1,234 naming --decimal-separator, writes nothing, and files the file once answered", async () => {
    const raw = await freshRaw("ambiguous")
    const before = await treeHashes(raw)
    const file = await deliver("ambiguous.csv", 'Kommun,Year,Value\nBjurholm,2012,"1,234"\nVännäs,2012,"8,357"\n')
    const args = ["add", file, "--dataset", "indicator_values", "--indicator", "population", "--raw", raw]
    const asked = await pipeline([...args, ...who, "--out", dist])
    expect(asked.status).toBe(2)
    expect(asked.stderr).toMatch(
      /question: "1,234" in column Value may be 1\.234 .*\n {2}answer with --decimal-separator/,
    )
    expect(asked.stdout).toBe("")
    expect(await treeHashes(raw)).toEqual(before)
    const answered = await pipeline([...args, ...who, "--out", dist, "--decimal-separator", "."])
    expect(answered.status, answered.stderr).toBe(0)
    expect(JSON.parse(answered.stdout)).toMatchObject({ dialect: { decimalSeparator: ".", thousandsSeparator: "," } })
  }, 60_000)

  it("asks about a column no field fits, and for the publisher and licence, each naming its flag", async () => {
    const raw = await freshRaw("unmatched")
    const before = await treeHashes(raw)
    const file = await deliver("unmatched.csv", "Kommun,År,Värde,Kommentar\nBjurholm,2013,2500,preliminär\n")
    const args = [
      "add",
      file,
      "--dataset",
      "indicator_values",
      "--indicator",
      "population",
      "--raw",
      raw,
      "--out",
      dist,
    ]
    const asked = await pipeline(args)
    expect(asked.status).toBe(2)
    for (const flag of ["--publisher", "--licence", "--column"]) expect(asked.stderr).toContain(`answer with ${flag}`)
    expect(asked.stderr).toContain('column "Kommentar"')
    expect(await treeHashes(raw)).toEqual(before)
    const answered = await pipeline([...args, ...who, "--column", "Kommentar=ignore:a note of the sender's"])
    expect(answered.status, answered.stderr).toBe(0)
    expect(JSON.parse(answered.stdout)).toMatchObject({ columns: { Kommentar: { ignore: "a note of the sender's" } } })
  }, 60_000)

  it("--dry-run prints the entry and writes nothing", async () => {
    const raw = await freshRaw("dry-run")
    const before = await treeHashes(raw)
    const file = await deliver("dry.csv", "Kommunkod;År;Antal\n2403;2014;2 400\n114;2014;41 000\n")
    const result = await pipeline([
      ...["add", file, "--dataset", "indicator_values", "--indicator", "population"],
      ...[...who, "--raw", raw, "--out", dist, "--dry-run"],
    ])
    expect(result.status, result.stderr).toBe(0)
    expect(JSON.parse(result.stdout)).toMatchObject({
      file: "vindelns-kommun/2026-11-20/dry.csv",
      columns: { Kommunkod: { field: "municipality_code", zeroPad: 4 } },
      dialect: { encoding: "utf-8", delimiter: ";", thousandsSeparator: " " },
    })
    expect(result.stderr).toContain("114 = 0114 Upplands Väsby")
    expect(result.stderr).toContain("nothing written")
    expect(await treeHashes(raw)).toEqual(before)
    expect(existsSync(join(raw, "vindelns-kommun"))).toBe(false)
  }, 60_000)

  it("files a delivery under no licence only with the terms known, and claims none for it", async () => {
    const raw = await freshRaw("no-licence")
    const file = await deliver("villkor.csv", "Kommunkod;År;Antal\n2403;2014;2 400\n")
    const args = ["add", file, "--dataset", "indicator_values", "--indicator", "population", "--raw", raw]
    const base = [...args, "--out", dist, "--publisher", "Vindelns kommun", "--received", "2026-11-20"]
    const asked = await pipeline([...base, "--licence", "none", "--dry-run"])
    expect(asked.status).toBe(2)
    expect(asked.stderr).toContain("--rights")
    const wrong = await pipeline([...base, "--licence", "CC0-1.0", "--rights", "credit us", "--dry-run"])
    expect(wrong.status).toBe(2)
    const rights = "the municipality's figures; no licence stated; credit Vindelns kommun"
    const result = await pipeline([...base, "--licence", "none", "--rights", rights, "--dry-run"])
    expect(result.status, result.stderr).toBe(0)
    expect(JSON.parse(result.stdout)).toMatchObject({ licence: null, rights })
  }, 60_000)

  it("takes a delivery that does not validate out again, naming the problem at the file given, its line and column", async () => {
    const raw = await freshRaw("invalid")
    const before = await treeHashes(raw)
    const file = await deliver("invalid.csv", "Kommun;År;Antal\nBjurholm;2015;2 400\nVindelen;2015;5 600\n")
    const result = await pipeline([
      ...["add", file, "--dataset", "indicator_values", "--indicator", "population"],
      ...[...who, "--raw", raw, "--out", dist],
    ])
    expect(result.status).toBe(1)
    expect(result.stderr).toContain(`${file}:3:1: cell/unknown-name: no municipality is named "Vindelen"`)
    // The copy in raw/, removed again, is named nowhere.
    expect(result.stderr).not.toContain("vindelns-kommun/2026-11-20/invalid.csv")
    expect(result.stderr).toContain("removed again")
    expect(await treeHashes(raw)).toEqual(before)
    expect(existsSync(join(raw, "vindelns-kommun"))).toBe(false)
  }, 60_000)

  it("defines a new indicator beside its values: two files, two entries, valid", async () => {
    const raw = await freshRaw("new-indicator")
    const file = await deliver(
      "bredband.csv",
      "Kommun\tÅr\tAndel\n2403 Bjurholm\t2016\t12,5\n2460 Vännäs\t2016\t7,25\n",
    )
    const result = await pipeline([
      ...["add", file, "--dataset", "indicator_values", "--new-indicator", "broadband_share"],
      ...["--label-sv", "Andel hushåll med bredband", "--label-en", "Share of households with broadband"],
      ...["--unit", "percent", ...who, "--raw", raw, "--out", dist],
    ])
    expect(result.status, result.stderr).toBe(0)
    const entries = JSON.parse(result.stdout) as Array<Record<string, unknown>>
    expect(entries.map((e) => [e["file"], e["dataset"]])).toEqual([
      ["vindelns-kommun/2026-11-20/indicator-broadband_share.csv", "indicators"],
      ["vindelns-kommun/2026-11-20/bredband.csv", "indicator_values"],
    ])
    expect(entries[1]).toMatchObject({
      dialect: { encoding: "utf-8", delimiter: "\t", decimalSeparator: "," },
      columns: { Kommun: { field: "municipality_code", parse: "code-name" }, År: "year", Andel: "value" },
      constants: { indicator_id: "broadband_share" },
    })
    expect((await manifestOf(raw)).deliveries.slice(-2)).toEqual(entries)
    expect(await readFile(join(raw, "vindelns-kommun", "2026-11-20", "indicator-broadband_share.csv"), "utf8")).toBe(
      "indicator_id,label_sv,label_en,unit,source\nbroadband_share,Andel hushåll med bredband,Share of households with broadband,percent,Vindelns kommun\n",
    )
    const validated = await pipeline([
      "validate",
      "--raw",
      raw,
      "--out",
      dist,
      "--report",
      join(work, "new-indicator", "r.json"),
    ])
    expect(validated.status, validated.stderr).toBe(0)
  }, 60_000)
})
