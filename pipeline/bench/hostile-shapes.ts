/**
 * Deliveries shaped to cost as much as a file can: each one a raw folder of one delivery (or a
 * manifest) that the build must refuse with its own problem, in bounded memory and time. The
 * benchmark builds them at full size (`npm run bench -- --hostile`); the tests build them
 * smaller (`scale` below 1), still far past what the reader would hold if it were unbounded.
 */
import { createWriteStream } from "node:fs"
import { mkdir, writeFile } from "node:fs/promises"
import { once } from "node:events"
import { join } from "node:path"
import { sha256File } from "../shared/files.ts"
import { repeated, rowXml, writeWorkbookXml } from "./zip-writer.ts"

const MB = 1024 * 1024

export interface HostileShape {
  readonly name: string
  /** What the file is, at full size, for the benchmark's table. */
  readonly what: string
  /**
   * Writes the raw folder at `raw`, the shape's file named after it; `scale` 1 is the full
   * size. Which limit refuses it first may depend on the size (a sheet of 2,000,000 rows is too
   * large a part, one of 600,000 too large an extent).
   */
  readonly write: (raw: string, scale: number) => Promise<void>
}

/** The values of a municipality by year, as an SCB export names them. */
const COLUMNS = { region: { field: "municipality_code", parse: "code-name" }, år: "year", värde: "value" }
const HEADER = ["region", "år", "värde"]

/** Writes raw/manifest.json declaring the one delivery `file` (in raw/): a municipality's values by year. */
export const declareDelivery = async (
  raw: string,
  file: string,
  format: "csv" | "json" | "xlsx",
  dialect: object = {},
) => {
  const entry = {
    file,
    dataset: "indicator_values",
    kind: "delivered",
    publisher: "Exempelkommunen",
    licence: "CC0-1.0",
    received: "2026-01-15",
    sha256: await sha256File(join(raw, file)),
    format,
    dialect,
    columns: COLUMNS,
    constants: { indicator_id: "population" },
  }
  await writeFile(join(raw, "manifest.json"), `${JSON.stringify({ deliveries: [entry] }, null, 2)}\n`)
}

/** Writes `chunks` to a file, as a stream. */
const writeChunks = async (path: string, chunks: Iterable<Uint8Array>) => {
  const out = createWriteStream(path)
  for (const chunk of chunks) if (!out.write(chunk)) await once(out, "drain")
  out.end()
  await once(out, "finish")
}

/** A shape that is a workbook, `name`.xlsx, of a sheet of `rows` and the parts `options` adds. */
const workbook = (
  name: string,
  rows: (scale: number) => Iterable<Uint8Array>,
  options: (scale: number) => Parameters<typeof writeWorkbookXml>[2] = () => ({}),
) => {
  return async (raw: string, scale: number) => {
    await mkdir(raw, { recursive: true })
    await writeWorkbookXml(join(raw, `${name}.xlsx`), rows(scale), options(scale))
    await declareDelivery(raw, `${name}.xlsx`, "xlsx")
  }
}

const header = () => Buffer.from(rowXml(1, HEADER))
const spaces = Buffer.alloc(MB, 0x20)

function* headerAnd(more: Iterable<Uint8Array>): Generator<Uint8Array> {
  yield header()
  yield* more
}

/** `count` rows of `cells(r)` from row 2 on, a thousand to a chunk. */
function* dataRows(count: number, cells: (r: number) => ReadonlyArray<string | number>): Generator<Uint8Array> {
  for (let first = 2; first < count + 2; first += 1000) {
    const rows: string[] = []
    for (let r = first; r < Math.min(first + 1000, count + 2); r++) rows.push(rowXml(r, cells(r)))
    yield Buffer.from(rows.join(""))
  }
}

export const HOSTILE_SHAPES: ReadonlyArray<HostileShape> = [
  {
    name: "xlsx-far-cell",
    what: "a workbook of a header and one cell, at XFD1048576",
    write: workbook("xlsx-far-cell", () =>
      headerAnd([Buffer.from('<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>')]),
    ),
  },
  {
    name: "xlsx-unused-parts",
    what: "a workbook with four unused parts of 400 MB each",
    write: workbook(
      "xlsx-unused-parts",
      () => [header()],
      (scale) => ({
        more: [1, 2, 3, 4].map((k) => ({
          name: `xl/unused${k}.xml`,
          chunks: repeated(spaces, Math.round(400 * scale)),
        })),
      }),
    ),
  },
  {
    name: "xlsx-lying-part",
    what: "a workbook whose sheet declares 1 KB and unzips to 400 MB",
    write: workbook(
      "xlsx-lying-part",
      (scale) => headerAnd(repeated(spaces, Math.round(400 * scale))),
      () => ({ sheetDeclaredSize: 1024 }),
    ),
  },
  {
    name: "xlsx-rows",
    what: "a workbook of 2,000,000 rows of one number",
    write: workbook("xlsx-rows", (scale) => headerAnd(dataRows(Math.round(2_000_000 * scale), (r) => [r]))),
  },
  {
    name: "csv-long-line",
    what: "a CSV file whose second line is one field of 200 MB",
    write: async (raw, scale) => {
      await mkdir(raw, { recursive: true })
      const x = Buffer.alloc(MB, 0x78)
      await writeChunks(
        join(raw, "csv-long-line.csv"),
        (function* () {
          yield Buffer.from(`${HEADER.join(";")}\n2403 Bjurholm;2010;`)
          yield* repeated(x, Math.round(200 * scale))
          yield Buffer.from("\n")
        })(),
      )
      await declareDelivery(raw, "csv-long-line.csv", "csv", { delimiter: ";" })
    },
  },
  {
    name: "json-deep",
    what: "a JSON delivery of 100,000 nested arrays",
    write: async (raw) => {
      await mkdir(raw, { recursive: true })
      await writeFile(join(raw, "json-deep.json"), `${"[".repeat(100_000)}${"]".repeat(100_000)}`)
      await declareDelivery(raw, "json-deep.json", "json")
    },
  },
  {
    name: "manifest-deep",
    what: "a manifest of 100,000 nested arrays",
    write: async (raw) => {
      await mkdir(raw, { recursive: true })
      await writeFile(join(raw, "manifest.json"), `${"[".repeat(100_000)}${"]".repeat(100_000)}`)
    },
  },
]
