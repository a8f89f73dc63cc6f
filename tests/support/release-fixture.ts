/**
 * A raw/ the tests control, for the tests of what a release holds. The repository's raw/ changes
 * with every delivery, so no test reads its facts there: the 4K transcriptions, the reference
 * lists and SCB's typed figures are kept as they were filed under tests/fixtures/release/raw,
 * and the sources' real files in ../shared/data are filed into a copy of it with the pipeline's
 * own snapshot, as the repository filed them (personal data left behind).
 */
import { existsSync } from "node:fs"
import { cp } from "node:fs/promises"
import { join, resolve } from "node:path"
import { fileSnapshot } from "../../pipeline/snapshot/file-snapshot.ts"
import { SOURCES } from "../../pipeline/sources/index.ts"
import { renderProblem } from "../../pipeline/problems/render.ts"
import { build } from "./run-build.ts"

export const FIXTURE_RAW = join(import.meta.dirname, "..", "fixtures", "release", "raw")
export const SHARED_DATA = resolve(import.meta.dirname, "..", "..", "..", "shared", "data")

/** Each source's file in ../shared/data, and the typed delivery of the fixture its snapshot corrects. */
const SHARED_FILES = {
  "scb-population": { file: "scb_folkmangd_kommun_2008-2018_bef_k_tot.csv", replaces: ["scb/folkmangd_2007-2011.csv"] },
  "municipality-codes": { file: "swedish-geodata_municipalities.csv", replaces: ["reference/kommuner.csv"] },
  "nuts-regions": { file: "eurospent_se_nuts_lau_population.csv", replaces: ["reference/lan.csv"] },
  projektbanken: { file: "eurospent_projektbanken_sweden_2007-2013.csv", replaces: [] },
  "scb-rams": { file: "scb_rams_forvarvsarbetande_kommunsektor_55plus_2008-2017_cp1252.csv", replaces: [] },
} as const

export type SharedSource = keyof typeof SHARED_FILES
export const ALL_SOURCES = Object.keys(SHARED_FILES) as SharedSource[]

/** Whether ../shared/data holds the files of `sources`; says on stderr which are missing. */
export const sharedHas = (sources: ReadonlyArray<SharedSource>, who: string): boolean => {
  const missing = sources.map((s) => SHARED_FILES[s].file).filter((f) => !existsSync(join(SHARED_DATA, f)))
  if (missing.length > 0) console.warn(`${who}: skipped, ${SHARED_DATA} lacks ${missing.join(", ")}`)
  return missing.length === 0
}

/** The day the sources are filed on, and the clock their sidecars record. */
const FILED = "2026-11-29"

/** A copy of the fixture's raw/ in `dir/raw`, with `sources` filed into it from ../shared/data. */
export const fixtureRaw = async (dir: string, sources: ReadonlyArray<SharedSource> = []): Promise<string> => {
  const raw = join(dir, "raw")
  await cp(FIXTURE_RAW, raw, { recursive: true })
  for (const name of sources) {
    const { file, replaces } = SHARED_FILES[name]
    const filed = await fileSnapshot({
      rawDir: raw,
      source: SOURCES.get(name)!,
      from: join(SHARED_DATA, file),
      date: FILED,
      now: new Date(`${FILED}T12:00:00Z`),
      replaces,
    })
    if (filed.kind !== "stored") throw new Error(`${name} not filed: ${JSON.stringify(filed)}`)
  }
  return raw
}

export interface Release {
  readonly raw: string
  readonly out: string
}

/** fixtureRaw, and the release built from it in `dir/dist`: a published release to build over. */
export const fixtureRelease = async (dir: string, sources: ReadonlyArray<SharedSource> = []): Promise<Release> => {
  const raw = await fixtureRaw(dir, sources)
  const out = join(dir, "dist")
  const result = await build(raw, out)
  if (!result.ok)
    throw new Error(`the fixture's release does not build:\n${result.problems.map(renderProblem).join("\n")}`)
  return { raw, out }
}

/** A copy of a release and its raw/ in `dir` (as `raw` and `dist`), for a test that changes them. */
export const copyRelease = async (from: Release, dir: string): Promise<Release> => {
  const raw = join(dir, "raw")
  const out = join(dir, "dist")
  await cp(from.raw, raw, { recursive: true })
  await cp(from.out, out, { recursive: true })
  return { raw, out }
}
