// Loaded with `--import` into a command run by a test: as the process exits, it writes its peak
// resident memory in kilobytes (everything it held: JavaScript's heap, buffers, DuckDB) to the
// file named by PEAK_MEMORY_FILE.
import { writeFileSync } from "node:fs"

process.on("exit", () => {
  if (process.env.PEAK_MEMORY_FILE) writeFileSync(process.env.PEAK_MEMORY_FILE, String(process.resourceUsage().maxRSS))
})
