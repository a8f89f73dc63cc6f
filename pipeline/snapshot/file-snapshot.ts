/**
 * Files a copy of a source's file into raw/ as a snapshot: `raw/<source>/<date>/<name>`, a
 * sidecar beside it saying where it came from, and a manifest entry naming the source. A file
 * that does not have the source's declared shape is refused before anything is written; a file
 * already filed (the same bytes) is not filed again; nothing is ever overwritten.
 */
import { createHash } from "node:crypto"
import { existsSync } from "node:fs"
import { copyFile, mkdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises"
import { basename, join } from "node:path"
import { MANIFEST_FILE, sidecarOf } from "../contract/raw-layout.ts"
import { sha256File } from "../shared/files.ts"
import { byReceived } from "../manifest/delivery-timeline.ts"
import { resolveDialect } from "../contract/manifest-schema.ts"
import type { Problem, ProblemCode } from "../problems/problem.ts"
import { problem } from "../problems/problem.ts"
import type { SourceDeclaration } from "../contract/source-declaration.ts"
import { jsonText } from "../shared/json.ts"
import { checksumOk, shapeProblems } from "./shape.ts"
import { redactCsv } from "./redact-csv.ts"
import { asOfFromColumn } from "./as-of.ts"
import type { Sidecar } from "../contract/snapshot-sidecar.ts"

export type SnapshotResult =
  | { readonly kind: "stored"; readonly file: string }
  | { readonly kind: "unchanged"; readonly file: string }
  | { readonly kind: "refused"; readonly problems: ReadonlyArray<Problem> }

type ManifestJson = { deliveries: Array<Record<string, unknown>> }

/** Writes a file by renaming a finished copy into place, so a reader never sees half of it. */
const writeAtomically = async (path: string, text: string) => {
  const temporary = `${path}.${process.pid}.tmp`
  await writeFile(temporary, text)
  await rename(temporary, path)
}

const sha256Of = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex")

/** The original's bytes with its personal columns emptied and its free text redacted. */
const redactedCopy = async (from: string, source: SourceDeclaration, personal: ReadonlyArray<string>) => {
  const dialect = resolveDialect(source.dialect)
  // Only UTF-8 CSV is rewritten: a source declared otherwise with personal columns is a mistake here.
  if (source.format !== "csv" || dialect.encoding !== "utf-8")
    throw new Error(`${source.name}: personal columns are removed from UTF-8 CSV files only`)
  const original = await readFile(from)
  const result = redactCsv(original.toString("utf8"), {
    delimiter: dialect.delimiter,
    quote: dialect.quote,
    personal,
    freeText: source.freeText ?? [],
    missing: dialect.missingValues.map((m) => m.value),
  })
  return {
    ...result,
    bytes: Buffer.from(result.text, "utf8"),
    originalSha256: sha256Of(original),
    originalBytes: original.length,
  }
}

/** The day the filed copy's data is as of, from the column the source names. */
const asOfOf = async (path: string, source: SourceDeclaration, column: string) => {
  const dialect = resolveDialect(source.dialect)
  if (source.format !== "csv" || dialect.encoding !== "utf-8") return undefined
  return asOfFromColumn(await readFile(path, "utf8"), { delimiter: dialect.delimiter, quote: dialect.quote, column })
}

export const fileSnapshot = async (options: {
  readonly rawDir: string
  readonly source: SourceDeclaration
  readonly from: string
  /** The day it is filed under: the day it was received. */
  readonly date: string
  readonly now: Date
  /** The name to file it under (default: the name of `from`). */
  readonly name?: string
  /** Deliveries the snapshot corrects (declared files of raw/): written into its entry's `replaces`. */
  readonly replaces?: ReadonlyArray<string>
  /** The day the data is as of, where the person filing it knows it (else read from the file, if the source says where). */
  readonly asOf?: string
  /** The day the file was taken from its source, where known (a fetch knows it). */
  readonly retrieved?: string
  /** The copy the file was taken from, where not its source directly. */
  readonly via?: string
  readonly fetched?: {
    readonly url: string
    readonly pages: ReadonlyArray<string>
    readonly retrievedAt: string
    readonly etag: string | null
    readonly lastModified: string | null
  }
}): Promise<SnapshotResult> => {
  const { rawDir, source, from, date } = options
  const name = options.name ?? basename(from)
  const manifestPath = join(rawDir, MANIFEST_FILE)
  const refuse = (message: string, file = from, code: ProblemCode = "file/missing"): SnapshotResult => ({
    kind: "refused",
    problems: [problem({ code, file, message })],
  })
  if (!existsSync(from)) return refuse(`there is no file ${from} to file`)
  if (!existsSync(manifestPath)) return refuse(`${rawDir} has no ${MANIFEST_FILE} to add the snapshot to`, manifestPath)

  const shape = await shapeProblems(from, source, resolveDialect(source.dialect))
  if (shape.length > 0) return { kind: "refused", problems: shape }

  // What is filed: the file itself, or, for a source with personal columns, a copy without them.
  const personal = Object.entries(source.columns).flatMap(([column, m]) =>
    typeof m === "object" && "personal" in m ? [column] : [],
  )
  const redacted = personal.length === 0 ? undefined : await redactedCopy(from, source, personal)
  const sha256 = redacted === undefined ? await sha256File(from) : sha256Of(redacted.bytes)
  const manifest = JSON.parse(await readFile(manifestPath, "utf8")) as ManifestJson
  // Unchanged means the same bytes as the newest snapshot: a source that goes back to what an
  // older snapshot held is filed again, or the release would keep the newer, now wrong, values.
  const newest = manifest.deliveries
    .filter((d) => d["source"] === source.name && d["withdrawn"] === undefined)
    .map((d) => ({ file: String(d["file"]), received: String(d["received"]), sha256: d["sha256"] }))
    .sort(byReceived)
    .at(-1)
  if (newest?.sha256 === sha256) return { kind: "unchanged", file: newest.file }
  // A fetched file cannot be filed on a day before it was fetched.
  const fetchedOn = options.fetched?.retrievedAt.slice(0, 10)
  if (fetchedOn !== undefined && date < fetchedOn)
    return refuse(
      `--date ${date} is before ${fetchedOn}, the day the file was fetched: a fetched file is filed on the day it is fetched or later`,
      from,
      "snapshot/date",
    )
  const replaces = options.replaces ?? []
  const undeclared = replaces.filter((f) => !manifest.deliveries.some((d) => d["file"] === f))
  if (undeclared.length > 0)
    return refuse(
      `--replaces names ${undeclared.join(", ")}, which ${manifestPath} does not declare: name declared deliveries, as their "file" says`,
      manifestPath,
      "manifest/replaces",
    )

  const file = `${source.name}/${date}/${name}`
  const target = join(rawDir, file)
  if (existsSync(target) || manifest.deliveries.some((d) => d["file"] === file)) {
    return refuse(
      `${file} is already filed with other content; a snapshot is never overwritten: file this one on another day (--date)`,
      target,
      "snapshot/exists",
    )
  }
  await mkdir(join(rawDir, source.name, date), { recursive: true })
  const temporary = `${target}.${process.pid}.tmp`
  let asOf: string | undefined
  try {
    if (redacted === undefined) await copyFile(from, temporary)
    else await writeFile(temporary, redacted.bytes)
    if (!(await checksumOk(temporary, sha256)))
      return refuse(`${from} changed while it was being copied; file it again`, from, "file/checksum")
    if (redacted !== undefined && (await sha256File(from)) !== redacted.originalSha256)
      return refuse(`${from} changed while it was being filed; file it again`, from, "file/checksum")
    const fromData = source.asOfColumn === undefined ? undefined : await asOfOf(temporary, source, source.asOfColumn)
    asOf = options.asOf ?? fromData?.day
    const asOfFrom =
      options.asOf !== undefined
        ? "given when it was filed (--as-of)"
        : fromData?.day === undefined
          ? null
          : fromData.how
    const sidecar = sidecarFor(options, {
      name,
      sha256,
      bytes: (await stat(temporary)).size,
      asOf: asOf ?? null,
      asOfFrom,
      redacted,
    })
    await writeAtomically(join(rawDir, sidecarOf(file)), jsonText(sidecar))
    await rename(temporary, target)
  } finally {
    await rm(temporary, { force: true })
  }
  manifest.deliveries.push({
    file,
    source: source.name,
    received: date,
    ...(asOf === undefined ? {} : { asOf }),
    ...(options.retrieved === undefined ? {} : { retrieved: options.retrieved }),
    ...(options.via === undefined ? {} : { via: options.via }),
    sha256,
    ...(replaces.length === 0 ? {} : { replaces: [...replaces] }),
  })
  await writeAtomically(manifestPath, jsonText(manifest))
  return { kind: "stored", file }
}

/** The record kept beside a snapshot: where it came from, when, its checksum and size, its terms, and what was taken out of it. */
const sidecarFor = (
  options: Parameters<typeof fileSnapshot>[0],
  facts: {
    readonly name: string
    readonly sha256: string
    readonly bytes: number
    readonly asOf: string | null
    readonly asOfFrom: string | null
    readonly redacted: Awaited<ReturnType<typeof redactedCopy>> | undefined
  },
): Sidecar => {
  const { source } = options
  return {
    source: source.name,
    origin: source.origin,
    url: options.fetched?.url ?? null,
    pages: options.fetched?.pages ?? [],
    retrieved_at: options.fetched?.retrievedAt ?? null,
    filed_at: options.now.toISOString(),
    filed_from: options.fetched === undefined ? facts.name : null,
    sha256: facts.sha256,
    bytes: facts.bytes,
    licence: source.licence,
    rights: source.rights ?? null,
    attribution: source.attribution,
    as_of: facts.asOf,
    as_of_from: facts.asOfFrom,
    via: options.via ?? null,
    scope: source.scope,
    http:
      options.fetched === undefined
        ? null
        : { etag: options.fetched.etag, last_modified: options.fetched.lastModified },
    redaction:
      facts.redacted === undefined
        ? null
        : {
            original_sha256: facts.redacted.originalSha256,
            original_bytes: facts.redacted.originalBytes,
            columns_emptied: facts.redacted.columnsEmptied,
            values_removed: facts.redacted.valuesRemoved,
            free_text_removals: facts.redacted.freeTextRemovals,
            free_text_removals_by_kind: facts.redacted.freeTextByKind,
          },
  }
}
