/** A build with nothing changed is skipped, fast, and leaves the release as it is. */
import { execFile } from "node:child_process"
import { rm, writeFile } from "node:fs/promises"
import { join, resolve } from "node:path"
import { promisify } from "node:util"
import { afterAll, describe, expect, it } from "vitest"
import { editDelivery } from "./support/raw-copy.ts"
import { fixtureRelease } from "./support/release-fixture.ts"
import { tempDir } from "./support/run-build.ts"
import { treeHashes } from "./support/tree.ts"

const exec = promisify(execFile)
const start = (raw: string, out: string) =>
  exec(process.execPath, [
    resolve("bin", "pipeline.mjs"),
    "--raw",
    raw,
    "--out",
    out,
    "--report",
    join(out, "..", "report.json"),
  ])

describe("a second build with nothing changed", () => {
  let work: string
  afterAll(() => rm(work, { recursive: true, force: true }))

  it("is skipped, says why, and touches nothing; any change of content builds again", async () => {
    work = await tempDir("no-change")
    const { raw, out } = await fixtureRelease(work)
    const first = await start(raw, out)
    expect(first.stderr).toContain("release built")
    const built = await treeHashes(out)

    const second = await start(raw, out)
    expect(second.stderr).toMatch(/^skipped: .*hash to [0-9a-f]{12}.* left as it is \(\d+\.\d\d s\)$/m)
    expect(await treeHashes(out)).toEqual(built)

    // A changed release is rebuilt, not trusted.
    await writeFile(join(out, "data", "counties.csv"), "tampered\n")
    expect((await start(raw, out)).stderr).toContain("release built")
    expect(await treeHashes(out)).toEqual(built)

    // A changed delivery is looked at again: here a published one, refused as the history's.
    await editDelivery(raw, "4k/kommuner.csv", "4k,2404,", "4k,2404x,", true)
    const changed = await start(raw, out).catch((e: { stderr: string; code: number }) => e)
    expect(changed.stderr).not.toContain("skipped")
    expect(changed.stderr).toContain("manifest/published")
  })
})
