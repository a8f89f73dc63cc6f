/**
 * The build lock: a dead run's lock is taken over by exactly one run, however many arrive at
 * once, and a run that is dead but not yet reaped (a zombie) counts as dead.
 */
import { spawn, type ChildProcess } from "node:child_process"
import { existsSync, readFileSync } from "node:fs"
import { mkdir, readdir, rm, writeFile } from "node:fs/promises"
import { hostname } from "node:os"
import { dirname, join, resolve } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { acquireLock, isAlive, LockedError, lockPath, procState, type Lock } from "../pipeline/swap/lock.ts"
import { tempDir } from "./support/run-build.ts"

/** A process id no process has (above the kernel's largest, 2^22). */
const DEAD = 2 ** 22 + 12345

const staleLock = (out: string, pid = DEAD) => writeFile(lockPath(out), JSON.stringify({ pid, host: hostname() }))

/** Who of several runs taking the same lock at once got it, and who was refused. */
const race = async (takers: Array<Promise<Lock>>) => {
  const settled = await Promise.allSettled(takers)
  const held = settled.flatMap((s) => (s.status === "fulfilled" ? [s.value] : []))
  const refused = settled.flatMap((s) => (s.status === "rejected" ? [s.reason as unknown] : []))
  return { held, refused }
}

describe("taking over a dead run's lock", () => {
  let work: string
  beforeAll(async () => {
    work = await tempDir("lock")
  })
  afterAll(() => rm(work, { recursive: true, force: true }))

  it("gives the lock to exactly one of several runs that take it over at the same moment", async () => {
    for (let round = 0; round < 40; round++) {
      const out = join(work, `race-${round}`, "dist")
      await mkdir(join(out, ".."), { recursive: true })
      await staleLock(out)
      const { held, refused } = await race(Array.from({ length: 6 }, () => acquireLock(out)))
      expect(held, `round ${round}`).toHaveLength(1)
      expect(refused, `round ${round}`).toHaveLength(5)
      for (const e of refused) expect(e).toBeInstanceOf(LockedError)
      // The lock is the winner's, and nothing else is left beside the release folder.
      await held[0]!.release()
      expect(await readdir(join(out, ".."))).toEqual([])
    }
  })

  it("gives it to exactly one of several processes that take it over at the same moment", async () => {
    const out = join(work, "processes", "dist")
    await mkdir(join(out, ".."), { recursive: true })
    for (let round = 0; round < 5; round++) {
      await staleLock(out)
      const said = await takeInChildren(out, 5)
      expect(
        said.filter((s) => s === "held"),
        `round ${round}: ${said.join(", ")}`,
      ).toHaveLength(1)
      expect(
        said.filter((s) => s === "refused"),
        `round ${round}: ${said.join(", ")}`,
      ).toHaveLength(4)
      expect(existsSync(lockPath(out))).toBe(false)
    }
  })

  it("takes over the lock of a zombie: a run that ended and was not reaped", async () => {
    if (!existsSync("/proc/self/stat")) return // no /proc: process.kill(pid, 0) alone decides
    const zombie = await makeZombie()
    try {
      // The old check: the zombie still answers signal 0.
      expect(() => process.kill(zombie.pid, 0)).not.toThrow()
      expect(isAlive(zombie.pid)).toBe(false)
      const out = join(work, "zombie", "dist")
      await mkdir(join(out, ".."), { recursive: true })
      await staleLock(out, zombie.pid)
      const lock = await acquireLock(out)
      expect(lock.tookOverFrom).toBe(zombie.pid)
      await lock.release()
    } finally {
      zombie.parent.kill("SIGKILL")
    }
  })

  it("still refuses while the holder lives", async () => {
    const out = join(work, "alive", "dist")
    await mkdir(join(out, ".."), { recursive: true })
    await staleLock(out, process.pid)
    expect(isAlive(process.pid)).toBe(true)
    await expect(acquireLock(out)).rejects.toThrow(/another build \(process \d+\) is writing/)
  })
})

describe("procState", () => {
  it("reads the state after the command name, which may hold spaces and parentheses", () => {
    expect(procState("4242 (node) S 1 4242 4242 0 -1 4194560")).toBe("S")
    expect(procState("4243 (sleep) Z 4242 4242 4242 0 -1 4227084")).toBe("Z")
    expect(procState("4244 (a) (b) c) X 1 2 3")).toBe("X")
    expect(procState("")).toBeUndefined()
  })
})

/**
 * A process that has exited but whose parent does not wait for it: sh starts it in the
 * background, says its id and replaces itself with sleep, which never reaps a child; the
 * child ends a moment later, under sleep.
 */
const makeZombie = () =>
  new Promise<{ pid: number; parent: ChildProcess }>((done, fail) => {
    const parent = spawn("sh", ["-c", "sleep 0.2 & echo $!; exec sleep 60"], { stdio: ["ignore", "pipe", "inherit"] })
    parent.on("error", fail)
    parent.stdout!.once("data", async (chunk: Buffer) => {
      const pid = Number(chunk.toString().trim())
      const state = () => procState(readFileSync(`/proc/${pid}/stat`, "utf8"))
      for (let i = 0; i < 500 && state() !== "Z"; i++) await new Promise((r) => setTimeout(r, 10))
      if (state() === "Z") done({ pid, parent })
      else fail(new Error(`process ${pid} did not become a zombie`))
    })
  })

/**
 * `n` processes that each take the lock at the same moment (when told to go, once all have
 * started), hold it until told to stop, and say "held" or "refused".
 */
const takeInChildren = async (out: string, n: number): Promise<string[]> => {
  const script = join(dirname(dirname(out)), "take-lock.mjs")
  await writeFile(
    script,
    `import { createInterface } from "node:readline"
const { acquireLock, LockedError } = await import(${JSON.stringify(resolve("pipeline/swap/lock.ts"))})
const lines = createInterface({ input: process.stdin })[Symbol.asyncIterator]()
process.stdout.write("ready\\n")
await lines.next()
let lock
try {
  lock = await acquireLock(${JSON.stringify(out)})
  process.stdout.write("held\\n")
} catch (e) {
  process.stdout.write(e instanceof LockedError ? "refused\\n" : "failed: " + e.message + "\\n")
}
await lines.next()
await lock?.release()
`,
  )
  const children = Array.from({ length: n }, () =>
    spawn(process.execPath, ["--import", "tsx", script], { stdio: ["pipe", "pipe", "inherit"] }),
  )
  const lines = children.map((c) => {
    const queue: string[] = []
    const waiting: Array<(line: string) => void> = []
    let rest = ""
    c.stdout!.on("data", (chunk: Buffer) => {
      rest += chunk.toString()
      for (let at = rest.indexOf("\n"); at >= 0; at = rest.indexOf("\n")) {
        const line = rest.slice(0, at)
        rest = rest.slice(at + 1)
        const w = waiting.shift()
        if (w === undefined) queue.push(line)
        else w(line)
      }
    })
    return () => new Promise<string>((r) => (queue.length > 0 ? r(queue.shift()!) : waiting.push(r)))
  })
  expect(await Promise.all(lines.map((next) => next()))).toEqual(children.map(() => "ready"))
  for (const c of children) c.stdin!.write("go\n")
  const said = await Promise.all(lines.map((next) => next()))
  // Each holds on until all have answered; then they let go and end.
  for (const c of children) c.stdin!.end("stop\n")
  await Promise.all(children.map((c) => new Promise((r) => c.on("exit", r))))
  return said
}
