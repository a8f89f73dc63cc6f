/**
 * Unattended runs must survive anything: a build killed with SIGKILL at random moments (and
 * in the middle of the swap) leaves the old or the new release, whole; the next run cleans up
 * and succeeds. Two builds at once never interleave; a dead run's lock does not block.
 */
import { spawn } from "node:child_process"
import { existsSync } from "node:fs"
import { cp, readdir, readFile, rm, writeFile } from "node:fs/promises"
import { hostname } from "node:os"
import { join, resolve } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { lockPath } from "../pipeline/swap/lock.ts"
import { correctDelivery } from "./support/raw-copy.ts"
import { fixtureRelease } from "./support/release-fixture.ts"
import { tempDir } from "./support/run-build.ts"
import { pipeline } from "./support/run-cli.ts"
import { treeHashes } from "./support/tree.ts"

const BIN = resolve("bin", "pipeline.mjs")

/**
 * A build in a child process, killed with SIGKILL after `ms` or as soon as `when` holds
 * (looked at every 10 ms), or left to finish.
 */
const buildKilledAfter = (
  args: string[],
  ms: number | undefined,
  env: Record<string, string> = {},
  when?: () => Promise<boolean>,
) =>
  new Promise<{ killed: boolean; code: number | null }>((done) => {
    const child = spawn(process.execPath, [BIN, "build", ...args], {
      env: { ...process.env, GITHUB_ACTIONS: "", ...env },
      stdio: "ignore",
    })
    const timer = ms === undefined ? undefined : setTimeout(() => child.kill("SIGKILL"), ms)
    const watch =
      when === undefined
        ? undefined
        : setInterval(async () => {
            if (await when()) child.kill("SIGKILL")
          }, 10)
    child.on("exit", (code, signal) => {
      clearTimeout(timer)
      clearInterval(watch)
      done({ killed: signal === "SIGKILL", code })
    })
  })

/** A deterministic sequence of moments, so a failure can be run again as it was. */
const moments = (n: number, from: number, to: number) => {
  let x = 20261126
  return Array.from({ length: n }, () => {
    x = (x * 1103515245 + 12345) % 2 ** 31
    return from + (x % (to - from))
  })
}

const verifies = async (dir: string) => {
  const sums = (await readFile(join(dir, "SHA256SUMS"), "utf8"))
    .trim()
    .split("\n")
    .map((l) => [l.slice(66), l.slice(0, 64)] as const)
  const actual = await treeHashes(dir)
  return sums.every(([f, h]) => actual[f] === h) && Object.keys(actual).length === sums.length + 1
}

describe("a build killed at any moment", () => {
  let work: string
  let raw: string
  let out: string
  let before: Record<string, string>
  let after: Record<string, string>
  let pristine: string
  const args = () => ["--raw", raw, "--out", out, "--report", join(work, "report.json")]
  const leftovers = async () => (await readdir(work)).filter((n) => n.startsWith(".dist."))

  beforeAll(async () => {
    work = await tempDir("crash")
    ;({ raw, out } = await fixtureRelease(work))
    before = await treeHashes(out)
    pristine = join(work, "pristine")
    await cp(out, pristine, { recursive: true })
    await correctDelivery(raw, "reference/lan.csv", "01,Stockholms", "01,Stockholmz", "2026-11-30")
    expect((await buildKilledAfter(args(), undefined)).code).toBe(0)
    after = await treeHashes(out)
    expect(after).not.toEqual(before)
  }, 60_000)
  afterAll(() => rm(work, { recursive: true, force: true }))

  const restoreOld = async () => {
    await rm(out, { recursive: true, force: true })
    await cp(pristine, out, { recursive: true })
  }

  it("leaves the old or the new release, whole, and the next run cleans up and succeeds: 30 kills", async () => {
    const seen = { old: 0, new: 0, aside: 0 }
    for (const ms of moments(30, 150, 2200)) {
      await restoreOld()
      const { killed } = await buildKilledAfter(args(), ms)
      if (existsSync(out)) {
        const state = await treeHashes(out)
        expect([before, after], `killed after ${ms} ms`).toContainEqual(state)
        expect(await verifies(out), `killed after ${ms} ms`).toBe(true)
        if (JSON.stringify(state) === JSON.stringify(before)) seen.old++
        else seen.new++
      } else {
        // Killed between the swap's two renames: the old release waits beside it, whole.
        const aside = (await leftovers()).filter((n) => n.startsWith(".dist.old-"))
        expect(aside, `killed after ${ms} ms`).toHaveLength(1)
        expect(await treeHashes(join(work, aside[0]!))).toEqual(before)
        seen.aside++
      }
      if (!killed) continue
      const next = await pipeline(["build", ...args()])
      expect(next.status, next.stderr).toBe(0)
      expect(await treeHashes(out)).toEqual(after)
      expect(await leftovers()).toEqual([])
      expect(existsSync(lockPath(out))).toBe(false)
    }
    expect(seen.old + seen.new + seen.aside).toBe(30)
    // A limit against a hang, not a measure of speed: 30 builds on a shared 2-core machine.
  }, 480_000)

  it("recovers when killed in the middle of the swap", async () => {
    await restoreOld()
    // The run waits between the two renames; the kill comes once the old release is aside.
    const aside = async () => !existsSync(out) && (await leftovers()).some((n) => n.startsWith(".dist.old-"))
    const { killed } = await buildKilledAfter(args(), undefined, { PIPELINE_SWAP_PAUSE_MS: "10000" }, aside)
    expect(killed).toBe(true)
    expect(existsSync(out)).toBe(false)
    expect((await leftovers()).some((n) => n.startsWith(".dist.old-"))).toBe(true)
    const next = await pipeline(["build", ...args()])
    expect(next.status, next.stderr).toBe(0)
    expect(next.stderr).toContain("cleaned up what an interrupted run left")
    expect(next.stderr).toContain("took over the lock of process")
    expect(await treeHashes(out)).toEqual(after)
    expect(await leftovers()).toEqual([])
  }, 60_000)

  it("refuses a second build while the first runs, and takes over a dead run's lock", async () => {
    await restoreOld()
    const first = buildKilledAfter(args(), undefined, { PIPELINE_SWAP_PAUSE_MS: "3000" })
    // The second starts while the first holds the lock (it waits in its swap).
    while (!existsSync(lockPath(out)) || existsSync(out)) await new Promise((r) => setTimeout(r, 10))
    const second = await pipeline(["build", ...args()])
    expect(second.status).toBe(1)
    expect(second.stderr).toMatch(/release\/locked: another build \(process \d+\) is writing/)
    expect((await first).code).toBe(0)
    expect(await treeHashes(out)).toEqual(after)
    // A lock left by a process that no longer runs.
    await writeFile(lockPath(out), JSON.stringify({ pid: 2 ** 22 + 12345, host: hostname() }))
    await restoreOld()
    const third = await pipeline(["build", ...args()])
    expect(third.status, third.stderr).toBe(0)
    expect(third.stderr).toContain(`took over the lock of process ${2 ** 22 + 12345}`)
    expect(existsSync(lockPath(out))).toBe(false)
  }, 60_000)
})
