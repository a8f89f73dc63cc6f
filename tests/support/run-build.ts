/** Runs the pipeline on a folder, as the CLI would, for tests. */
import { mkdtemp } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join, relative, resolve } from "node:path"
import { run, type RunOptions, type RunResult } from "../../pipeline/run/run.ts"

export const tempDir = (prefix: string) => mkdtemp(join(tmpdir(), `${prefix}-`))

export const build = (
  rawDir: string,
  outDir: string,
  command: "build" | "validate" = "build",
  tokenizerOnly = false,
  more: Partial<RunOptions> = {},
): Promise<RunResult> => run({ command, rawDir, outDir, tokenizerOnly, ...more })

/** A problem's location with its file relative to the raw folder: what golden files record. */
export const located = (result: RunResult, rawDir: string) =>
  result.problems.map((p) => ({
    code: p.code,
    file: relative(resolve(rawDir), resolve(p.file)).split("\\").join("/"),
    line: p.line ?? null,
    column: p.column ?? null,
  }))
