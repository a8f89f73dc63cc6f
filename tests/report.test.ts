/** All problems are counted; only the first --max-errors are listed, and the report says so. */
import { cp, rm } from "node:fs/promises"
import { join } from "node:path"
import { afterAll, describe, expect, it } from "vitest"
import { run } from "../pipeline/run/run.ts"
import { editDelivery } from "./support/raw-copy.ts"
import { tempDir } from "./support/run-build.ts"

describe("the problem cap", () => {
  let work: string
  afterAll(() => rm(work, { recursive: true, force: true }))

  it.each([false, true])("lists the first problems, counts them all (tokenizer only: %s)", async (tokenizerOnly) => {
    work = await tempDir("cap")
    const raw = join(work, "raw")
    await cp(join("tests", "cases", "good-small", "raw"), raw, { recursive: true })
    await editDelivery(raw, "pop.csv", "2 516", "x", false)
    await editDelivery(raw, "pop.csv", "8 357", "y", false)
    await editDelivery(raw, "pop2009.csv", "2 500", "z", true)
    await editDelivery(raw, "pop.csv", "..", "w", true)
    const all = await run({ command: "validate", rawDir: raw, outDir: join(work, "dist"), tokenizerOnly })
    expect(all.report).toMatchObject({ valid: false, errors: 4, partial: false })
    const capped = await run({ command: "validate", rawDir: raw, outDir: join(work, "dist"), cap: 2, tokenizerOnly })
    expect(capped.problems).toHaveLength(2)
    expect(capped.report).toMatchObject({ valid: false, errors: 4, partial: true })
  })
})
