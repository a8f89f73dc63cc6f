/**
 * Publishes a built release from a git checkout, if and only if the release folder changed:
 * commits the raw folder (new snapshots) and the release, tags the version, and pushes both.
 * Nothing is committed, tagged or pushed when the release is as committed.
 */
import { execFile } from "node:child_process"
import { existsSync } from "node:fs"
import { readFile } from "node:fs/promises"
import { join, resolve } from "node:path"
import { promisify } from "node:util"
import type { ChangeRecord } from "../catalog/changelog.ts"
import { commitMessage, releaseSummary, unchangedSummary } from "./summary.ts"

const exec = promisify(execFile)

const git = async (repo: string, ...args: string[]): Promise<string> =>
  (await exec("git", args, { cwd: repo, maxBuffer: 64 << 20 })).stdout.trim()

export interface PublishResult {
  readonly changed: boolean
  readonly version: string | undefined
  /** The tag made and pushed, or undefined when none was (nothing changed, or the version was tagged before). */
  readonly tag: string | undefined
  readonly commit: string | undefined
  readonly summary: string
}

export const publishRelease = async (options: {
  readonly repo: string
  readonly raw: string
  readonly out: string
  readonly remote: string
  readonly publication?: string
}): Promise<PublishResult> => {
  const repo = resolve(options.repo)
  const raw = resolve(options.raw)
  const out = resolve(options.out)
  const descriptorPath = join(out, "datapackage.json")
  const version = existsSync(descriptorPath)
    ? (JSON.parse(await readFile(descriptorPath, "utf8")) as { version?: string }).version
    : undefined
  // Whether anything under out/ changed: a file that differs from the last commit, or one git does not track.
  const changed = [
    await git(repo, "diff", "--name-only", "HEAD", "--", out),
    await git(repo, "ls-files", "--others", "--exclude-standard", "--", out),
  ].join("")
  if (changed === "") {
    return { changed: false, version, tag: undefined, commit: undefined, summary: unchangedSummary(version) }
  }
  if (version === undefined) throw new Error(`${descriptorPath} has no version: build the release first`)
  // The release may come from another job (the nightly's build): its version becomes a tag and an output.
  if (!/^[0-9]+\.[0-9]+\.[0-9]+$/u.test(version))
    throw new Error(`${descriptorPath} gives ${JSON.stringify(version)}, which is no version (MAJOR.MINOR.PATCH)`)
  const record = JSON.parse(await readFile(join(out, "changes.json"), "utf8")) as ChangeRecord
  const report = JSON.parse(await readFile(join(out, "validation-report.json"), "utf8")) as { warnings: number }
  const tag = `v${version}`
  const tagged = (await git(repo, "tag", "--list", tag)) !== ""
  // The publication's configuration goes with the release it configured (an address recorded by configure).
  const publication = options.publication === undefined ? undefined : resolve(options.publication)
  await git(
    repo,
    "add",
    "--all",
    "--",
    raw,
    out,
    ...(publication !== undefined && existsSync(publication) ? [publication] : []),
  )
  await git(repo, "commit", "--quiet", "--message", commitMessage(record, !tagged))
  if (!tagged) await git(repo, "tag", "--annotate", tag, "--message", `Release ${version}`)
  const branch = await git(repo, "rev-parse", "--abbrev-ref", "HEAD")
  await git(
    repo,
    "push",
    "--quiet",
    options.remote,
    `HEAD:refs/heads/${branch}`,
    ...(tagged ? [] : [`refs/tags/${tag}`]),
  )
  return {
    changed: true,
    version,
    tag: tagged ? undefined : tag,
    commit: await git(repo, "rev-parse", "HEAD"),
    summary: releaseSummary(record, tagged ? undefined : tag, report.warnings),
  }
}
