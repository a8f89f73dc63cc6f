#!/usr/bin/env node
// Entry point of the `pipeline` command. A build whose inputs, definitions and code are
// unchanged is skipped here, before the pipeline is loaded (bundled, see load-pipeline.mjs).
import { readFileSync } from "node:fs"
import { parseArgs } from "node:util"
import { resolve } from "node:path"
import { DEFAULT_STORE, remember, ROOT, unchangedSince } from "./build-cache.mjs"
import { loadPipeline } from "./load-pipeline.mjs"

// A reader that stops early (`pipeline --help | head`) is not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (e) => {
    if (e.code === "EPIPE") process.exit(process.exitCode ?? 0)
    throw e
  })
}

const argv = process.argv.slice(2)
// The build's options as pipeline/cli/options.ts defines them (written by `pipeline generate`);
// without them, every build goes to the full command line.
const buildOptionsDefined = () => {
  try {
    return JSON.parse(readFileSync(new URL("build-options.json", import.meta.url), "utf8"))
  } catch {
    return undefined
  }
}
// The options of a build, if this is one (with no command, the command is build).
const buildOptions = () => {
  const args = argv[0] === "build" ? argv.slice(1) : argv[0] === undefined || argv[0].startsWith("-") ? argv : undefined
  const options = buildOptionsDefined()
  if (args === undefined || options === undefined) return undefined
  try {
    const { values } = parseArgs({
      args,
      options,
    })
    // Help, and options that contradict each other, go to the full command line.
    return values.help || (values.cache !== undefined && values["no-cache"])
      ? undefined
      : {
          raw: values.raw ?? "raw",
          out: values.out ?? "dist",
          baseUrl: values["base-url"],
          publication: values.publication,
          store: values.cache === undefined ? DEFAULT_STORE : resolve(values.cache),
        }
  } catch {
    return undefined // the full command line reports it
  }
}

const build = buildOptions()
if (build !== undefined) {
  const started = performance.now()
  const key = await unchangedSince(build.store, build.raw, build.out, build.baseUrl, build.publication)
  if (key !== undefined) {
    process.stderr.write(
      `skipped: ${build.raw}, the dataset definitions and the code hash to ${key.slice(0, 12)}, as when the release in ${build.out} was built, and it is intact; ${build.out} left as it is (${((performance.now() - started) / 1000).toFixed(2)} s)\n`,
    )
    process.exit(0)
  }
}

try {
  const { main, codeKey } = await loadPipeline()
  process.exitCode = await main(argv, ROOT, codeKey)
  if (process.exitCode === 0 && build !== undefined)
    await remember(build.store, build.raw, build.out, build.baseUrl, build.publication)
} catch (e) {
  const text = e instanceof Error ? `${e.message}` : String(e)
  if (/ENOSPC|No space left on device/u.test(text)) {
    // The disk filled up while the release was being written: the staging folder is gone again.
    process.stderr.write(
      `pipeline: no space left on the device while writing the release: nothing was published${build === undefined ? "" : `, and ${build.out} is as it was`}; free some space and run again (${text.split("\n")[0]})\n`,
    )
  } else {
    // A fault of the pipeline itself, not of the input: say so, and fail. Nothing was published.
    // Its message may quote an input: no line of it is left a workflow command (as terminalLine
    // in pipeline/shared/escape-text.ts does, which may not have loaded).
    const lines = (e instanceof Error ? (e.stack ?? e.message) : String(e))
      .split(/\r\n|\r|\n/u)
      .map((l) => l.replaceAll("##[", "#\\u0023[").replace(/^(\s*)::/u, "$1\\u003a:"))
    process.stderr.write(`pipeline: internal error, nothing was published: ${lines.join("\n")}\n`)
  }
  process.exitCode = 1
}
