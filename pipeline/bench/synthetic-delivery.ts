/**
 * A deterministic synthetic indicator delivery at national scale, in the messiest dialect the
 * manifest declares: Windows-1252, semicolons, CRLF, decimal commas, ".." for missing values,
 * SCB-style "code name" regions, and about 0.1 % invalid rows.
 */
import { createWriteStream } from "node:fs"
import { copyFile, mkdir, readFile, writeFile } from "node:fs/promises"
import { join } from "node:path"
import { sha256File } from "../shared/files.ts"

/** mulberry32: a small seeded generator, so the same N gives the same bytes. */
export const random = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296
}

export const FIRST_YEAR = 1990
export const YEARS = 36

/** The kinds of invalid row the generator plants, each a mistake people make. */
export const INVALID_KINDS = ["text in the value", "unknown municipality", "year as text"] as const

export interface SyntheticDelivery {
  readonly rows: number
  readonly invalidRows: number
  readonly valuesFile: string
}

const municipalitiesOf = async (referenceCsv: string): Promise<Array<[string, string]>> => {
  const text = (await readFile(referenceCsv, "utf8")).replace(/^\ufeff/, "")
  return text
    .split(/\r?\n/)
    .slice(1)
    .filter((l) => l !== "")
    .map((l) => l.split(";"))
    .map(([code, name]) => [code!, name!] as [string, string])
}

/**
 * Writes `dir/raw` with the repository's reference lists, an indicator codebook and a values
 * file of `rows` rows, plus the manifest declaring them.
 */
export const writeSyntheticDelivery = async (
  dir: string,
  rows: number,
  repoRaw = "raw",
): Promise<SyntheticDelivery> => {
  const raw = join(dir, "raw")
  await mkdir(join(raw, "reference"), { recursive: true })
  for (const f of ["lan.csv", "kommuner.csv"]) await copyFile(join(repoRaw, "reference", f), join(raw, "reference", f))
  const municipalities = await municipalitiesOf(join(raw, "reference", "kommuner.csv"))
  const indicatorCount = Math.max(1, Math.ceil(rows / (municipalities.length * YEARS)))
  const ids = Array.from({ length: indicatorCount }, (_, i) => `n${String(i).padStart(5, "0")}`)

  const codebook = ["indikator;namn;name;enhet;definition;definition_en;källa"]
  for (const id of ids)
    codebook.push(
      `${id};Nyckeltal ${id};Key figure ${id};percent;Syntetiskt nyckeltal för mätning;Synthetic key figure for benchmarks;Syntetisk`,
    )
  await writeFile(join(raw, "indikatorer.csv"), Buffer.from(`${codebook.join("\r\n")}\r\n`, "latin1"))

  // Year-major order, so sorting by the key (indicator, municipality, year) is real work.
  const next = random(rows)
  const valuesFile = join(raw, "varden.csv")
  const out = createWriteStream(valuesFile)
  let invalidRows = 0
  let buffer = "kpi;region;år;värde\r\n"
  let written = 0
  outer: for (let y = 0; y < YEARS; y++) {
    for (const [code, name] of municipalities) {
      for (const id of ids) {
        if (written === rows) break outer
        written++
        const r = next()
        let region = `"${code} ${name}"`
        let year = String(FIRST_YEAR + y)
        let value = r < 0.02 ? ".." : (Math.floor(next() * 100000) / 100).toFixed(2).replace(".", ",")
        if (r > 0.999) {
          invalidRows++
          const kind = INVALID_KINDS[written % INVALID_KINDS.length]
          if (kind === "text in the value") value = "12,x"
          else if (kind === "unknown municipality") region = `"2499 Okänd"`
          else year = `år ${year}`
        }
        buffer += `${id};${region};${year};${value}\r\n`
        if (buffer.length > 1 << 20) {
          if (!out.write(Buffer.from(buffer, "latin1")))
            await new Promise<void>((resolve) => out.once("drain", () => resolve()))
          buffer = ""
        }
      }
    }
  }
  out.write(Buffer.from(buffer, "latin1"))
  await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())))
  if (written < rows) throw new Error(`only ${written} distinct rows can be generated`)

  const ourManifest = JSON.parse(await readFile(join(repoRaw, "manifest.json"), "utf8")) as {
    deliveries: Array<{ file: string }>
  }
  const reference = ourManifest.deliveries.filter((d) => d.file.startsWith("reference/"))
  const common = { kind: "delivered", publisher: "Benchmark", licence: "CC0-1.0", received: "2020-01-01" }
  const manifest = {
    deliveries: [
      ...reference,
      {
        file: "indikatorer.csv",
        dataset: "indicators",
        ...common,
        sha256: await sha256File(join(raw, "indikatorer.csv")),
        format: "csv",
        dialect: { encoding: "windows-1252", delimiter: ";" },
        columns: {
          indikator: "indicator_id",
          namn: "label_sv",
          name: "label_en",
          enhet: "unit",
          definition: "definition_sv",
          definition_en: "definition_en",
          källa: "source",
        },
      },
      {
        file: "varden.csv",
        dataset: "indicator_values",
        ...common,
        sha256: await sha256File(valuesFile),
        format: "csv",
        dialect: {
          encoding: "windows-1252",
          delimiter: ";",
          decimalSeparator: ",",
          thousandsSeparator: " ",
          missingValues: [{ value: "..", label: "not reported" }],
        },
        invalidRows: "exclude",
        columns: {
          kpi: "indicator_id",
          region: { field: "municipality_code", parse: "code-name" },
          år: "year",
          värde: "value",
        },
      },
    ],
  }
  await writeFile(join(raw, "manifest.json"), `${JSON.stringify(manifest, null, 2)}\n`)
  return { rows, invalidRows, valuesFile }
}

/**
 * Adds a second delivery to `dir/raw` as a publisher would: `rows` figures for the year after
 * the first delivery's, for its indicators and municipalities, in a file of its own, received
 * a day later, declared in the manifest. Returns the file's path.
 */
export const addSyntheticDelivery = async (dir: string, rows: number): Promise<string> => {
  const raw = join(dir, "raw")
  const municipalities = await municipalitiesOf(join(raw, "reference", "kommuner.csv"))
  const ids = (await readFile(join(raw, "indikatorer.csv"), "latin1"))
    .split("\r\n")
    .slice(1)
    .filter((l) => l !== "")
    .map((l) => l.split(";")[0]!)
  if (rows > municipalities.length * ids.length)
    throw new Error(`a year has ${municipalities.length * ids.length} figures, fewer than ${rows}`)
  const next = random(rows + 1)
  const lines = ["kpi;region;år;värde"]
  for (const [code, name] of municipalities)
    for (const id of ids) {
      if (lines.length > rows) break
      const value = (Math.floor(next() * 100000) / 100).toFixed(2).replace(".", ",")
      lines.push(`${id};"${code} ${name}";${FIRST_YEAR + YEARS};${value}`)
    }
  return fileLike(raw, "varden.csv", `varden-${FIRST_YEAR + YEARS}.csv`, lines)
}

/**
 * Writes `lines` to a new file of `raw` (Windows-1252, CRLF) and declares it as `like` is
 * declared, received a day later. Returns the file's path.
 */
const fileLike = async (raw: string, like: string, name: string, lines: ReadonlyArray<string>) => {
  const file = join(raw, name)
  await writeFile(file, Buffer.from(`${lines.join("\r\n")}\r\n`, "latin1"))
  const manifest = JSON.parse(await readFile(join(raw, "manifest.json"), "utf8")) as {
    deliveries: Array<Record<string, unknown>>
  }
  const first = manifest.deliveries.find((d) => d["file"] === like)!
  manifest.deliveries.push({ ...first, file: name, received: "2020-01-02", sha256: await sha256File(file) })
  await writeFile(join(raw, "manifest.json"), `${JSON.stringify(manifest, null, 2)}\n`)
  return file
}

/**
 * Adds a delivery of `rows` new indicators to `dir/raw`, in a file of its own received a day
 * later: a change that leaves the indicator values as they were. Returns the file's path.
 */
export const addSyntheticIndicators = async (dir: string, rows: number): Promise<string> => {
  const raw = join(dir, "raw")
  const header = (await readFile(join(raw, "indikatorer.csv"), "latin1")).split("\r\n")[0]!
  const lines = [header]
  for (let i = 0; i < rows; i++) {
    const id = `z${String(i).padStart(5, "0")}`
    lines.push(`${id};Nytt nyckeltal ${id};New key figure ${id};percent;Tillagt;Added;Syntetisk`)
  }
  return fileLike(raw, "indikatorer.csv", "indikatorer-2.csv", lines)
}
