/**
 * What a change touches: only deliveries (raw/), which a pull request may bring without a
 * rebuilt dist/ (the nightly publishes them), or code and the release too, which must come
 * with the dist/ they build.
 */
import { execFile } from "node:child_process"
import { promisify } from "node:util"

const exec = promisify(execFile)

export interface ChangeScope {
  /** Every path the change touches, relative to the repository. */
  readonly paths: ReadonlyArray<string>
  /** The paths outside raw/: none when the change is deliveries only. */
  readonly beyondRaw: ReadonlyArray<string>
  readonly deliveriesOnly: boolean
}

/** Pure: the scope of a list of changed paths. An empty change is not a delivery. */
export const scopeOf = (paths: ReadonlyArray<string>): ChangeScope => {
  const beyondRaw = paths.filter((p) => !p.startsWith("raw/"))
  return { paths, beyondRaw, deliveriesOnly: paths.length > 0 && beyondRaw.length === 0 }
}

/** The paths changed between `base` and the work tree's HEAD, with git. */
export const changeScope = async (repo: string, base: string): Promise<ChangeScope> => {
  const { stdout } = await exec("git", ["-C", repo, "diff", "--name-only", "--no-renames", base, "HEAD", "--"])
  return scopeOf(stdout.split("\n").filter((l) => l !== ""))
}
