/**
 * The changes commands make to the manifest: a correction's entry that `replaces` the deliveries
 * it corrects (`pipeline add --replaces`), and a withdrawal (`pipeline withdraw`). Each is checked
 * before anything is written: the delivery named is one the manifest declares and can take the
 * change, and the manifest with the change still parses and holds together. Pure: the manifest's
 * text in, the new text or the problems out.
 */
import { relative, resolve, sep } from "node:path"
import type { DatasetDefinition } from "../../schemas/dataset.ts"
import type { Covers } from "../contract/manifest-schema.ts"
import type { SourceDeclaration } from "../contract/source-declaration.ts"
import type { Problem, ProblemCode } from "../problems/problem.ts"
import { problem } from "../problems/problem.ts"
import { jsonText } from "../shared/json.ts"
import type { DeclaredDelivery } from "./declared-delivery.ts"
import { parseManifest } from "./load-manifest.ts"

export interface EditContext {
  /** The manifest as problems name it. */
  readonly manifestFile: string
  /** The raw folder: a delivery may be named by its path there as well as by its entry's "file". */
  readonly rawDir: string
  readonly datasets: ReadonlyArray<DatasetDefinition>
  readonly sources: ReadonlyMap<string, SourceDeclaration>
  readonly today: string
}

export type Edit =
  | { readonly ok: true; readonly text: string; readonly entry: Record<string, unknown> }
  | { readonly ok: false; readonly problems: ReadonlyArray<Problem> }

type ManifestJson = { deliveries: Array<Record<string, unknown>> }

/** A refusal of the change: why, after the problems the manifest already has, if any. */
const refuse = (ctx: EditContext, code: ProblemCode, message: string, before: ReadonlyArray<Problem> = []): Edit => ({
  ok: false,
  problems: [...before, problem({ code, file: ctx.manifestFile, message })],
})

/** The manifest's deliveries as they stand, or why the manifest cannot be changed as it is. */
const standing = (text: string, ctx: EditContext) => {
  const parsed = parseManifest(text, ctx.manifestFile, ctx.datasets, ctx.sources, ctx.today)
  if (parsed.manifest === undefined)
    return { ok: false as const, problems: parsed.problems, message: "it has problems already (above): fix them first" }
  return { ok: true as const, history: parsed.manifest.history, json: JSON.parse(text) as ManifestJson }
}

/** The manifest with a change must still hold together; its problems are the change's. */
const checked = (json: ManifestJson, entry: Record<string, unknown>, ctx: EditContext): Edit => {
  const text = jsonText(json)
  const parsed = parseManifest(text, ctx.manifestFile, ctx.datasets, ctx.sources, ctx.today)
  return parsed.manifest === undefined ? { ok: false, problems: parsed.problems } : { ok: true, text, entry }
}

/** The declared delivery a name given on the command line means: its entry's "file", or its path in raw/. */
const declaredAs = (given: string, history: ReadonlyArray<DeclaredDelivery>, rawDir: string) => {
  const inRaw = relative(resolve(rawDir), resolve(given)).split(sep).join("/")
  return history.find((d) => d.file === given) ?? history.find((d) => d.file === inRaw)
}

const notDeclared = (given: string, history: ReadonlyArray<DeclaredDelivery>, ctx: EditContext) => {
  const name = given.split(/[/\\]/u).at(-1)!
  const like = history.filter((d) => d.file.split("/").at(-1) === name).map((d) => d.file)
  return `${given} is not a delivery ${ctx.manifestFile} declares: name it as its entry's "file" says (the path under ${ctx.rawDir}/)${like.length === 0 ? "" : `, such as ${like.join(" or ")}`}`
}

/**
 * `--covers FIELD=V1,V2` (or `FIELD=all`), each given once a field, as an entry's `covers`
 * (values as text); or the first one that is not, said.
 */
export const coversOf = (
  given: ReadonlyArray<string>,
): { readonly ok: true; readonly covers: Covers } | { readonly ok: false; readonly message: string } => {
  const covers: Record<string, "all" | string[]> = {}
  for (const g of given) {
    const i = g.indexOf("=")
    const field = g.slice(0, i).trim()
    const values = g
      .slice(i + 1)
      .split(",")
      .map((v) => v.trim())
    if (i < 0 || field === "" || values.some((v) => v === ""))
      return { ok: false, message: `--covers ${g} is not FIELD=VALUE,VALUE… (--covers year=2009,2010)` }
    if (field in covers) return { ok: false, message: `--covers names ${field} twice: give its values once` }
    covers[field] = values.length === 1 && values[0] === "all" ? "all" : values
  }
  return { ok: true, covers }
}

/**
 * New entries appended, the last the delivery that corrects those named in `replaces` (the ones
 * before it are filed with it: its new indicator): each must be declared, of the delivery's
 * dataset, and current.
 */
export const withCorrection = (
  text: string,
  entries: ReadonlyArray<Record<string, unknown>>,
  replaces: ReadonlyArray<string>,
  ctx: EditContext,
  /** Where the maintainers correct another publisher's delivery: why (its entry's `onBehalf`). */
  onBehalf?: string,
  /** What the correction covers of the deliveries it replaces, where not the values its rows have. */
  covers?: Covers,
): Edit => {
  const now = standing(text, ctx)
  if (!now.ok)
    return refuse(
      ctx,
      "manifest/replaces",
      `${ctx.manifestFile} cannot take a correction: ${now.message}`,
      now.problems,
    )
  const correction = entries.at(-1)!
  const dataset = String(correction["dataset"])
  const files: string[] = []
  for (const given of replaces) {
    const d = declaredAs(given, now.history, ctx.rawDir)
    if (d === undefined) return refuse(ctx, "manifest/replaces", `--replaces ${notDeclared(given, now.history, ctx)}`)
    if (!d.datasets.includes(dataset))
      return refuse(
        ctx,
        "manifest/replaces",
        `--replaces ${d.file}: it is a delivery to ${d.datasets.join(", ")}, not to ${dataset}; a correction replaces a delivery of its own dataset`,
      )
    if (d.state !== "current")
      return refuse(
        ctx,
        "manifest/replaces",
        d.state === "withdrawn"
          ? `--replaces ${d.file}: it is withdrawn ("${d.withdrawnReason}"), so nothing of it is published to correct`
          : `--replaces ${d.file}: it is superseded by ${d.supersededBy}, which stands in its place; correct ${d.supersededBy} instead`,
      )
    files.push(d.file)
  }
  const entry = {
    ...correction,
    replaces: files,
    ...(covers === undefined ? {} : { covers }),
    ...(onBehalf === undefined ? {} : { onBehalf }),
  }
  return checked({ ...now.json, deliveries: [...now.json.deliveries, ...entries.slice(0, -1), entry] }, entry, ctx)
}

/**
 * The manifest with the delivery named by `given` withdrawn for `reason`: it must be declared,
 * not withdrawn already, and not replaced by a correction.
 */
export const withWithdrawal = (
  text: string,
  given: string,
  reason: string,
  ctx: EditContext,
  /** Where the maintainers withdraw another publisher's delivery: why (its entry's `onBehalf`). */
  onBehalf?: string,
): Edit => {
  const now = standing(text, ctx)
  if (!now.ok)
    return refuse(
      ctx,
      "manifest/withdrawn",
      `${ctx.manifestFile} cannot take a withdrawal: ${now.message}`,
      now.problems,
    )
  const d = declaredAs(given, now.history, ctx.rawDir)
  if (d === undefined) return refuse(ctx, "manifest/withdrawn", notDeclared(given, now.history, ctx))
  if (d.state === "withdrawn")
    return refuse(ctx, "manifest/withdrawn", `${d.file} is withdrawn already ("${d.withdrawnReason}")`)
  // A snapshot a newer one supersedes may be withdrawn; a delivery a correction replaces is out of the release already.
  const replacer = now.json.deliveries.find((e) => ((e["replaces"] as string[] | undefined) ?? []).includes(d.file))
  if (replacer !== undefined)
    return refuse(
      ctx,
      "manifest/withdrawn",
      `${d.file} is replaced by ${String(replacer["file"])}, its correction, so it is out of the release already; withdraw ${String(replacer["file"])} instead, if that is what must go`,
    )
  const deliveries = now.json.deliveries.map((e) =>
    e["file"] === d.file ? { ...e, withdrawn: reason, ...(onBehalf === undefined ? {} : { onBehalf }) } : e,
  )
  return checked({ ...now.json, deliveries }, deliveries.find((e) => e["file"] === d.file)!, ctx)
}
