/**
 * `pipeline add FILE --dataset NAME`: a publisher's file filed into raw/ with the manifest
 * entry described from its bytes (pipeline/describe/), then the deliveries validated; a
 * delivery that does not validate is taken out again, leaving raw/ as it was.
 */
import { createHash } from "node:crypto"
import { existsSync, statSync } from "node:fs"
import { mkdir, readFile, rm } from "node:fs/promises"
import { basename, join, relative } from "node:path"
import { isDelivered } from "../../schemas/dataset.ts"
import { DATASETS } from "../../schemas/datasets/index.ts"
import { MANIFEST_FILE } from "../contract/raw-layout.ts"
import { dataFile } from "../contract/release-layout.ts"
import type { Delivery } from "../contract/manifest-schema.ts"
import { type AddRequest, addFlagsOf, parseAddFlags } from "../describe/add-request.ts"
import { type Description, describeDelivery } from "../describe/describe-delivery.ts"
import { sayValidation } from "./add-report.ts"
import { isWorkbook, readWorkbook, rowFlags } from "./add-workbook.ts"
import { asCorrection } from "./revisions.ts"
import { renderGuess, renderQuestion } from "../describe/evidence.ts"
import { indicatorCsv, indicatorFileName, proposeEntry } from "../describe/propose-entry.ts"
import { listsOf, rolesOf, type Rows } from "../describe/roles.ts"
import { renderProblem } from "../problems/render.ts"
import { readWhole } from "../read/whole-file.ts"
import { MAX_FILE_BYTES } from "../shared/limits.ts"
import { run } from "../run/run.ts"
import { writeAtomically } from "../shared/files.ts"
import { jsonText } from "../shared/json.ts"
import { say } from "./say.ts"

type Values = Record<string, string | boolean | string[] | undefined>

/** The rows of a data file of the release, or undefined when it has none. */
const releaseRows = async (path: string): Promise<Rows | undefined> =>
  existsSync(path) ? (JSON.parse(await readFile(path, "utf8")) as Rows) : undefined

const sha256Of = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex")

export const add = async (options: {
  readonly files: ReadonlyArray<string>
  readonly values: Values
  readonly rawDir: string
  readonly outDir: string
  readonly publicationFile: string
  readonly usage: (message: string) => number
}): Promise<number> => {
  const { values, rawDir, outDir } = options
  if (options.files.length !== 1) return options.usage("add takes one FILE: the delivery to file")
  const from = options.files[0]!
  if (!existsSync(from) || !statSync(from).isFile()) return options.usage(`there is no file ${from}`)
  const today = new Date().toISOString().slice(0, 10)
  const { request, questions: flagQuestions } = parseAddFlags(addFlagsOf(values), DATASETS.filter(isDelivered), today)
  const bytes = await readWhole(from, from, MAX_FILE_BYTES, "write its entry in the manifest by hand")
  if (!(bytes instanceof Uint8Array)) {
    say(`${renderProblem(bytes)}\nnot added: nothing written`)
    return 1
  }
  const rows = rowFlags(values)
  if (typeof rows === "string") return options.usage(rows)
  const read = isWorkbook(bytes)
    ? await readWorkbook(from, { sheet: values["sheet"] as string | undefined, ...rows })
    : undefined
  if (read !== undefined && read.problems.length > 0) {
    for (const p of read.problems) say(renderProblem(p))
    say("not added: the workbook cannot be read as a table; nothing written")
    return 1
  }
  // The release's rows the description checks the file against (its places, its indicators).
  const whereOf = (name: string) => join(outDir, dataFile(name, "json"))
  const lists = new Map<string, Rows | undefined>()
  for (const name of request.dataset === undefined ? [] : listsOf(rolesOf(request.dataset, DATASETS)))
    lists.set(name, await releaseRows(whereOf(name)))
  const described =
    request.dataset === undefined
      ? undefined
      : read !== undefined && read.workbook === undefined
        ? undefined
        : describeDelivery({
            ...(read?.workbook === undefined ? {} : { workbook: read.workbook }),
            bytes,
            dataset: request.dataset,
            request,
            datasets: DATASETS,
            rowsOf: (name) => lists.get(name),
            whereOf,
          })
  for (const g of described?.guesses ?? []) say(renderGuess(g))
  for (const n of described?.notes ?? []) say(`note: ${n}`)
  const questions = [...flagQuestions, ...(read?.questions ?? []), ...(described?.questions ?? [])]
  if (questions.length > 0 || described === undefined || described.dialect === undefined) {
    for (const q of questions) say(renderQuestion(q))
    say(`not added: ${questions.length} question${questions.length === 1 ? "" : "s"} to answer; nothing written`)
    return 2
  }
  const files = filesToAdd(request, { ...described, dialect: described.dialect }, from, bytes, read !== undefined)
  const filed = await asCorrection(values, rawDir, files)
  if (filed === undefined) return 1
  process.stdout.write(jsonText(filed.length === 1 ? filed[0]!.entry : filed.map((f) => f.entry)))
  if (values["dry-run"] === true) {
    say(`dry run: would file ${filed.map((f) => join(rawDir, f.file)).join(" and ")}; nothing written`)
    return 0
  }
  return fileAndValidate(rawDir, outDir, options.publicationFile, filed)
}

/** Files the deliveries and their entries, validates raw/, and takes them out again on an error. */
const fileAndValidate = async (
  rawDir: string,
  outDir: string,
  publicationFile: string,
  /** Each file to file, with the path it was given at (none for one made here). */
  files: ReadonlyArray<{ file: string; bytes: Uint8Array; entry: Delivery; given?: string }>,
): Promise<number> => {
  const manifestPath = join(rawDir, MANIFEST_FILE)
  if (!existsSync(manifestPath)) {
    say(`not added: ${rawDir} has no ${MANIFEST_FILE} to add the entry to`)
    return 1
  }
  const original = await readFile(manifestPath, "utf8")
  const manifest = JSON.parse(original) as { deliveries: Array<Record<string, unknown>> }
  for (const f of files) {
    const target = join(rawDir, f.file)
    const declared = manifest.deliveries.some((d) => d["file"] === f.file)
    const same = existsSync(target) && sha256Of(await readFile(target)) === f.entry.sha256
    if (declared || (existsSync(target) && !same)) {
      say(
        `not added: ${target} is already ${declared ? "declared in the manifest" : "there, with other content"}; a delivery is never overwritten: file this one under another name, --to or --received`,
      )
      return 1
    }
  }
  const written: string[] = []
  let made: string | undefined
  const undo = async () => {
    await writeAtomically(manifestPath, original)
    for (const path of written) await rm(path, { force: true })
    if (made !== undefined) await rm(made, { recursive: true, force: true })
  }
  try {
    made = await mkdir(join(rawDir, files[0]!.file, ".."), { recursive: true })
    for (const f of files) {
      const target = join(rawDir, f.file)
      if (existsSync(target)) continue
      written.push(target)
      await writeAtomically(target, f.bytes)
    }
    manifest.deliveries.push(...files.map((f) => f.entry as unknown as Record<string, unknown>))
    await writeAtomically(manifestPath, jsonText(manifest))
    const ours = files.map((f) => f.file)
    const progress: string[] = []
    const result = await run({
      command: "validate",
      rawDir,
      outDir,
      publicationFile,
      progress: (line) => {
        if (ours.some((f) => line.includes(f))) progress.push(line)
      },
    })
    sayValidation(result, progress, files, rawDir, say)
    if (!result.ok) {
      await undo()
      return 1
    }
  } catch (e) {
    await undo()
    throw e
  }
  const shown = files.map((f) => relative(process.cwd(), join(rawDir, f.file)) || f.file)
  say(
    `added ${shown.join(" and ")} with ${files.length === 1 ? "its entry" : "their entries"} in ${manifestPath}; build to publish`,
  )
  return 0
}

/**
 * The files `add` files and their entries: the delivery, and before it, where the delivery
 * defines a new indicator, the codebook's file of that one row. Everything is settled
 * (parseAddFlags and the description asked for what is absent).
 */
const filesToAdd = (
  request: AddRequest,
  described: Description & { readonly dialect: NonNullable<Description["dialect"]> },
  from: string,
  bytes: Uint8Array,
  workbook: boolean,
): Array<{ file: string; bytes: Uint8Array; entry: Delivery; given?: string }> => {
  const folder = `${request.folder!}/${request.received}`
  const shared = {
    publisher: request.publisher!,
    licence: request.licence as Delivery["licence"],
    rights: request.rights,
    received: request.received,
  }
  const files: Array<{ file: string; bytes: Uint8Array; entry: Delivery; given?: string }> = []
  if (described.newIndicator !== undefined) {
    const csv = indicatorCsv(described.newIndicator, request.publisher!)
    const file = `${folder}/${indicatorFileName(described.newIndicator.id)}`
    const csvBytes = Buffer.from(csv.text, "utf8")
    const entry = proposeEntry({
      ...shared,
      file,
      dataset: csv.dataset,
      sha256: sha256Of(csvBytes),
      description: `The indicator ${described.newIndicator.id}, defined with its values in ${basename(from)}`,
      dialect: { encoding: "utf-8", delimiter: "," },
      columns: csv.columns,
      constants: {},
    })
    files.push({ file, bytes: csvBytes, entry })
  }
  const file = `${folder}/${basename(from)}`
  files.push({
    file,
    given: from,
    bytes,
    entry: proposeEntry({
      ...shared,
      file,
      dataset: request.dataset!.name,
      sha256: sha256Of(bytes),
      description: request.description,
      ...(workbook ? { format: "xlsx" as const } : {}),
      dialect: described.dialect,
      columns: described.columns,
      constants: described.constants,
      ...(described.layout === undefined ? {} : { layout: described.layout }),
    }),
  })
  return files
}
