/** The benchmark runs end to end on a small N and writes a well-formed report; so does its hostile mode. */
import { readFile, rm } from "node:fs/promises"
import { join } from "node:path"
import { afterAll, describe, expect, it } from "vitest"
import { existsSync } from "node:fs"
import { HOSTILE_SHAPES } from "../pipeline/bench/hostile-shapes.ts"
import { benchHostile } from "../pipeline/bench/hostile.ts"
import { bench, DEFAULT_SCRIPT } from "../pipeline/bench/main.ts"
import { tempDir } from "./support/run-build.ts"

describe("npm run bench", () => {
  let dir: string
  afterAll(() => rm(dir, { recursive: true, force: true }))

  it("builds a synthetic delivery, reports its invalid rows, adds a second and writes report.json", async () => {
    dir = await tempDir("bench")
    const report = await bench(5000, dir, DEFAULT_SCRIPT, 100)
    const written = JSON.parse(await readFile(join(dir, "report.json"), "utf8"))
    expect(written).toEqual(report)
    for (const key of [
      "rows",
      "seconds",
      "rows_per_s",
      "peak_rss_mb",
      "floor_seconds",
      "ratio",
      "formats_floor_seconds",
      "formats_floor_ratio",
    ]) {
      expect(typeof written[key], key).toBe("number")
      expect(written[key], key).toBeGreaterThan(0)
    }
    expect(written.rows).toBe(5000)
    // Both are rounded in the report: the ratio agrees with them up to that rounding.
    expect(Math.abs(written.ratio - written.seconds / written.floor_seconds) / written.ratio).toBeLessThan(0.25)
    // Every planted invalid row is reported and left out of the release.
    expect(written.invalid_rows_planted).toBeGreaterThan(0)
    expect(written.invalid_rows_reported).toBe(written.invalid_rows_planted)
    const values = JSON.parse(await readFile(join(dir, "dist", "data", "indicator_values.json"), "utf8")) as unknown[]
    // The release after the second delivery: the first's valid rows and the added ones.
    expect(values).toHaveLength(5000 - written.invalid_rows_planted + 100)
    expect(written.rows_added).toBe(100)
    // The same build again, nothing changed, through the command: skipped, the release left as it was.
    expect(written.no_change_skipped).toBe(true)
    expect(written.no_change_seconds).toBeGreaterThan(0)
    for (const key of ["rebuild_seconds", "rebuild_ratio", "rebuild_peak_rss_mb"])
      expect(written[key], key).toBeGreaterThan(0)
    expect(Math.abs(written.rebuild_ratio - written.rebuild_seconds / written.seconds)).toBeLessThan(0.01)
    // The user's script, in the same run, on the same delivery: it keeps the rows the build keeps.
    if (existsSync(DEFAULT_SCRIPT)) {
      for (const key of ["script_seconds", "script_ratio", "script_peak_rss_mb"])
        expect(written[key], key).toBeGreaterThan(0)
      expect(written.script_rows_kept).toBe(values.length - 100)
    } else {
      console.warn(`skipping the script's figures: ${DEFAULT_SCRIPT} is absent`)
      expect(written.script_seconds).toBeNull()
    }
  })

  it("--hostile builds each shape in a process of its own and reports what refused it, its time and its memory", async () => {
    const hostileDir = join(dir, "hostile")
    const shapes = HOSTILE_SHAPES.filter((s) => s.name.endsWith("-deep"))
    const figures = await benchHostile(hostileDir, 1, shapes)
    expect(JSON.parse(await readFile(join(hostileDir, "hostile-report.json"), "utf8"))).toEqual(figures)
    expect(figures.map((f) => [f.shape, f.refused_with])).toEqual([
      ["json-deep", ["json/too-deep"]],
      ["manifest-deep", ["json/too-deep"]],
    ])
    for (const f of figures) {
      expect(f.seconds).toBeGreaterThan(0)
      expect(f.peak_rss_mb).toBeGreaterThan(0)
    }
  })
})
