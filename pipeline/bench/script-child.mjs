// Runs the script a user would write instead of the pipeline (../shared/bench/duckdb-script.mjs)
// in its own process, as its usage says, and prints, as the last line of stdout, what it printed
// (its seconds and rows kept) and the peak resident memory of the whole process.
import { pathToFileURL } from "node:url"

const [script, rawDir, outDir] = process.argv.slice(2)
process.argv = [process.argv[0], script, rawDir, outDir]
let printed = ""
const log = console.log
console.log = (...args) => {
  printed = args.join(" ")
}
await import(pathToFileURL(script).href)
console.log = log
const [seconds, rows] = printed.trim().split(/\s+/u).map(Number)
process.stdout.write(`${JSON.stringify({ seconds, rows, peak_rss_mb: process.resourceUsage().maxRSS / 1024 })}\n`)
