#!/usr/bin/env node
// Entry point of the `pipeline` command: runs the TypeScript sources through tsx.
import { register } from "tsx/esm/api"

// A reader that stops early (`pipeline --help | head`) is not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (e) => {
    if (e.code === "EPIPE") process.exit(process.exitCode ?? 0)
    throw e
  })
}

register()
try {
  const { main } = await import("../pipeline/cli/main.ts")
  process.exitCode = await main(process.argv.slice(2))
} catch (e) {
  // A fault of the pipeline itself, not of the input: say so, and fail. Nothing was published.
  process.stderr.write(`pipeline: internal error, nothing was published: ${e instanceof Error ? e.stack : String(e)}\n`)
  process.exitCode = 1
}
