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
import { ADD_ALLOWED, ADD_OPTIONS, ADD_USAGE, add } from "./add.ts"
import { writeSummary } from "../git/github-env.ts"
import { failureSummary } from "../git/summary.ts"
import { SOURCES } from "../sources/index.ts"

const REMOTE_SOURCES = [...SOURCES.values()]
  .filter((s) => s.remote !== undefined)
  .map((s) => s.name)
  .join(", ")

export const USAGE: Record<string, string> = {
  main: `Usage: pipeline <command> [options]

Commands:
  build      Validate raw/ and publish the release into dist/ (atomically);
             the default when no command is given
  validate   Check the deliveries in raw/ without publishing anything
  generate   Rewrite the files derived from the dataset definitions (schemas/derived/)
  snapshot   File a source's file into raw/ with its manifest entry: fetched, or downloaded by hand
  add        File a publisher's CSV into raw/ with a manifest entry described from the file
  publish    Commit, tag and push the built release, if and only if it changed (git)
  configure  Record the release's and the repository's address in publication.json, unless configured
  scope      Say whether the commits since a base touch raw/ alone (a delivery), for CI

Run "pipeline <command> --help" for a command's options.`,
  build: `Usage: pipeline build [--raw DIR] [--out DIR] [--report FILE] [--max-errors N] [--base-url URL] [--publication FILE] [--summary]

Validates every delivery declared in DIR/manifest.json, writes the release into a staging
folder beside the output folder, checks it, and swaps it in. On any problem the output
folder is left exactly as it was and the exit status is 1.

Options:
  --raw DIR         folder of deliveries and their manifest (default: raw)
  --out DIR         release folder (default: dist)
  --report FILE     where to write the JSON validation report (default: validation-report.json)
  --max-errors N    how many problems to list; all are counted (default: ${DEFAULT_CAP})
  --base-url URL    where the release will be published (https://…/), instead of baseUrl
                    in publication.json: links and the DCAT catalogue's identifiers
  --publication FILE  the publication's configuration (default: the project's publication.json)
  --summary         write what the release changes, dataset by dataset and delivery by
                    delivery, to the job summary ($GITHUB_STEP_SUMMARY), as CI shows a delivery
  -h, --help        show this help`,
  validate: `Usage: pipeline validate [--raw DIR] [--report FILE] [--max-errors N] [--publication FILE]

Checks the deliveries exactly as build does (same problems, same exit status) and
publishes nothing.

Options:
  --raw DIR         folder of deliveries and their manifest (default: raw)
  --report FILE     where to write the JSON validation report (default: validation-report.json)
  --max-errors N    how many problems to list; all are counted (default: ${DEFAULT_CAP})
  --publication FILE  the publication's configuration (default: the project's publication.json)
  -h, --help        show this help`,
  snapshot: `Usage: pipeline snapshot SOURCE --from FILE [--raw DIR] [--date YYYY-MM-DD] [--replaces FILE]...
       pipeline snapshot [SOURCE] [--url URL] [--raw DIR] [--date YYYY-MM-DD] [--replaces FILE]...

Files a snapshot of a declared source into DIR/SOURCE/DATE/: the file, a sidecar beside it
(<name>.snapshot.json: origin, address, retrieval time, sha256, bytes, licence, HTTP
validators) and a manifest entry naming the source; the next build publishes it.

With --from, files FILE, downloaded by hand. Without it, fetches SOURCE, or every source the
pipeline can fetch (${REMOTE_SOURCES}), with a timeout, retries with backoff and a size cap.
A file that does not have the source's declared shape is refused with the place it differs,
and a failed fetch files nothing (exit status 1). A file whose bytes are already filed is not
filed again (exit status 0), and nothing is ever overwritten. Only snapshot reads outside
raw/ or uses the network.

The newest snapshot of a source (by date, then name) is the one published; older ones stay
in raw/ as history. A file with the bytes of the newest snapshot is not filed again (exit
status 0); one with the bytes of an older snapshot is filed anew, as the newest.

Sources: ${[...SOURCES.keys()].join(", ")}

Options:
  --from FILE       the file to file, downloaded by hand
  --url URL         fetch from URL instead of the source's own address (a mirror)
  --raw DIR         folder of deliveries and their manifest (default: raw)
  --date DATE       the day the file was received, YYYY-MM-DD (default: today, UTC)
  --replaces FILE   a declared delivery (path relative to DIR) the snapshot corrects: it
                    stays in raw/ and is no longer published; repeat for several
  -h, --help        show this help`,
  configure: `Usage: pipeline configure [--base-url URL] [--repository URL] [--publication FILE]

Records the address the release is published at (baseUrl) and the repository's (repository)
in publication.json, each when none is configured there: the nightly workflow passes the
address GitHub Pages serves the site at and the repository's on GitHub, so the release it
commits, the site it deploys and a local build all use them. An address already configured is
left as it is. A release's address without its closing slash gets one.

Options:
  --base-url URL      the release's address (https://…)
  --repository URL    the repository's address (https://github.com/OWNER/NAME): the codebooks
                      and pages link each delivery to its file there at the release's tag
  --publication FILE  the publication's configuration (default: the project's publication.json)
  -h, --help          show this help`,
  publish: `Usage: pipeline publish [--repo DIR] [--raw DIR] [--out DIR] [--remote NAME] [--publication FILE]

After a build, in a git checkout: when the release folder differs from what is committed,
commits it together with the raw folder (new snapshots) and the publication's configuration
(an address configure recorded), with a message that summarises the
change; tags the release's version (v<version>) unless that tag exists; and pushes the commit
and the tag. When the release is as committed, it does nothing. Under GitHub Actions it writes
the step outputs changed, version, tag and commit, and a job summary.

Options:
  --repo DIR        the git checkout (default: .)
  --raw DIR         folder of deliveries and their manifest (default: raw)
  --out DIR         release folder (default: dist)
  --remote NAME     the remote to push to (default: origin)
  --publication FILE  the publication's configuration to commit with it
                    (default: publication.json in the checkout)
  -h, --help        show this help`,
  add: ADD_USAGE,
  scope: `Usage: pipeline scope --base REV

Prints deliveries-only=true when every path changed between REV and HEAD is under raw/ (a
delivery, which CI builds without a rebuilt dist/), else deliveries-only=false; also written
to $GITHUB_OUTPUT. A base git cannot compare with (none, or all zeros) counts as false.

Options:
  --base REV        the commit to compare with (a pull request's base, a push's previous head)
  -h, --help        show this help`,
  generate: `Usage: pipeline generate [--check]

Writes schemas/derived/ from the dataset definitions in schemas/datasets/.

Options:
  --check           write nothing; exit 1 if a derived file is out of date
  -h, --help        show this help`,
}

const fail = (message: string, usage: string): number => {
  process.stderr.write(`pipeline: ${message}\n\n${usage}\n`)
  return 2
}

/** `root`: the project's folder, whose publication.json configures the release. */
export const main = async (argv: ReadonlyArray<string>, root = process.cwd()): Promise<number> => {
  if (argv[0] === "-h" || argv[0] === "--help" || argv[0] === "help") {
    process.stdout.write(`${USAGE["main"]}\n`)
    return 0
  }
  // With no command, or options only, the command is build: `npm start -- --out x` builds.
  const [command = "build", ...rest] = argv[0] === undefined || argv[0].startsWith("-") ? ["build", ...argv] : argv
  const usage = USAGE[command]
  if (usage === undefined || command === "main")
    return fail(`unknown command ${JSON.stringify(command)}`, USAGE["main"]!)
  let values: Record<string, string | boolean | string[] | undefined>
  let positionals: string[]
  try {
    ;({ values, positionals } = parseArgs({
      args: [...rest],
      options: {
        raw: { type: "string" },
        out: { type: "string" },
        report: { type: "string" },
        "max-errors": { type: "string" },
        check: { type: "boolean" },
        from: { type: "string" },
        url: { type: "string" },
        "base-url": { type: "string" },
        repo: { type: "string" },
        remote: { type: "string" },
        date: { type: "string" },
        replaces: { type: "string", multiple: true },
        publication: { type: "string" },
        summary: { type: "boolean" },
        base: { type: "string" },
        repository: { type: "string" },
        help: { type: "boolean", short: "h" },
        ...ADD_OPTIONS,
      },
      strict: true,
      allowPositionals: command === "snapshot" || command === "add",
    }))
  } catch (e) {
    return fail((e as Error).message, usage)
  }
  if (values["help"]) {
    process.stdout.write(`${usage}\n`)
    return 0
  }
  const allowed: Record<string, ReadonlyArray<string>> = {
    build: ["raw", "out", "report", "max-errors", "base-url", "publication", "summary"],
    validate: ["raw", "report", "max-errors", "publication"],
    configure: ["base-url", "repository", "publication"],
    generate: ["check"],
    snapshot: ["raw", "from", "date", "url", "replaces"],
    publish: ["repo", "raw", "out", "remote", "publication"],
    add: ADD_ALLOWED,
    scope: ["base"],
  }
  for (const key of Object.keys(values)) {
    if (key !== "help" && !allowed[command]!.includes(key)) return fail(`${command} takes no --${key}`, usage)
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
      usage: (message) => fail(message, usage),
    })
  }
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
  const baseUrl = values["base-url"] as string | undefined
  if (baseUrl !== undefined && !/^https:\/\/[^\s]+\/$/u.test(baseUrl))
    return fail(`--base-url takes an https URL ending in /, not ${JSON.stringify(baseUrl)}`, usage)
  const started = performance.now()
  const result = await run({
    ...(baseUrl === undefined ? {} : { baseUrl }),
    command: command as "build" | "validate",
    rawDir: (values["raw"] as string | undefined) ?? "raw",
    outDir: (values["out"] as string | undefined) ?? "dist",
    cap,
    publicationFile,
    progress: (line) => process.stderr.write(`${line}\n`),
  })
  const github = process.env["GITHUB_ACTIONS"] === "true"
  for (const p of result.problems) {
    process.stderr.write(`${renderProblem(p)}\n`)
    if (github) process.stdout.write(`${renderGithubAnnotation(p)}\n`)
  }
  const reportFile = (values["report"] as string | undefined) ?? "validation-report.json"
  await writeFile(reportFile, jsonText(result.report))
  const { errors, warnings, partial } = result.report
  if (!result.ok) await writeSummary(failureSummary(command, result.problems, errors, warnings))
  else if (command === "build" && values["summary"] === true)
    await writePreview((values["out"] as string | undefined) ?? "dist", warnings)
  const listed = partial ? ` (${result.problems.length} listed)` : ""
  const seconds = ((performance.now() - started) / 1000).toFixed(2)
  process.stderr.write(
    result.ok
      ? `${command === "build" ? "release built" : "deliveries valid"}: ${counted(warnings, "warning")} (${seconds} s)\n`
      : `${counted(errors, "error")}, ${counted(warnings, "warning")}${listed}; ${command === "build" ? "nothing published" : "not valid"} (${seconds} s). Report: ${reportFile}\n`,
  )
  return result.ok ? 0 : 1
}
