/**
 * A CSV file read by DuckDB and by the tokenizer, each into the one normalization, must have
 * exactly the same cells accepted and refused, at the same places, and publish exactly the
 * same values. Tricky cells, through both readers.
 */
import { copyFile, mkdir, readFile, rm, writeFile } from "node:fs/promises"
import { join } from "node:path"
import { afterAll, describe, expect, it } from "vitest"
import { sha256File } from "../pipeline/shared/files.ts"
import { WINDOWS_1252_HIGH } from "../pipeline/read/windows-1252.ts"
import { build, located, tempDir } from "./support/run-build.ts"
import { treeHashes } from "./support/tree.ts"

const GOOD = join("tests", "cases", "good-small", "raw")

/** Windows-1252 bytes of the characters it places in 0x80–0x9F. */
const WINDOWS_1252 = new Map([...WINDOWS_1252_HIGH].map((ch, i) => [ch, 0x80 + i]))

const VALUES = [
  "2 516",
  "2\u00a0516",
  "2\u202f516",
  "2516",
  "2516,5",
  "+7",
  "-0",
  "0,25",
  " 12 ",
  "\t12\t",
  "1 2 3",
  "12,",
  ",5",
  "5e3",
  "0x10",
  "12.5",
  "1.234",
  "12 345 678,9",
  "..",
  "",
  " .. ",
  "abc",
  "١٢",
  "１２",
  "9999999999999999999",
]
const YEARS = ["2008", " 2009", "2010.0", "år 2008", "1899", "2101", "2008,0", "+2008"]
const REGIONS = [
  "2403 Bjurholm",
  "2403  Bjurholm",
  "2403\tBjurholm",
  "2403 bjurholm",
  "2403 Bjurholms kommun",
  "2403 Umeå",
  "2403",
  "Bjurholm 2403",
  "0114 Upplands Väsby",
  "114 Upplands Väsby",
  "2460 Va\u0308nna\u0308s",
  "9999 Okänd",
]

describe("the two CSV readers", () => {
  let work: string
  afterAll(() => rm(work, { recursive: true, force: true }))

  it("refuse and publish the same rows, with the same problems", async () => {
    work = await tempDir("parity")
    const raw = join(work, "raw")
    await mkdir(raw, { recursive: true })
    for (const f of ["lan.csv", "kommuner.csv", "ind.json"]) await copyFile(join(GOOD, f), join(raw, f))
    // Every year with every region, each with the next value: all combinations are distinct keys.
    // A column of personal data, declared so: it must vanish, whichever reader takes the file.
    const lines = ["region;kontakt;år;värde"]
    let i = 0
    for (const year of YEARS)
      for (const region of REGIONS)
        lines.push(`"${region}";kontakt.person${i}@example.se;${year};${VALUES[i++ % VALUES.length]}`)
    await writeFile(join(raw, "values.csv"), `\ufeff${lines.join("\r\n")}\r\n`)
    const manifest = JSON.parse(await readFile(join(GOOD, "manifest.json"), "utf8")) as {
      deliveries: Array<Record<string, unknown>>
    }
    const deliveries = manifest.deliveries.filter((d) =>
      ["lan.csv", "kommuner.csv", "ind.json"].includes(String(d["file"])),
    )
    deliveries.push({
      file: "values.csv",
      dataset: "indicator_values",
      kind: "delivered",
      publisher: "Test",
      licence: "CC0-1.0",
      received: "2012-01-01",
      sha256: await sha256File(join(raw, "values.csv")),
      format: "csv",
      invalidRows: "exclude",
      dialect: {
        delimiter: ";",
        decimalSeparator: ",",
        thousandsSeparator: " ",
        missingValues: [{ value: "..", label: "not reported" }],
      },
      columns: {
        region: { field: "municipality_code", parse: "code-name", zeroPad: 4 },
        kontakt: { personal: true },
        år: "year",
        värde: "value",
      },
      constants: { indicator_id: "population" },
    })
    // Records that span lines: the lines of the records after them must still be right.
    // Windows-1252, with letters in 0x80–0x9F (– € “ ” Š) that Latin-1 would get wrong.
    const indicators = [
      "id;sv;en;enhet;def_sv;def_en;kalla",
      'a_one;Ett – 1 €;One;count;"två\nrader";"two\r\nlines";SCB',
      'b_two;Två;"Two\nlines";bogus;x;y;SCB',
      'c_three;Tre;Three;count;"tre\n\nrader";“z” Š;SCB',
      "D_four;Fyra;Four;count;x;y;SCB",
    ]
    await writeFile(
      join(raw, "indicators.csv"),
      Buffer.from(
        new Uint8Array([...`${indicators.join("\r\n")}\r\n`].map((ch) => WINDOWS_1252.get(ch) ?? ch.charCodeAt(0))),
      ),
    )
    deliveries.push({
      file: "indicators.csv",
      dataset: "indicators",
      kind: "delivered",
      publisher: "Test",
      licence: "CC0-1.0",
      received: "2012-01-01",
      sha256: await sha256File(join(raw, "indicators.csv")),
      format: "csv",
      invalidRows: "exclude",
      dialect: { encoding: "windows-1252", delimiter: ";" },
      columns: {
        id: "indicator_id",
        sv: "label_sv",
        en: "label_en",
        enhet: "unit",
        def_sv: "definition_sv",
        def_en: "definition_en",
        kalla: "source",
      },
    })
    await writeFile(join(raw, "manifest.json"), JSON.stringify({ deliveries }, null, 2))

    const bulk = await build(raw, join(work, "bulk"))
    const records = await build(raw, join(work, "records"), "build", true)
    expect(bulk.ok, JSON.stringify(bulk.problems.filter((p) => p.severity === "error"))).toBe(true)
    expect(located(bulk, raw)).toEqual(located(records, raw))
    expect(bulk.problems.map((p) => p.message)).toEqual(records.problems.map((p) => p.message))
    expect(await treeHashes(join(work, "bulk"))).toEqual(await treeHashes(join(work, "records")))
    expect(located(bulk, raw).filter((p) => p.file === "indicators.csv")).toEqual([
      // The bad unit stands on the second line of its record, after a quoted line break.
      { code: "cell/constraint", file: "indicators.csv", line: 6, column: 4 },
      { code: "cell/constraint", file: "indicators.csv", line: 10, column: 1 },
    ])
    for (const f of Object.keys(await treeHashes(join(work, "bulk")))) {
      expect(await readFile(join(work, "bulk", f), "latin1"), f).not.toContain("example.se")
    }
    expect(JSON.stringify(bulk.problems)).not.toContain("example.se")
    const published = JSON.parse(await readFile(join(work, "bulk", "data", "indicators.json"), "utf8")) as Array<
      Record<string, string>
    >
    expect(published.find((r) => r["indicator_id"] === "a_one")?.["label_sv"]).toBe("Ett – 1 €")
    // Both kinds of outcome occur: the test is not vacuous.
    const values = bulk.report.deliveries.find((d) => d.file === "values.csv")!
    expect(values.rows_rejected).toBeGreaterThan(10)
    expect(values.rows_read - values.rows_rejected).toBeGreaterThan(10)
  })
})
