/** Parses and checks the manifest: its shape, and that it agrees with the dataset definitions. */
import type { DatasetDefinition } from "../../schemas/dataset.ts"
import { DEFAULT_CAP } from "../problems/collector.ts"
import type { Problem } from "../problems/problem.ts"
import { problem } from "../problems/problem.ts"
import { decoderOf, documentProblems, parseDocument } from "../problems/schema-issues.ts"
import { type JsonNode, locate, toPlain } from "../shared/json-text.ts"
import { MAX_DELIVERIES } from "../shared/limits.ts"
import type { ManifestEntry } from "../contract/manifest-schema.ts"
import {
  Delivery as DeliverySchema,
  Manifest as ManifestSchema,
  SourceDelivery as SourceDeliverySchema,
} from "../contract/manifest-schema.ts"
import { deliveriesOfSource, type PlannedDelivery, type SourceDeclaration } from "../contract/source-declaration.ts"
import { inWideColumns, wideColumnsPattern, widePatternFinding } from "./check-layout.ts"
import { type CoveredShare, sharePlanner } from "./coverage.ts"
import { deliveryTimeline, type Standing } from "./delivery-timeline.ts"
import { entryFindings } from "./entry-findings.ts"
import { plannedFindings } from "./planned-findings.ts"
import { readingOf } from "./reading.ts"
import type { DeclaredDelivery } from "./declared-delivery.ts"

/**
 * The manifest as the build uses it: the deliveries whose rows are read (the current ones, and
 * superseded ones that newer deliveries may not cover whole), every entry naming a source
 * expanded into its deliveries; the superseded ones' shares with what may cover them; and every
 * declared delivery, current or not, as history.
 */
export interface LoadedManifest {
  readonly deliveries: ReadonlyArray<PlannedDelivery>
  readonly covered: ReadonlyArray<CoveredShare>
  readonly history: ReadonlyArray<DeclaredDelivery>
  /** Where a path of the manifest (["deliveries", 3, "sha256"]) stands in its text. */
  readonly place: (path: ReadonlyArray<PropertyKey>) => { line: number; column: number }
}

export type ManifestResult =
  | { readonly manifest: LoadedManifest; readonly problems: [] }
  | {
      readonly manifest: undefined
      readonly problems: Problem[]
      /** Problems found past the cap of those listed, counted, not built. */
      readonly unlisted?: number
    }

const decodeRoot = decoderOf(ManifestSchema)
const decodeDelivery = decoderOf(DeliverySchema)
const decodeSourceDelivery = decoderOf(SourceDeliverySchema)

/**
 * Each entry decoded by its kind (a delivery, or a source's snapshot), or its problems: listed up
 * to the cap and the rest counted, as a manifest of a million faults is not a million problems.
 */
const decodeEntries = (deliveries: ReadonlyArray<unknown>, root: JsonNode, file: string) => {
  const entries: ManifestEntry[] = []
  const shapeProblems: Problem[] = []
  let unlisted = 0
  for (const [i, entry] of deliveries.entries()) {
    const namesSource = typeof entry === "object" && entry !== null && "source" in entry
    const result = namesSource ? decodeSourceDelivery(entry) : decodeDelivery(entry)
    // A wide layout's columns given as a pattern, as the manifest once took them: said once, with what to write.
    const pattern = namesSource ? undefined : wideColumnsPattern(entry)
    if (pattern !== undefined) {
      const { path, message } = widePatternFinding(pattern)
      shapeProblems.push(
        problem({ code: "manifest/invalid", file, ...locate(root, ["deliveries", i, ...path]), message }),
      )
    } else if (result.ok) {
      entries.push(result.value)
      continue
    }
    const findings = result.ok ? [] : result.findings.filter((f) => pattern === undefined || !inWideColumns(f.path))
    const listed = findings.slice(0, Math.max(0, DEFAULT_CAP - shapeProblems.length))
    const where = {
      code: "manifest/invalid" as const,
      file,
      prefix: ["deliveries", i],
      locate: (path: ReadonlyArray<PropertyKey>) => locate(root, path),
    }
    for (const p of documentProblems(listed, where)) shapeProblems.push(p)
    unlisted += findings.length - listed.length
  }
  return { entries, shapeProblems, unlisted }
}

/** Pure: the manifest text in, the manifest or every problem found out. */
export const parseManifest = (
  text: string,
  file: string,
  datasets: ReadonlyArray<DatasetDefinition>,
  /** The sources the repository declares by name (pipeline/sources). */
  sources: ReadonlyMap<string, SourceDeclaration>,
  /** The day the manifest is read: nothing can have been received after it. */
  today: string = new Date().toISOString().slice(0, 10),
): ManifestResult => {
  const parsed = parseDocument(text, { code: "manifest/invalid", file, what: "the manifest" })
  if (!parsed.ok) return { manifest: undefined, problems: [parsed.problem] }
  const { root } = parsed
  const where = (prefix: ReadonlyArray<PropertyKey>) => ({
    code: "manifest/invalid" as const,
    file,
    prefix,
    locate: (path: ReadonlyArray<PropertyKey>) => locate(root, path),
  })
  const top = decodeRoot(toPlain(root))
  if (!top.ok) return { manifest: undefined, problems: documentProblems(top.findings, where([])) }
  const { deliveries } = top.value
  if (deliveries.length > MAX_DELIVERIES)
    return {
      manifest: undefined,
      problems: [
        problem({
          code: "manifest/too-many-deliveries",
          file,
          ...locate(root, ["deliveries"]),
          value: String(deliveries.length),
          message: `the manifest declares ${deliveries.length} deliveries, more than the ${MAX_DELIVERIES} it may`,
        }),
      ],
    }
  const { entries, shapeProblems, unlisted } = decodeEntries(deliveries, root, file)
  if (shapeProblems.length + unlisted > 0) return { manifest: undefined, problems: shapeProblems, unlisted }
  const problems: Problem[] = []
  const at = (path: ReadonlyArray<PropertyKey>, message: string, code: Problem["code"] = "manifest/invalid") =>
    problems.push(problem({ code, file, ...locate(root, path), message }))
  const timeline = deliveryTimeline(
    entries.map((entry, index) => ({
      index,
      file: entry.file,
      source: "source" in entry ? entry.source : undefined,
      received: entry.received,
      replaces: entry.replaces ?? [],
      withdrawn: entry.withdrawn,
    })),
  )
  for (const p of timeline.problems) at(p.path, p.message, p.code)
  const { plan, planned, covered } = sharePlanner(entries, sources, datasets)
  const seen = new Set<string>()
  const history: DeclaredDelivery[] = []
  const context: EntryContext = { at, root, standing: timeline.standing, plan, seen, history, datasets, sources, today }
  for (const [i, entry] of entries.entries()) declareEntry(entry, i, context)
  for (const [i, d] of planned) {
    for (const f of plannedFindings(d, datasets)) at(["deliveries", i, ...f.path], f.message)
  }
  return problems.length > 0
    ? { manifest: undefined, problems }
    : {
        manifest: { deliveries: planned.map(([, d]) => d), covered, history, place: (p) => locate(root, p) },
        problems: [],
      }
}

/** What checking and declaring one entry of the manifest reads and adds to. */
interface EntryContext {
  readonly at: (path: ReadonlyArray<PropertyKey>, message: string, code?: Problem["code"]) => void
  readonly root: JsonNode
  readonly standing: ReadonlyMap<string, Standing>
  readonly plan: ReturnType<typeof sharePlanner>["plan"]
  /** The files declared so far. */
  readonly seen: Set<string>
  /** Every entry declared so far, as history. */
  readonly history: DeclaredDelivery[]
  readonly datasets: ReadonlyArray<DatasetDefinition>
  readonly sources: ReadonlyMap<string, SourceDeclaration>
  readonly today: string
}

/**
 * One entry: its file and dates checked, its standing, declared as history (a source's snapshot
 * with what the source declares of itself), and planned for reading where it is read.
 */
const declareEntry = (entry: ManifestEntry, i: number, c: EntryContext): void => {
  const { at, root, plan, seen, history, datasets, sources, today } = c
  if (seen.has(entry.file)) at(["deliveries", i, "file"], `${entry.file} is declared twice`)
  if (entry.file.split("/").some((part) => part === ".." || part === "." || part === ""))
    at(
      ["deliveries", i, "file"],
      `${JSON.stringify(entry.file)} must name a file inside raw/, without "..", "." or empty parts`,
    )
  seen.add(entry.file)
  if (entry.received > today)
    at(
      ["deliveries", i, "received"],
      `received ${entry.received} is after today (${today}): a delivery cannot have been received in the future`,
    )
  const standing = c.standing.get(entry.file)!
  const line = locate(root, ["deliveries", i]).line
  const declared = {
    ...standing,
    index: i,
    file: entry.file,
    received: entry.received,
    asOf: entry.asOf,
    retrieved: entry.retrieved,
    erased: entry.erased,
    sha256: entry.sha256.toLowerCase(),
    ...{ reading: readingOf(entry), replaces: entry.replaces ?? [], onBehalf: entry.onBehalf },
    line,
  }
  for (const f of entryFindings(entry, datasets, sources)) at(["deliveries", i, ...f.path], f.message)
  if (entry.erased !== undefined && standing.state === "current")
    at(
      ["deliveries", i, "erased"],
      `${entry.file} is erased but still current: only a delivery no longer published may be erased; let a correction replace it, or withdraw it, first`,
      "manifest/erased",
    )
  if (!("source" in entry)) {
    if (entry.kind === "transcribed" && entry.documents === undefined) {
      at(
        ["deliveries", i, "kind"],
        `a transcribed delivery names the documents it was transcribed from: "documents": [{ "title": "…", "url": "…" }]`,
      )
    }
    history.push({
      ...declared,
      kind: entry.kind,
      documents: entry.documents ?? [],
      source: undefined,
      sourceTitle: undefined,
      origin: undefined,
      via: undefined,
      datasets: [entry.dataset],
      format: entry.format,
      publisher: entry.publisher,
      licence: entry.licence,
      rights: entry.rights,
      description: entry.description,
    })
    plan(i, entry, standing, entry)
    return
  }
  const source = sources.get(entry.source)
  if (source === undefined) {
    at(
      ["deliveries", i, "source"],
      `unknown source ${JSON.stringify(entry.source)}; the repository declares ${[...sources.keys()].join(", ") || "none"}`,
    )
    return
  }
  history.push({
    ...declared,
    kind: "snapshot",
    documents: [],
    source: source.name,
    sourceTitle: source.title,
    origin: source.origin,
    via: entry.via,
    format: source.format,
    datasets: source.feeds.map((f) => f.dataset),
    publisher: source.publisher,
    licence: source.licence,
    rights: source.rights,
    description: entry.description ?? source.description,
  })
  // Withdrawn deliveries, and what newer ones cover whole, are history: not read, so not checked against today's definitions.
  for (const d of deliveriesOfSource(source, entry)) plan(i, entry, standing, d)
}
