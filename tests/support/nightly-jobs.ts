/**
 * The nightly workflow's jobs as a test runs them: a bare remote on disk; the build job's
 * checkout, fetched afresh each night, which reads and builds and cannot push; and the
 * publishing job's, which the workflow's own step hands the built raw/, dist/ and
 * publication.json, and which pushes.
 */
import { execFile } from "node:child_process"
import { cp, writeFile } from "node:fs/promises"
import { join, resolve } from "node:path"
import { pathToFileURL } from "node:url"
import { promisify } from "node:util"
import { pipeline } from "./run-cli.ts"
import { runStep } from "./workflow-steps.ts"
import { FIXTURE_RAW } from "./release-fixture.ts"

const exec = promisify(execFile)
export const git = async (cwd: string, ...args: string[]) => (await exec("git", args, { cwd })).stdout.trim()

export interface Checkouts {
  readonly remote: string
  /** The publishing job's checkout, which may push; also where changes are merged from. */
  readonly checkout: string
  /** The build job's checkout. */
  readonly builder: string
}

/** The remote with the repository's deliveries and configuration, and no release yet; the two checkouts. */
export const makeCheckouts = async (work: string): Promise<Checkouts> => {
  const [remote, checkout, builder] = ["remote.git", "checkout", "builder"].map((d) => join(work, d)) as [
    string,
    string,
    string,
  ]
  await exec("git", ["init", "--quiet", "--bare", "--initial-branch=main", remote])
  await exec("git", ["init", "--quiet", "--initial-branch=main", checkout])
  for (const [k, v] of [
    ["user.name", "Nightly test"],
    ["user.email", "nightly@example.org"],
    ["commit.gpgsign", "false"],
    ["tag.gpgsign", "false"],
  ])
    await git(checkout, "config", k!, v!)
  // The deliveries are a raw/ the test controls, not the repository's own.
  await cp(FIXTURE_RAW, join(checkout, "raw"), { recursive: true })
  await cp(resolve("publication.json"), join(checkout, "publication.json"))
  await git(checkout, "add", "--all")
  await git(checkout, "commit", "--quiet", "-m", "The deliveries")
  await git(checkout, "remote", "add", "origin", remote)
  await git(checkout, "push", "--quiet", "origin", "main")
  // The build job's checkout keeps no credentials: here, a push from it has nowhere to go.
  await exec("git", ["clone", "--quiet", remote, builder])
  await git(builder, "remote", "set-url", "--push", "origin", join(work, "no-push.git"))
  return { remote, checkout, builder }
}

/** A fresh checkout of the remote's main, as a job of the workflow begins with. */
const freshCheckout = async (dir: string) => {
  await git(dir, "fetch", "--quiet", "--tags", "origin")
  await git(dir, "reset", "--quiet", "--hard", "origin/main")
  await git(dir, "clean", "-fdq")
}

/** A change made between nights, as a merged pull request: committed and pushed to main. */
export const merge = async (c: Checkouts, message: string, change: () => Promise<unknown>) => {
  await freshCheckout(c.checkout)
  await change()
  await git(c.checkout, "add", "--all")
  await git(c.checkout, "commit", "--quiet", "-m", message)
  await git(c.checkout, "push", "--quiet", "origin", "main")
}

/** The workflow's jobs as pipeline commands, on the night of `date`, with GitHub's files in `github`. */
export const night = async (
  c: Checkouts,
  options: {
    readonly date: string
    readonly kolada: string
    readonly pages: string
    readonly repository: string
    readonly github: { readonly output: string; readonly summary: string }
    readonly report: string
  },
) => {
  const env = {
    GITHUB_ACTIONS: "true",
    GITHUB_OUTPUT: options.github.output,
    GITHUB_STEP_SUMMARY: options.github.summary,
  }
  await writeFile(options.github.output, "")
  await writeFile(options.github.summary, "")
  // The build job: it reads the deliveries and the sources, and builds.
  await freshCheckout(c.builder)
  const [raw, out, publication] = ["raw", "dist", "publication.json"].map((f) => join(c.builder, f)) as [
    string,
    string,
    string,
  ]
  const addresses = ["--base-url", options.pages, "--repository", options.repository]
  const configured = await pipeline(["configure", ...addresses, "--publication", publication], env)
  if (configured.status !== 0) throw new Error(configured.stderr)
  // The snapshot is fetched on the night replayed: its clock is set to that night.
  const snapshot = await pipeline(
    ["snapshot", "kolada", "--url", options.kolada, "--raw", raw, "--date", options.date],
    {
      ...env,
      NODE_OPTIONS: `--import=${pathToFileURL(resolve("tests/support/clock-at.mjs")).href}`,
      CLOCK_AT: `${options.date}T02:00:00Z`,
    },
  )
  if (snapshot.status !== 0) return { snapshot, built: undefined, published: undefined }
  const built = await pipeline(
    ["build", "--raw", raw, "--out", out, "--report", options.report, "--publication", publication],
    env,
  )
  if (built.status !== 0) return { snapshot, built, published: undefined }
  // The publishing job: its own fresh checkout, given the build job's raw/, dist/ and publication.json.
  await freshCheckout(c.checkout)
  await runStep("nightly.yml", "Put the built raw/, dist/ and publication.json in place", c.checkout, {
    BUILT: c.builder,
  })
  const [ownRaw, ownOut, ownPublication] = ["raw", "dist", "publication.json"].map((f) => join(c.checkout, f))
  const published = await pipeline(
    ["publish", "--repo", c.checkout, "--raw", ownRaw!, "--out", ownOut!, "--publication", ownPublication!],
    env,
  )
  return { snapshot, built, published }
}
