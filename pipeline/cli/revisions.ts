/**
 * Revisions of deliveries from the command line: a correction (`add FILE --replaces OLD`) and a
 * withdrawal (`withdraw FILE --reason TEXT`), each checked before anything is written
 * (pipeline/manifest/manifest-edit.ts); a withdrawal is then validated and undone on an error,
 * as `add` does with a delivery.
 */
import { existsSync } from "node:fs"
import { readFile } from "node:fs/promises"
import { join } from "node:path"
import { DATASETS } from "../../schemas/datasets/index.ts"
import type { Delivery } from "../contract/manifest-schema.ts"
import { MANIFEST_FILE } from "../contract/raw-layout.ts"
import { type EditContext, withCorrection, withWithdrawal } from "../manifest/manifest-edit.ts"
import { renderProblem } from "../problems/render.ts"
import { run } from "../run/run.ts"
import { writeAtomically } from "../shared/files.ts"
import { jsonText } from "../shared/json.ts"
import { SOURCES } from "../sources/index.ts"
import { say } from "./say.ts"

const contextOf = (rawDir: string): EditContext => ({
  manifestFile: join(rawDir, MANIFEST_FILE),
  rawDir,
  datasets: DATASETS,
  sources: SOURCES,
  today: new Date().toISOString().slice(0, 10),
})

/**
 * `add FILE --replaces OLD [--on-behalf TEXT]`: the new entries (the delivery's last) with the
 * delivery's `replaces` (and `onBehalf`), once the deliveries named are found declared, current
 * and of its dataset; or undefined, the problems said.
 */
export const asCorrection = async <F extends { readonly entry: Delivery }>(
  values: Readonly<Record<string, unknown>>,
  rawDir: string,
  files: ReadonlyArray<F>,
): Promise<ReadonlyArray<F> | undefined> => {
  const ctx = contextOf(rawDir)
  const replaces = values["replaces"] as ReadonlyArray<string> | undefined
  const onBehalf = values["on-behalf"] as string | undefined
  if (onBehalf !== undefined && replaces === undefined) {
    say(
      "not added: --on-behalf says why the maintainers correct another publisher's delivery: give --replaces OLD with it",
    )
    return undefined
  }
  if (replaces === undefined || replaces.length === 0 || !existsSync(ctx.manifestFile)) return files
  const edit = withCorrection(
    await readFile(ctx.manifestFile, "utf8"),
    files.map((f) => f.entry as unknown as Record<string, unknown>),
    replaces,
    ctx,
    onBehalf,
  )
  if (!edit.ok) {
    for (const p of edit.problems) say(renderProblem(p))
    say("not added: --replaces cannot be filed as given (above); nothing written")
    return undefined
  }
  return files.map((f, i) => (i === files.length - 1 ? { ...f, entry: edit.entry as unknown as Delivery } : f))
}

/** `pipeline withdraw FILE --reason TEXT`. */
export const withdraw = async (options: {
  readonly files: ReadonlyArray<string>
  readonly reason: string | undefined
  readonly onBehalf: string | undefined
  readonly dryRun: boolean
  readonly rawDir: string
  readonly outDir: string
  readonly publicationFile: string
  readonly usage: (message: string) => number
}): Promise<number> => {
  const { rawDir } = options
  if (options.files.length !== 1) return options.usage("withdraw takes one FILE: the delivery to withdraw")
  const reason = options.reason?.trim() ?? ""
  if (reason === "") return options.usage("withdraw takes --reason TEXT: why the delivery is no longer published")
  const ctx = contextOf(rawDir)
  if (!existsSync(ctx.manifestFile)) {
    say(`not withdrawn: ${rawDir} has no ${MANIFEST_FILE}`)
    return 1
  }
  const original = await readFile(ctx.manifestFile, "utf8")
  const edit = withWithdrawal(original, options.files[0]!, reason, ctx, options.onBehalf)
  if (!edit.ok) {
    for (const p of edit.problems) say(renderProblem(p))
    say("not withdrawn: nothing written")
    return 1
  }
  process.stdout.write(jsonText(edit.entry))
  const file = String(edit.entry["file"])
  if (options.dryRun) {
    say(`dry run: would withdraw ${file} in ${ctx.manifestFile}; nothing written`)
    return 0
  }
  await writeAtomically(ctx.manifestFile, edit.text)
  try {
    const result = await run({
      command: "validate",
      rawDir,
      outDir: options.outDir,
      publicationFile: options.publicationFile,
      progress: () => {},
    })
    for (const p of result.problems) say(renderProblem(p))
    if (!result.ok) {
      await writeAtomically(ctx.manifestFile, original)
      say(
        `not withdrawn: without it, ${rawDir} does not validate (${result.report.errors} error${result.report.errors === 1 ? "" : "s"} above); ${ctx.manifestFile} is as it was`,
      )
      return 1
    }
  } catch (e) {
    await writeAtomically(ctx.manifestFile, original)
    throw e
  }
  say(`withdrew ${file} in ${ctx.manifestFile}: it stays in ${rawDir} as history; build to publish without it`)
  return 0
}
