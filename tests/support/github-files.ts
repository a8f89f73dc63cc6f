/** The files GitHub Actions gives a step, as tests read them back. */
import { readFile } from "node:fs/promises"

/** The `name=value` lines a step wrote to $GITHUB_OUTPUT, as an object. */
export const readOutputs = async (path: string): Promise<Record<string, string>> =>
  Object.fromEntries(
    (await readFile(path, "utf8"))
      .trim()
      .split("\n")
      .filter((l) => l !== "")
      .map((l) => l.split(/=(.*)/s).slice(0, 2) as [string, string]),
  )
