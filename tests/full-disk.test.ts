/**
 * A disk that fills up while the release is written: the build ends with exit 1 and a clear
 * message, the published release is byte for byte as it was, and nothing is left beside it.
 * It needs a small tmpfs, which only a machine that lets the tests mount one provides.
 */
import { execFile } from "node:child_process"
import { mkdir, readdir, rm, stat } from "node:fs/promises"
import { join } from "node:path"
import { promisify } from "node:util"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { correctDelivery } from "./support/raw-copy.ts"
import { copyRelease, fixtureRelease } from "./support/release-fixture.ts"
import { tempDir } from "./support/run-build.ts"
import { pipeline } from "./support/run-cli.ts"
import { treeHashes } from "./support/tree.ts"

const exec = promisify(execFile)

/** Mounts a tmpfs of `kb` kilobytes, or says why it cannot. */
const mountTmpfs = async (dir: string, kb: number): Promise<string | undefined> => {
  try {
    await exec("mount", ["-t", "tmpfs", "-o", `size=${kb}k`, "tmpfs", dir])
    return undefined
  } catch (e) {
    return (e as { stderr?: string }).stderr?.trim() || (e as Error).message
  }
}

const work = await tempDir("full-disk")
const disk = join(work, "disk")
await mkdir(disk)
/** The bytes of the files under a folder. */
const bytesUnder = async (dir: string) => {
  let total = 0
  for (const e of await readdir(dir, { recursive: true, withFileTypes: true }))
    if (e.isFile()) total += (await stat(join(e.parentPath, e.name))).size
  return total
}
// A published release and its raw/, built beside the disk; room for them and half a release more
// on it: a second release does not fit.
const release = await fixtureRelease(join(work, "release"))
const [rawBytes, distBytes] = [await bytesUnder(release.raw), await bytesUnder(release.out)]
const refused = await mountTmpfs(disk, Math.ceil((rawBytes + 1.5 * distBytes) / 1024) + 64)
if (refused !== undefined) console.warn(`skipping the full-disk test: cannot mount a tmpfs here (${refused})`)

describe.skipIf(refused !== undefined)("a full disk", () => {
  let raw: string
  let out: string
  beforeAll(async () => {
    ;({ raw, out } = await copyRelease(release, disk))
    // A change, so the build writes a new release.
    await correctDelivery(
      raw,
      "4k/malgrupper.csv",
      "4k,politiker,politiker,politicians",
      "4k,politiker,politiker,politicians and officials",
      "2026-11-30",
    )
  })
  afterAll(async () => {
    await exec("umount", [disk]).catch(() => undefined)
    await rm(work, { recursive: true, force: true })
  })

  it("fails with exit 1 and a clear message, and the old release is intact", async () => {
    const before = await treeHashes(out)
    const { status, stderr } = await pipeline([
      "build",
      "--raw",
      raw,
      "--out",
      out,
      "--report",
      join(work, "report.json"),
    ])
    expect(status).toBe(1)
    expect(stderr).toMatch(
      /no space left on the device while writing the release: nothing was published, and .* is as it was/,
    )
    expect(await treeHashes(out)).toEqual(before)
    expect((await readdir(disk)).sort()).toEqual(["dist", "raw"])
  }, 60_000)
})
