/**
 * The `pipeline` command: parses arguments, runs a stage, renders problems. Everything else
 * lives in functions a program can call (see pipeline/build/run.ts).
 */
import { counted } from "../shared/text.ts"
import { writeFile } from "node:fs/promises"
import { join } from "node:path"
import { parseArgs } from "node:util"
import { PUBLICATION_FILE } from "../catalog/publication.ts"
import { run } from "../run/run.ts"
import { DEFAULT_CAP } from "../problems/collector.ts"
import { renderGithubAnnotation, renderProblem } from "../problems/render.ts"
import { jsonText } from "../shared/json.ts"
import { generate } from "./generate.ts"
import { snapshot } from "./snapshot.ts"
import { publish } from "./publish.ts"
import { configure } from "./configure.ts"
import { writePreview } from "./preview.ts"
import { scope } from "./scope.ts"
import { add } from "./add.ts"
import { DEFAULT_CACHE, optionsOf, parserOptions, TAKES_ARGUMENTS } from "./options.ts"
import { withdraw } from "./revisions.ts"
import { USAGE } from "./usage.ts"
import { writeSummary } from "../git/github-env.ts"
import { failureSummary } from "../git/summary.ts"
import { say } from "./say.ts"

const fail = (message: string, usage: string): number => {
  say(`pipeline: ${message}`)
  process.stderr.write(`\n${usage}\n`)
  return 2
}

export { USAGE }

type Values = Record<string, string | boolean | string[] | undefined>

/** `build` and `validate`: the run, its problems said and annotated, its report written. */
const buildOrValidate = async (
  command: "build" | "validate",
  values: Values,
  context: { root: string; publicationFile: string; cap: number; usage: string; codeKey: string | undefined },
): Promise<number> => {
  const { root, publicationFile, cap, usage, codeKey } = context
  const baseUrl = values["base-url"] as string | undefined
  if (baseUrl !== undefined && !/^https:\/\/[^\s]+\/$/u.test(baseUrl))
    return fail(`--base-url takes an https URL ending in /, not ${JSON.stringify(baseUrl)}`, usage)
  if (values["cache"] !== undefined && values["no-cache"] === true)
    return fail("--cache and --no-cache cannot both be given", usage)
  const cacheDir = (values["cache"] as string | undefined) ?? join(root, DEFAULT_CACHE)
  const started = performance.now()
  const result = await run({
    ...(codeKey === undefined || values["no-cache"] === true ? {} : { cache: { dir: cacheDir, codeKey } }),
    ...(baseUrl === undefined ? {} : { baseUrl }),
    command,
    rawDir: (values["raw"] as string | undefined) ?? "raw",
    outDir: (values["out"] as string | undefined) ?? "dist",
    cap,
    publicationFile,
    progress: say,
  })
  const github = process.env["GITHUB_ACTIONS"] === "true"
  for (const p of result.problems) {
    say(renderProblem(p))
    if (github) process.stdout.write(`${renderGithubAnnotation(p)}\n`)
  }
  const reportFile = (values["report"] as string | undefined) ?? "validation-report.json"
  await writeFile(reportFile, jsonText(result.report))
  const { errors, warnings, partial } = result.report
  if (!result.ok) await writeSummary(failureSummary(command, result.problems, errors, warnings))
  else if (command === "build" && values["summary"] === true)
    await writePreview((values["out"] as string | undefined) ?? "dist", warnings, result.onBehalf)
  const listed = partial ? ` (${result.problems.length} listed)` : ""
  const seconds = ((performance.now() - started) / 1000).toFixed(2)
  say(
    result.ok
      ? `${command === "build" ? "release built" : "deliveries valid"}: ${counted(warnings, "warning")} (${seconds} s)`
      : `${counted(errors, "error")}, ${counted(warnings, "warning")}${listed}; ${command === "build" ? "nothing published" : "not valid"} (${seconds} s). Report: ${reportFile}`,
  )
  return result.ok ? 0 : 1
}

/**
 * `root`: the project's folder, whose publication.json configures the release; `codeKey`: the
 * identity of the code running, under which deliveries are kept (none kept without it).
 */
export const main = async (argv: ReadonlyArray<string>, root = process.cwd(), codeKey?: string): Promise<number> => {
  if (argv[0] === "-h" || argv[0] === "--help" || argv[0] === "help") {
    process.stdout.write(`${USAGE["main"]}\n`)
    return 0
  }
  // With no command, or options only, the command is build: `npm start -- --out x` builds.
  const [command = "build", ...rest] = argv[0] === undefined || argv[0].startsWith("-") ? ["build", ...argv] : argv
  const usage = USAGE[command]
  if (usage === undefined || command === "main")
    return fail(`unknown command ${JSON.stringify(command)}`, USAGE["main"]!)
  let values: Values
  let positionals: string[]
  try {
    const parsed = parseArgs({
      args: [...rest],
      options: parserOptions(),
      strict: true,
      allowPositionals: TAKES_ARGUMENTS.has(command),
    })
    // Only a repeatable option gives a list, and only of strings.
    values = parsed.values as typeof values
    positionals = parsed.positionals
  } catch (e) {
    return fail((e as Error).message, usage)
  }
  if (values["help"]) {
    process.stdout.write(`${usage}\n`)
    return 0
  }
  const allowed: ReadonlyArray<string> = optionsOf(command)
  for (const key of Object.keys(values)) {
    if (!allowed.includes(key)) return fail(`${command} takes no --${key}`, usage)
  }
  if (command === "generate") return generate(values["check"] === true)
  if (command === "scope") return scope({ repo: ".", base: values["base"] as string | undefined })
  const publicationFile = (values["publication"] as string | undefined) ?? join(root, PUBLICATION_FILE)
  if (command === "configure")
    return configure({
      publicationFile,
      baseUrl: values["base-url"] as string | undefined,
      repository: values["repository"] as string | undefined,
      usage: (message) => fail(message, usage),
    })
  if (command === "snapshot") {
    return snapshot({
      sources: positionals,
      rawDir: (values["raw"] as string | undefined) ?? "raw",
      from: values["from"] as string | undefined,
      date: values["date"] as string | undefined,
      url: values["url"] as string | undefined,
      replaces: (values["replaces"] as unknown as string[] | undefined) ?? [],
      asOf: values["as-of"] as string | undefined,
      retrieved: values["retrieved"] as string | undefined,
      via: values["via"] as string | undefined,
      usage: (message) => fail(message, usage),
    })
  }
  if (command === "withdraw")
    return withdraw({
      files: positionals,
      reason: values["reason"] as string | undefined,
      onBehalf: values["on-behalf"] as string | undefined,
      dryRun: values["dry-run"] === true,
      rawDir: (values["raw"] as string | undefined) ?? "raw",
      outDir: (values["out"] as string | undefined) ?? "dist",
      publicationFile,
      usage: (message) => fail(message, usage),
    })
  if (command === "add")
    return add({
      files: positionals,
      values,
      rawDir: (values["raw"] as string | undefined) ?? "raw",
      outDir: (values["out"] as string | undefined) ?? "dist",
      publicationFile,
      usage: (message) => fail(message, usage),
    })

  const cap = values["max-errors"] === undefined ? DEFAULT_CAP : Number(values["max-errors"])
  if (!Number.isInteger(cap) || cap < 1) return fail("--max-errors takes a whole number of at least 1", usage)
  if (command === "publish") {
    return publish({
      repo: (values["repo"] as string | undefined) ?? ".",
      raw: (values["raw"] as string | undefined) ?? "raw",
      out: (values["out"] as string | undefined) ?? "dist",
      remote: (values["remote"] as string | undefined) ?? "origin",
      publication:
        (values["publication"] as string | undefined) ??
        join((values["repo"] as string | undefined) ?? ".", PUBLICATION_FILE),
    })
  }
  return buildOrValidate(command as "build" | "validate", values, { root, publicationFile, cap, usage, codeKey })
}
