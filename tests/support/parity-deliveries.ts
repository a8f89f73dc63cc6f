/**
 * Arbitrary CSV deliveries for the normalizer parity property: cells of every kind in every
 * dialect, the small code lists they need, and a build's outcome as the comparison sees it.
 */
import { readFile, rm } from "node:fs/promises"
import { join, relative } from "node:path"
import fc from "fast-check"
import { WINDOWS_1252_HIGH } from "../../pipeline/read/windows-1252.ts"
import type { RunResult } from "../../pipeline/run/run.ts"
import { build } from "./run-build.ts"
import { treeHashes } from "./tree.ts"

import {
  type Dialect,
  DIALECTS,
  MARKERS,
  type RegionParse,
  valueCell,
  yearCell,
  regionCell,
  indicatorCell,
  commentCell,
  contactCell,
} from "./parity-cells.ts"
import { tracedRows } from "./traced-rows.ts"

export const CASES = join(import.meta.dirname, "..", "cases")

/** Windows-1252 bytes of the characters it places in 0x80–0x9F. */
export const WINDOWS_1252 = new Map([...WINDOWS_1252_HIGH].map((ch, i) => [ch, 0x80 + i]))
/**
 * Text as Windows-1252 bytes, a character it lacks as "?". `c1`: also the letters it places in
 * 0x80–0x9F (– € “ ” Š …); without it, those are "?" too, since DuckDB refuses such a file and
 * the bulk path hands it to the tokenizer (see reader-parity.examples.test.ts).
 */
export const windows1252 = (text: string, c1 = false): Buffer =>
  Buffer.from(
    Uint8Array.from(
      [...text].map((ch) => {
        const c = ch.codePointAt(0)!
        return c < 0x80 || (c >= 0xa0 && c <= 0xff) ? c : ((c1 ? WINDOWS_1252.get(ch) : undefined) ?? 0x3f)
      }),
    ),
  )

// ---------------------------------------------------------------------------------------------
// The code lists a delivery of indicator values needs: counties, municipalities (names with an
// i, å, ä and a genitive s among them), a project with a period, and three indicators: one that
// counts persons, one a share (negative and fractional values allowed), one of the project.

export const COUNTIES = "lan,namn,nuts\n01,Stockholms län,SE110\n24,Västerbottens län,SE331\n"
export const MUNICIPALITIES =
  "kod;namn;lan\n0114;Upplands Väsby;01\n2401;Nordmaling;24\n2403;Bjurholm;24\n2404;Vindeln;24\n2460;Vännäs;24\n2480;Umeå;24\n"
export const INDICATORS = [
  {
    id: "population",
    sv: "Folkmängd",
    en: "Population",
    unit: "persons",
    def_sv: "Invånare 31 december",
    def_en: "Inhabitants on 31 December",
    projekt: null,
    source: "SCB",
  },
  {
    id: "share",
    sv: "Andel",
    en: "Share",
    unit: "percent",
    def_sv: "En andel",
    def_en: "A share",
    projekt: null,
    source: "SCB",
  },
  {
    id: "new_jobs",
    sv: "Nya arbetstillfällen",
    en: "New jobs",
    unit: "count",
    def_sv: "Nya jobb i projektet",
    def_en: "Jobs created by the project",
    projekt: "4k",
    source: "Testkommunen",
  },
]

export const entry = (file: string, dataset: string, more: Record<string, unknown>) => ({
  file,
  dataset,
  kind: "delivered",
  publisher: "Test",
  licence: "CC0-1.0",
  received: "2012-01-01",
  format: "csv",
  ...more,
})

// ---------------------------------------------------------------------------------------------
// The delivery: its dialect, its columns and their order, its cells.

export interface Delivery {
  readonly dialect: Dialect
  readonly encoding: "utf-8" | "utf-8-bom" | "windows-1252"
  readonly ending: "\n" | "\r\n"
  readonly lastEnding: boolean
  readonly markers: ReadonlyArray<(typeof MARKERS)[number]>
  readonly region: RegionParse
  readonly zeroPad: boolean
  readonly indicator: "population" | "share" | "new_jobs" | "column"
  readonly correction: boolean
  readonly invalidRows: "exclude" | "refuse"
  /** Header labels in file order; each row's cells in the same order. */
  readonly header: ReadonlyArray<string>
  readonly rows: ReadonlyArray<ReadonlyArray<string>>
  /** Every cell quoted, whether it needs it or not. */
  readonly quoteAll: boolean
}

export const delivery: fc.Arbitrary<Delivery> = fc
  .record({
    dialect: fc.constantFrom(...DIALECTS),
    encoding: fc.constantFrom<Delivery["encoding"]>("utf-8", "utf-8", "utf-8-bom", "windows-1252"),
    ending: fc.constantFrom<Delivery["ending"]>("\n", "\r\n"),
    lastEnding: fc.boolean(),
    markers: fc.subarray([...MARKERS]),
    region: fc.constantFrom<RegionParse>("code-name", "code-name", "code", "municipality-name"),
    zeroPad: fc.boolean(),
    indicator: fc.constantFrom<Delivery["indicator"]>("population", "share", "new_jobs", "column", "column"),
    correction: fc.boolean(),
    invalidRows: fc.constantFrom<Delivery["invalidRows"]>("exclude", "exclude", "exclude", "refuse"),
    extras: fc.subarray(["kommentar", "kontakt"]),
    order: fc.array(fc.nat(), { minLength: 6, maxLength: 6 }),
    count: fc.integer({ min: 1, max: 4 }),
    quoteAll: fc.boolean(),
    nfdHeader: fc.boolean(),
  })
  .chain((d) => {
    // (An NFD header cannot be written in Windows-1252.)
    const labels = [
      "region",
      d.nfdHeader && d.encoding !== "windows-1252" ? "a\u030ar" : "år",
      "värde",
      ...(d.indicator === "column" ? ["indikator"] : []),
      ...d.extras,
    ]
    // A column order drawn from `order`: each label sorted by its number.
    const header = labels
      .map((l, i) => [l, d.order[i]!] as const)
      .sort((a, b) => a[1] - b[1])
      .map(([l]) => l)
    const cellOf = (label: string): fc.Arbitrary<string> =>
      label === "region"
        ? regionCell(d.region, d.zeroPad)
        : label === "värde"
          ? valueCell(d.dialect)
          : label === "indikator"
            ? indicatorCell
            : label === "kommentar"
              ? commentCell
              : label === "kontakt"
                ? contactCell
                : yearCell(d.dialect)
    const row = fc.tuple(...header.map(cellOf))
    // Rows, and now and then a row repeated: a duplicate key.
    // No line breaks in the columns that are dropped unread: such a file goes to the tokenizer
    // (see reader-parity.examples.test.ts), and each run here must take the bulk path.
    const dropped = new Set(["kommentar", "kontakt"])
    const oneLine = (cells: ReadonlyArray<string>) =>
      cells.map((c, i) => (dropped.has(header[i]!) ? c.replace(/\r\n|\r|\n/gu, " ") : c))
    return fc
      .tuple(fc.array(row.map(oneLine), { minLength: d.count, maxLength: d.count }), fc.boolean())
      .map(([rows, repeat]) => ({
        ...d,
        header,
        rows: repeat ? [...rows, rows[0]!] : rows,
      }))
  })

export const writeCell = (value: string, d: Delivery): string => {
  const { delimiter, quote } = d.dialect
  const needs = /[\r\n]/u.test(value) || value.includes(delimiter) || value.includes(quote)
  return needs || d.quoteAll ? `${quote}${value.split(quote).join(quote + quote)}${quote}` : value
}

export const csvOf = (d: Delivery, c1 = false): Buffer => {
  // A header quoted after a byte-order mark sends the file to the tokenizer (the byte scan does not
  // skip the mark; see tests/unit/csv-readers.property.test.ts): the header is quoted only without one.
  const header = d.header.map((c) =>
    d.encoding === "utf-8-bom" ? writeCell(c, { ...d, quoteAll: false }) : writeCell(c, d),
  )
  const lines = [
    header.join(d.dialect.delimiter),
    ...d.rows.map((cells) => cells.map((c) => writeCell(c, d)).join(d.dialect.delimiter)),
  ]
  const text = lines.join(d.ending) + (d.lastEnding ? d.ending : "")
  return d.encoding === "windows-1252"
    ? windows1252(text, c1)
    : Buffer.from(d.encoding === "utf-8-bom" ? `\ufeff${text}` : text, "utf8")
}

export const manifestEntryOf = (d: Delivery, sha256: string) => {
  const regionMapping = {
    field: "municipality_code",
    ...(d.region === "code" ? {} : { parse: d.region }),
    ...(d.zeroPad ? { zeroPad: 4 } : {}),
  }
  const columns: Record<string, unknown> = { region: regionMapping, år: "year", värde: "value" }
  if (d.indicator === "column") columns["indikator"] = "indicator_id"
  if (d.header.includes("kommentar")) columns["kommentar"] = { ignore: "free text" }
  if (d.header.includes("kontakt")) columns["kontakt"] = { personal: true }
  return entry("values.csv", "indicator_values", {
    sha256,
    invalidRows: d.invalidRows,
    dialect: {
      encoding: d.encoding === "windows-1252" ? "windows-1252" : "utf-8",
      delimiter: d.dialect.delimiter,
      quote: d.dialect.quote,
      decimalSeparator: d.dialect.decimalSeparator,
      thousandsSeparator: d.dialect.thousandsSeparator,
      missingValues: d.markers,
    },
    columns,
    ...(d.indicator === "column" ? {} : { constants: { indicator_id: d.indicator } }),
    ...(d.correction
      ? { corrections: [{ field: "year", from: "år 2008", to: "2008", reason: "the year written with a word" }] }
      : {}),
  })
}

// ---------------------------------------------------------------------------------------------
// One build each way, and what it published and reported.

export interface Outcome {
  readonly ok: boolean
  /** Which reader took values.csv. */
  readonly reader: string | undefined
  readonly problems: ReadonlyArray<Record<string, unknown>>
  readonly values: unknown
  readonly corrections: unknown
  readonly tree: Record<string, string>
}

export const outcome = async (raw: string, out: string, tokenizerOnly: boolean): Promise<Outcome> => {
  await rm(out, { recursive: true, force: true })
  const progress: string[] = []
  let result: RunResult
  try {
    result = await build(raw, out, "build", tokenizerOnly, { progress: (line) => progress.push(line) })
  } catch (e) {
    // A crash is an outcome too: the other path may not crash.
    return {
      ok: false,
      reader: `crashed: ${(e as Error).message}`,
      problems: [],
      values: undefined,
      corrections: undefined,
      tree: {},
    }
  }
  const release = relative(process.cwd(), out)
  const reader = progress
    .map((l) => /^read values\.csv → indicator_values: .*, (\w+)\)$/u.exec(l)?.[1])
    .find((r) => r !== undefined)
  const read = async (f: string) => JSON.parse(await readFile(join(out, f), "utf8")) as unknown
  return {
    ok: result.ok,
    reader,
    // A problem found in the release names it under its own folder, which differs between the two builds.
    problems: result.problems.map((p) => ({
      ...p,
      file: p.file.startsWith(release) ? `<release>${p.file.slice(release.length)}` : p.file,
    })),
    // Each value with the file and line it comes from.
    values: result.ok ? tracedRows(out, "indicator_values") : undefined,
    corrections: result.ok ? await read("corrections.json") : undefined,
    tree: result.ok ? await treeHashes(out) : {},
  }
}

/** What a reader of a failure needs: the file as written, and the delivery. */
export const describeDelivery = (d: Delivery, bytes: Buffer) =>
  JSON.stringify(
    { file: d.encoding === "windows-1252" ? bytes.toString("latin1") : bytes.toString("utf8"), ...d, rows: undefined },
    null,
    1,
  )
