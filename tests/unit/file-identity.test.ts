/**
 * A file's identity from its metadata: kept while the file is left alone, lost when it is
 * written to, even with the same size and its modification time set back, and not recorded
 * while its last change is too recent to tell from one made within the same clock tick.
 */
import { mkdtemp, rm, stat, utimes, writeFile } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { hasIdentity, identityOf, settledIdentityOf } from "../../pipeline/incremental/file-identity.ts"

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms))

describe("file identity", () => {
  let dir: string
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "identity-"))
  })
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it("is kept while the file is left alone and read", async () => {
    const path = join(dir, "kept.csv")
    await writeFile(path, "a,b\n1,2\n")
    const recorded = await identityOf(path)
    await stat(path)
    expect(await hasIdentity(path, recorded)).toBe(true)
    expect(await hasIdentity(path, undefined)).toBe(false)
    expect(await hasIdentity(join(dir, "none.csv"), recorded)).toBe(false)
  })

  it("is lost when the file is written, though its size and modification time are put back", async () => {
    const path = join(dir, "edited.csv")
    // A modification time in whole seconds, which utimes can set back exactly.
    const then = 1_700_000_000
    await writeFile(path, "a,b\n1,2\n")
    await utimes(path, then, then)
    const recorded = (await identityOf(path))!
    await pause(50)
    await writeFile(path, "a,b\n1,3\n")
    await utimes(path, then, then)
    const now = (await identityOf(path))!
    expect(now.size).toBe(recorded.size)
    expect(now.mtimeNs).toBe(recorded.mtimeNs)
    expect(await hasIdentity(path, recorded)).toBe(false)
  })

  it("is lost when the file is replaced by another of the same name", async () => {
    const path = join(dir, "replaced.csv")
    await writeFile(path, "x\n")
    const recorded = await identityOf(path)
    await rm(path)
    await writeFile(path, "x\n")
    expect(await hasIdentity(path, recorded)).toBe(false)
  })

  it("is recorded only once the file's last change is more than a clock tick back", async () => {
    const path = join(dir, "settled.csv")
    await writeFile(path, "x\n")
    const changed = BigInt((await identityOf(path))!.ctimeNs)
    expect(await settledIdentityOf(path, changed + 10_000_000n)).toBeUndefined()
    expect(await settledIdentityOf(path, changed + 1_000_000_000n)).toEqual(await identityOf(path))
    expect(await settledIdentityOf(join(dir, "none.csv"))).toBeUndefined()
  })
})
