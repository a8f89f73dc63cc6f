/** The command runs the pipeline bundled into one module, named by the hash of its sources. */
import { existsSync } from "node:fs"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
// @ts-expect-error: a plain JavaScript module of the bin folder, without type declarations
import { loadPipeline, sourcesKey } from "../bin/load-pipeline.mjs"

describe("the bundled pipeline", () => {
  it("exports the command line and the build, from a bundle named by its sources' hash", async () => {
    const pipeline = (await loadPipeline()) as Record<string, unknown>
    expect(typeof pipeline["main"]).toBe("function")
    expect(typeof pipeline["run"]).toBe("function")
    const key = (await sourcesKey()) as string
    expect(key).toMatch(/^[0-9a-f]{20}$/)
    expect(await sourcesKey()).toBe(key)
    expect(existsSync(join(".cache", "pipeline", "bundles", `pipeline-${key}.mjs`))).toBe(true)
  })

  it("answers --help as the sources do", async () => {
    const pipeline = (await loadPipeline()) as { main: (argv: string[]) => Promise<number> }
    const { USAGE } = await import("../pipeline/cli/main.ts")
    const written: string[] = []
    const write = process.stdout.write.bind(process.stdout)
    process.stdout.write = ((chunk: string) => written.push(chunk) > 0) as typeof process.stdout.write
    try {
      expect(await pipeline.main(["--help"])).toBe(0)
    } finally {
      process.stdout.write = write
    }
    expect(written.join("")).toBe(`${USAGE["main"]}\n`)
  })
})
