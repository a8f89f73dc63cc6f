// Runs one build in its own process, as `npm start` does (the bundled pipeline under plain
// Node), keeping normalized deliveries in CACHEDIR when it is given, and prints, as the last
// line of stdout, its time and the peak resident memory of the whole process (DuckDB included),
// and the codes of the problems it found.
import { remember } from "../../bin/build-cache.mjs"
import { loadPipeline } from "../../bin/load-pipeline.mjs"

const [rawDir, outDir, cacheDir] = process.argv.slice(2)
const { run, codeKey } = await loadPipeline()
const started = performance.now()
const result = await run({
  command: "build",
  rawDir,
  outDir,
  progress: (l) => process.stderr.write(`  ${l}\n`),
  ...(cacheDir === undefined ? {} : { cache: { dir: cacheDir, codeKey } }),
})
const seconds = (performance.now() - started) / 1000
// As `npm start` does after a build: what it was built from is remembered, so that the same
// build again is skipped.
if (result.ok && cacheDir !== undefined) await remember(cacheDir, rawDir, outDir)
process.stdout.write(
  `${JSON.stringify({
    ok: result.ok,
    seconds,
    peak_rss_mb: process.resourceUsage().maxRSS / 1024,
    errors: result.report.errors,
    warnings: result.report.warnings,
    first_problems: result.problems.slice(0, 3),
    codes: [...new Set(result.problems.map((p) => p.code))],
  })}\n`,
)
