/**
 * One build at a time per release folder: a lock file beside it, created exclusively, holding
 * the owner's process id. A second build refuses while the owner lives; a lock whose owner is
 * gone (a killed run) is taken over, so it never blocks for good.
 */
import { randomUUID } from "node:crypto"
import { readFileSync } from "node:fs"
import { readdir, readFile, rm, writeFile } from "node:fs/promises"
import { hostname } from "node:os"
import { basename, dirname, join } from "node:path"

export const lockPath = (out: string) => join(dirname(out), `.${basename(out)}.lock`)

export class LockedError extends Error {}

/**
 * The state letter of a /proc/<pid>/stat line. It follows the command name in parentheses,
 * which may itself hold spaces and parentheses: so it is read after the last ")".
 */
export const procState = (stat: string): string | undefined => {
  const end = stat.lastIndexOf(")")
  return end < 0 ? undefined : /^ (\S)/.exec(stat.slice(end + 1))?.[1]
}

/** Z: a zombie (it has ended, its parent has not yet reaped it); X, x: dead. Neither runs. */
const ENDED_STATES = new Set(["Z", "X", "x"])

/**
 * Whether a process of this machine still runs. Signal 0 says whether the process id exists,
 * but a zombie has one too: a killed build whose parent has not reaped it holds nothing. So on
 * Linux its state in /proc decides; where there is no /proc, signal 0 alone.
 */
export const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0)
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "EPERM") return false
  }
  let stat: string
  try {
    stat = readFileSync(`/proc/${pid}/stat`, "utf8")
  } catch {
    // No /proc (macOS, Windows), or the process ended this instant: signal 0's answer stands.
    return true
  }
  const state = procState(stat)
  return state === undefined || !ENDED_STATES.has(state)
}

export interface Lock {
  /** Said when a dead run's lock was taken over. */
  readonly tookOverFrom: number | undefined
  release(): Promise<void>
}

interface Holder {
  readonly pid?: number
  readonly host?: string
}

/** A lock file as read: its exact text (what a takeover compares) and who it names. */
interface Seen {
  readonly text: string
  readonly holder: Holder
}

/** Taken (perhaps from a dead run), or held by a live one: plain data, the caller words it. */
type Taking =
  | { readonly taken: true; readonly tookOverFrom: number | undefined }
  | { readonly taken: false; readonly holder: Holder }

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** Creates `path` holding `text` unless it exists: the one atomic step every lock rests on. */
const createExclusive = async (path: string, text: string): Promise<boolean> => {
  try {
    await writeFile(path, text, { flag: "wx" })
    return true
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "EEXIST") return false
    throw e
  }
}

/** The lock file as it is now, or undefined when there is none. */
const readLock = async (path: string): Promise<Seen | undefined> => {
  const read = () =>
    readFile(path, "utf8").catch((e: NodeJS.ErrnoException) => (e.code === "ENOENT" ? undefined : Promise.reject(e)))
  const parse = (text: string): Holder | undefined => {
    try {
      const value: unknown = JSON.parse(text)
      return typeof value === "object" && value !== null ? (value as Holder) : undefined
    } catch {
      return undefined
    }
  }
  const text = await read()
  if (text === undefined) return undefined
  const holder = parse(text)
  if (holder !== undefined) return { text, holder }
  // A lock being written this instant, or a torn one from a killed run: look again.
  await pause(50)
  const again = await read()
  return again === undefined ? undefined : { text: again, holder: parse(again) ?? {} }
}

/** A holder on another machine cannot be looked at: it counts as alive. */
const holds = (holder: Holder): boolean =>
  holder.pid !== undefined && (holder.host !== hostname() || isAlive(holder.pid))

/** Removes `path` if it still holds `text`: only our own lock is removed. */
const removeIfStill = async (path: string, text: string) => {
  if ((await readFile(path, "utf8").catch(() => "")) === text) await rm(path, { force: true })
}

/** The file that lets one run at a time take over a lock from its dead holder. */
const takeoverPath = (path: string, holder: Holder) => `${path}.takeover-${holder.pid ?? "unknown"}`

/**
 * Creates the lock file `path` holding `mine`, taking it over when its holder is dead.
 *
 * Removing a dead run's lock and creating one's own are two steps, and between them another
 * run may have done the same: a run that read the dead lock a moment earlier would then
 * remove the new lock and create its own, and both would proceed. So a takeover happens
 * under a second lock, `<lock>.takeover-<dead pid>`, itself taken the same way: of the runs
 * that find the same dead lock, one creates it; that one removes the lock only if it still
 * holds exactly the text it judged dead (every lock's text is unique), and then creates its
 * own like anyone else, exclusively. The others look again and find a live holder.
 */
const takeLock = async (path: string, mine: string): Promise<Taking> => {
  let tookOverFrom: number | undefined
  for (let attempt = 0; attempt < 50; attempt++) {
    if (await createExclusive(path, mine)) return { taken: true, tookOverFrom }
    const seen = await readLock(path)
    if (seen === undefined) continue // removed meanwhile: try again
    if (holds(seen.holder)) return { taken: false, holder: seen.holder }
    // Whichever run removes it, the lock this run gets next is the dead run's, taken over.
    tookOverFrom = seen.holder.pid
    const takeover = takeoverPath(path, seen.holder)
    if (!(await takeLock(takeover, mine)).taken) {
      // Another run is taking this lock over right now: it will hold it in a moment.
      await pause(10)
      continue
    }
    try {
      if ((await readFile(path, "utf8").catch(() => undefined)) === seen.text) await rm(path, { force: true })
    } finally {
      await removeIfStill(takeover, mine)
    }
  }
  return { taken: false, holder: {} }
}

/**
 * Removes what killed takeovers left beside the lock. Harmless to any run still busy with
 * one: under our lock, none can find the lock it judged dead, so none removes anything.
 */
const removeTakeovers = async (path: string) => {
  const prefix = `${basename(path)}.takeover-`
  for (const name of (await readdir(dirname(path))).filter((n) => n.startsWith(prefix)))
    await rm(join(dirname(path), name), { force: true })
}

export const acquireLock = async (out: string): Promise<Lock> => {
  const path = lockPath(out)
  // The token makes each lock's text unique, even for runs with the same process id (containers).
  const mine = JSON.stringify({ pid: process.pid, host: hostname(), token: randomUUID() })
  const taking = await takeLock(path, mine)
  if (!taking.taken) {
    const { pid, host } = taking.holder
    if (pid === undefined) throw new LockedError(`could not take the lock ${path}: other builds keep taking it`)
    throw new LockedError(
      `another build (process ${pid}${host === hostname() ? "" : ` on ${host}`}) is writing ${out}; nothing was done: run again when it has ended (its lock: ${path})`,
    )
  }
  await removeTakeovers(path)
  return { tookOverFrom: taking.tookOverFrom, release: () => removeIfStill(path, mine) }
}
