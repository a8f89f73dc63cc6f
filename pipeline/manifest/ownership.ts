/**
 * Publishers own their deliveries, as the register (raw/publishers.json, load-register.ts) says.
 * A delivery sits in its publisher's folder: a delivered entry in the folder the register gives
 * the publisher it names, a transcription in one of the maintainers', a snapshot in its source's
 * (the maintainers'). A change to another publisher's delivery is the maintainers' to make, and
 * its entry says so and why (`onBehalf`): a correction that replaces a delivery of another
 * publisher than its own, and the withdrawal of any delivery not the maintainers' own — a
 * withdrawal changes the manifest alone, which no publisher's folder holds and the maintainers
 * answer for. Pure.
 */
import { folderOf } from "../contract/raw-layout.ts"
import { whose } from "../shared/text.ts"
import type { RegisteredPublisher } from "../contract/publisher-register.ts"
import type { DeclaredDelivery } from "./declared-delivery.ts"
import type { Register } from "./load-register.ts"
import type { ManifestFinding, PublishedDelivery } from "./published-history.ts"

/** Whose a delivery is: its folder's publisher if delivered, else the maintainers'. */
const ownerOf = (d: DeclaredDelivery, register: Register): RegisteredPublisher | undefined =>
  d.kind === "delivered" ? register.owners.get(folderOf(d.file) ?? "") : register.maintainers

const foldersOf = (p: RegisteredPublisher, register: Register): string =>
  [...p.folders, ...(p.maintainers === true ? register.sourceFolders : [])].map((f) => `${f}/`).join(", ")

/** Why a delivery's folder is not its publisher's, or undefined where it is. */
const misplaced = (d: DeclaredDelivery, register: Register, registerFile: string): ManifestFinding | undefined => {
  const folder = folderOf(d.file)
  const owner = register.owners.get(folder ?? "")
  const where =
    folder === undefined
      ? "it is at raw/'s top"
      : `${folder}/ is ${owner === undefined ? "no publisher's" : whose(owner.name)}`
  const at = (field: string, message: string, value?: string): ManifestFinding => ({
    code: "manifest/publisher",
    path: ["deliveries", d.index, field],
    message,
    ...(value === undefined ? {} : { value }),
  })
  if (d.kind === "snapshot")
    return folder === d.source
      ? undefined
      : at(
          "file",
          `a snapshot of ${d.source} sits in its source's folder, ${d.source}/, the maintainers' (${registerFile}), where pipeline snapshot files it; ${where}`,
        )
  if (d.kind === "transcribed")
    return owner === register.maintainers
      ? undefined
      : at(
          "file",
          `a transcription is the maintainers' work and sits in one of their folders, ${foldersOf(register.maintainers, register)} (${registerFile}); ${where}`,
        )
  if (owner?.name === d.publisher) return undefined
  const own = register.publishers.find((p) => p.name === d.publisher && p.folders.length > 0)
  const fix =
    own === undefined
      ? `${d.publisher} is not registered: the maintainers register it in ${registerFile}, with its folder and the GitHub accounts that deliver for it`
      : `file ${whose(d.publisher)} delivery in its folder, ${foldersOf(own, register)} (pipeline add … --to ${own.folders[0]})`
  return owner === undefined
    ? at("file", `a delivery sits in its publisher's folder, which ${registerFile} registers, and ${where}: ${fix}`)
    : at(
        "publisher",
        `${folder}/ is ${whose(owner.name)} folder (${registerFile}), and this delivery says it is ${whose(d.publisher)}: a delivery sits in its own publisher's folder; ${fix}`,
        d.publisher,
      )
}

/** A change the maintainers make to another publisher's delivery, as its entry says. */
export interface OnBehalfChange {
  /** The delivery changed, and whose it is. */
  readonly file: string
  readonly owner: string
  /** Replaced by a correction (its file, and whose it is), or withdrawn (the reason). */
  readonly change:
    | { readonly kind: "replaced"; readonly by: string; readonly byPublisher: string }
    | { readonly kind: "withdrawn"; readonly reason: string }
  /** Why the maintainers make it: the entry's `onBehalf`. */
  readonly onBehalf: string | undefined
}

/** Every change to another publisher's delivery the manifest declares, declared on its behalf or not. */
const changesOnBehalf = (history: ReadonlyArray<DeclaredDelivery>, register: Register) => {
  const byFile = new Map(history.map((d) => [d.file, d]))
  const changes: Array<OnBehalfChange & { readonly path: ReadonlyArray<string | number> }> = []
  for (const d of history) {
    const own = ownerOf(d, register)
    if (own === undefined) continue
    d.replaces.forEach((target, j) => {
      const t = byFile.get(target)
      const owner = t === undefined ? undefined : ownerOf(t, register)
      if (owner === undefined || owner === own) return
      changes.push({
        file: target,
        owner: owner.name,
        change: { kind: "replaced", by: d.file, byPublisher: own.name },
        onBehalf: d.onBehalf,
        path: ["deliveries", d.index, "replaces", j],
      })
    })
    if (d.withdrawnReason !== null && own !== register.maintainers)
      changes.push({
        file: d.file,
        owner: own.name,
        change: { kind: "withdrawn", reason: d.withdrawnReason },
        onBehalf: d.onBehalf,
        path: ["deliveries", d.index, "withdrawn"],
      })
  }
  return changes
}

/** Each entry against the register: its folder, and its changes to other publishers' deliveries. */
export const ownershipFindings = (
  history: ReadonlyArray<DeclaredDelivery>,
  register: Register,
  registerFile: string,
): ManifestFinding[] => {
  const findings = history.flatMap((d) => misplaced(d, register, registerFile) ?? [])
  for (const c of changesOnBehalf(history, register)) {
    if (c.onBehalf !== undefined) continue
    findings.push({
      code: "manifest/on-behalf",
      path: c.path,
      message:
        c.change.kind === "replaced"
          ? `${c.change.by}, ${whose(c.change.byPublisher)}, replaces ${c.file}, which is ${whose(c.owner)}: a publisher corrects only its own deliveries. Where the maintainers make the change for ${c.owner}, or in its place, the entry says so and why, "onBehalf": "maintainers: <why>" (pipeline add NEWFILE --replaces ${c.file} --on-behalf "maintainers: <why>")`
          : `${c.file} is ${whose(c.owner)}, and a withdrawal changes the manifest alone, which the maintainers answer for: the entry says that they withdraw it and why, "onBehalf": "maintainers: <why>" (pipeline withdraw ${c.file} --reason TEXT --on-behalf "maintainers: at ${whose(c.owner)} request, …"); or ${c.owner} files the new version in its place, pipeline add NEWFILE --replaces ${c.file}`,
    })
  }
  return findings
}

/**
 * The changes to other publishers' deliveries made since the previous release (all of them
 * without one): a correction it did not list, a withdrawal of a delivery it did not list as withdrawn.
 */
export const onBehalfChanges = (
  history: ReadonlyArray<DeclaredDelivery>,
  register: Register,
  published: ReadonlyArray<PublishedDelivery>,
): OnBehalfChange[] => {
  const before = new Map(published.map((p) => [p.file, p]))
  return changesOnBehalf(history, register)
    .filter((c) =>
      c.change.kind === "replaced" ? !before.has(c.change.by) : before.get(c.file)?.state !== "withdrawn",
    )
    .map(({ path: _, ...c }) => c)
}
