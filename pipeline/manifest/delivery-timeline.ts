/**
 * The life of each delivery the manifest declares. A delivery is `current` (published),
 * `superseded` (a newer snapshot of its source, or a correction that `replaces` it, took its
 * place) or `withdrawn` (its entry says why). Superseded and withdrawn deliveries stay in raw/
 * and in the manifest as history. A newer delivery takes the place only of what it covers
 * (manifest/coverage.ts): once the rows are read, a superseded delivery some of whose rows no
 * newer one covers is `partly superseded`, and those rows stay published. Pure: the entries
 * in, each file's standing and the misuses of `replaces` and `withdrawn` out.
 */

export type DeliveryStatus = "current" | "partly superseded" | "superseded" | "withdrawn"

/** What the timeline needs of a manifest entry. */
export interface TimelineEntry {
  /** The entry's position in the manifest's `deliveries`. */
  readonly index: number
  readonly file: string
  /** The source it is a snapshot of, for an entry that names one. */
  readonly source: string | undefined
  readonly received: string
  readonly replaces: ReadonlyArray<string>
  readonly withdrawn: string | undefined
}

export interface Standing {
  readonly state: DeliveryStatus
  /** The delivery that took this one's place: its correction, or the next snapshot of its source. */
  readonly supersededBy: string | null
  readonly withdrawnReason: string | null
  /**
   * Every later delivery that may cover its rows, nearest first: its correction and the next
   * snapshot of its source, and theirs in turn. Empty unless superseded.
   */
  readonly successors: ReadonlyArray<string>
  /** Of a partly superseded delivery, what is still published, in words; null otherwise. */
  readonly stillPublished: string | null
}

export interface TimelineProblem {
  readonly code: "manifest/replaces" | "manifest/withdrawn"
  /** Where in the manifest, as a path for `locate`. */
  readonly path: ReadonlyArray<string | number>
  readonly message: string
}

/** Snapshots of one source in the order they were received, then by name: the last is the newest. */
export const byReceived = (
  a: { readonly received: string; readonly file: string },
  b: { readonly received: string; readonly file: string },
): number =>
  a.received < b.received ? -1 : a.received > b.received ? 1 : a.file < b.file ? -1 : a.file > b.file ? 1 : 0

export const deliveryTimeline = (
  entries: ReadonlyArray<TimelineEntry>,
): { standing: Map<string, Standing>; problems: TimelineProblem[] } => {
  const problems: TimelineProblem[] = []
  // A file declared twice is reported elsewhere; its first entry is the one that counts.
  const byFile = new Map<string, TimelineEntry>()
  for (const e of entries) if (!byFile.has(e.file)) byFile.set(e.file, e)
  const { replacedBy, edges } = replacements(entries, byFile, problems)
  problems.push(...cycleProblems(edges, byFile))
  for (const entry of entries) {
    const replacer = replacedBy.get(entry.file)
    if (entry.withdrawn !== undefined && replacer !== undefined && byFile.get(entry.file) === entry) {
      problems.push({
        code: "manifest/withdrawn",
        path: ["deliveries", entry.index, "withdrawn"],
        message: `${entry.file} is withdrawn, but ${replacer.file} replaces it, so it is already out of the release: withdraw ${replacer.file} instead, or take ${entry.file} out of its replaces`,
      })
    }
  }
  return { standing: standingOf(byFile, replacedBy), problems }
}

type Edge = { readonly entry: TimelineEntry; readonly j: number; readonly target: string }

/** The replacements that stand: declared files, not the entry's own, each replaced once; the others are problems. */
const replacements = (
  entries: ReadonlyArray<TimelineEntry>,
  byFile: ReadonlyMap<string, TimelineEntry>,
  problems: TimelineProblem[],
) => {
  const replacedBy = new Map<string, TimelineEntry>()
  const edges: Edge[] = []
  for (const entry of entries) {
    entry.replaces.forEach((target, j) => {
      const path = ["deliveries", entry.index, "replaces", j]
      const earlier = replacedBy.get(target)
      if (!byFile.has(target)) {
        problems.push({
          code: "manifest/replaces",
          path,
          message: `${entry.file} replaces ${target}, which the manifest does not declare: name a declared delivery, as its "file" says`,
        })
      } else if (target === entry.file) {
        problems.push({
          code: "manifest/replaces",
          path,
          message: `${entry.file} replaces itself: a correction is a new file that names the delivery it corrects`,
        })
      } else if (earlier !== undefined) {
        problems.push({
          code: "manifest/replaces",
          path,
          message:
            earlier === entry
              ? `${entry.file} names ${target} twice in its replaces`
              : `${target} is replaced twice, by ${earlier.file} and by ${entry.file}: a delivery is replaced once; if ${entry.file} corrects ${earlier.file}, let it replace ${earlier.file} instead`,
        })
      } else {
        replacedBy.set(target, entry)
        edges.push({ entry, j, target })
      }
    })
  }

  return { replacedBy, edges }
}

/** A cycle of replacements (a replaces b, b replaces a), reported once, at the last entry on it. */
const cycleProblems = (edges: ReadonlyArray<Edge>, byFile: ReadonlyMap<string, TimelineEntry>): TimelineProblem[] => {
  const replacesOf = new Map<string, string[]>()
  for (const { entry, target } of edges) replacesOf.set(entry.file, [...(replacesOf.get(entry.file) ?? []), target])
  const reaches = (from: string, to: string): boolean => {
    const seen = new Set<string>()
    const stack = [from]
    while (stack.length > 0) {
      const f = stack.pop()!
      if (f === to) return true
      if (seen.has(f)) continue
      seen.add(f)
      stack.push(...(replacesOf.get(f) ?? []))
    }
    return false
  }
  const cycles = new Map<string, { entry: TimelineEntry; j: number; members: string[] }>()
  for (const { entry, j, target } of edges) {
    if (!reaches(target, entry.file)) continue
    const members = [...byFile.keys()].filter((f) => reaches(f, entry.file) && reaches(entry.file, f)).sort()
    const key = members.join("\n")
    const found = cycles.get(key)
    if (found === undefined || found.entry.index < entry.index) cycles.set(key, { entry, j, members })
  }
  return [...cycles.values()].map(({ entry, j, members }) => ({
    code: "manifest/replaces" as const,
    path: ["deliveries", entry.index, "replaces", j],
    message: `the replacements go round in a cycle (${members.join(", ")}): each delivery replaces one that, in the end, replaces it; a correction replaces only older deliveries`,
  }))
}

/**
 * Where each delivery stands: withdrawn, superseded by the correction that replaces it or by its
 * source's next snapshot (a correction takes precedence), or current.
 */
const standingOf = (
  byFile: ReadonlyMap<string, TimelineEntry>,
  replacedBy: ReadonlyMap<string, TimelineEntry>,
): Map<string, Standing> => {
  const standing = new Map<string, Standing>()
  // A snapshot is superseded by the next one of its source; a correction takes precedence.
  const next = new Map<string, string>()
  const sources = new Map<string, TimelineEntry[]>()
  for (const e of byFile.values())
    if (e.source !== undefined && e.withdrawn === undefined)
      sources.set(e.source, [...(sources.get(e.source) ?? []), e])
  for (const snapshots of sources.values()) {
    const ordered = [...snapshots].sort(
      // Of two filed the same day, the one that replaces the other is the newer, whatever its name.
      (a, b) =>
        a.received !== b.received
          ? byReceived(a, b)
          : b.replaces.includes(a.file)
            ? -1
            : a.replaces.includes(b.file)
              ? 1
              : byReceived(a, b),
    )
    for (const [k, e] of ordered.slice(0, -1).entries()) next.set(e.file, ordered[k + 1]!.file)
  }
  // Breadth first, each once: a cycle is reported above and goes round no further here.
  const successorsOf = (file: string): string[] => {
    const found: string[] = []
    const queue = [file]
    while (queue.length > 0) {
      const f = queue.shift()!
      for (const s of [replacedBy.get(f)?.file, next.get(f)])
        if (s !== undefined && s !== file && !found.includes(s)) {
          found.push(s)
          queue.push(s)
        }
    }
    return found
  }
  const set = (e: TimelineEntry, state: DeliveryStatus, supersededBy: string | null) =>
    standing.set(e.file, {
      state,
      supersededBy,
      withdrawnReason: e.withdrawn ?? null,
      successors: state === "superseded" ? successorsOf(e.file) : [],
      stillPublished: null,
    })
  for (const e of byFile.values()) {
    if (e.withdrawn !== undefined) set(e, "withdrawn", null)
    else if (replacedBy.has(e.file)) set(e, "superseded", replacedBy.get(e.file)!.file)
    else if (next.has(e.file)) set(e, "superseded", next.get(e.file)!)
    else set(e, "current", null)
  }
  return standing
}
