/**
 * `npm run bench -- --hostile`: builds each hostile shape (hostile-shapes.ts) at full size, each
 * in a process of its own as `npm start` runs it, and prints what refused it, the wall time and
 * the peak resident memory. Figures, not assertions: the tests build the same shapes smaller
 * under a memory ceiling (tests/hostile.test.ts).
 */
import { execFile } from "node:child_process"
import { mkdir, rm, writeFile } from "node:fs/promises"
import { join, resolve } from "node:path"
import { promisify } from "node:util"
import { HOSTILE_SHAPES, type HostileShape } from "./hostile-shapes.ts"

const exec = promisify(execFile)

export interface HostileFigures {
  readonly shape: string
  readonly what: string
  /** The codes of the problems the build refused it with. */
  readonly refused_with: ReadonlyArray<string>
  readonly seconds: number
  readonly peak_rss_mb: number
}

/** Builds each shape under `dir` and returns its figures; throws if one is not refused. */
export const benchHostile = async (
  dir: string,
  scale = 1,
  shapes: ReadonlyArray<HostileShape> = HOSTILE_SHAPES,
): Promise<HostileFigures[]> => {
  const figures: HostileFigures[] = []
  for (const shape of shapes) {
    const raw = join(resolve(dir), shape.name, "raw")
    await rm(join(raw, ".."), { recursive: true, force: true })
    process.stderr.write(`${shape.name}: writing ${shape.what}\n`)
    await shape.write(raw, scale)
    const started = performance.now()
    const child = await exec(
      process.execPath,
      [resolve("pipeline/bench/build-child.mjs"), raw, join(raw, "..", "dist")],
      { maxBuffer: 1 << 24 },
    ).catch((e: { stdout: string }) => e)
    const seconds = (performance.now() - started) / 1000
    const build = JSON.parse(child.stdout.trim().split("\n").pop()!) as {
      ok: boolean
      peak_rss_mb: number
      codes: string[]
    }
    if (build.ok || build.codes.length === 0) throw new Error(`${shape.name} was not refused: ${child.stdout}`)
    figures.push({
      shape: shape.name,
      what: shape.what,
      refused_with: build.codes,
      seconds: Math.round(seconds * 100) / 100,
      peak_rss_mb: Math.round(build.peak_rss_mb),
    })
    await rm(join(raw, ".."), { recursive: true, force: true })
  }
  await mkdir(dir, { recursive: true })
  await writeFile(join(dir, "hostile-report.json"), `${JSON.stringify(figures, null, 2)}\n`)
  return figures
}
