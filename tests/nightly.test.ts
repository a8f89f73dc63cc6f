/**
 * The nightly sequence as the workflow runs it — build, then publish — against a git checkout
 * with a bare remote on disk, and files for GITHUB_OUTPUT and GITHUB_STEP_SUMMARY: a commit and
 * a tag only when the data changed, nothing on a second run, a summary naming the changes, and a
 * failing delivery that leaves the remote untouched and fails with annotations.
 */
import { execFile } from "node:child_process"
import { cp, readFile, rm, writeFile } from "node:fs/promises"
import { join, resolve } from "node:path"
import { promisify } from "node:util"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { editDelivery } from "./support/raw-copy.ts"
import { tempDir } from "./support/run-build.ts"
import { pipeline } from "./support/run-cli.ts"

const exec = promisify(execFile)
const git = async (cwd: string, ...args: string[]) => (await exec("git", args, { cwd })).stdout.trim()

describe("the nightly sequence against a git remote on disk", () => {
  let work: string
  let remote: string
  let checkout: string
  let output: string
  let summary: string
  const env = () => ({ GITHUB_ACTIONS: "true", GITHUB_OUTPUT: output, GITHUB_STEP_SUMMARY: summary })
  const nightly = async () => {
    await writeFile(output, "")
    await writeFile(summary, "")
    const built = await pipeline(["build", "--raw", join(checkout, "raw"), "--out", join(checkout, "dist"), "--report", join(work, "report.json")], env())
    if (built.status !== 0) return { built, published: undefined }
    const published = await pipeline(["publish", "--repo", checkout, "--raw", join(checkout, "raw"), "--out", join(checkout, "dist")], env())
    return { built, published }
  }
  const outputs = async () => Object.fromEntries((await readFile(output, "utf8")).trim().split("\n").filter((l) => l !== "").map((l) => l.split(/=(.*)/s).slice(0, 2)))
  const remoteState = async () => ({ head: await git(remote, "rev-parse", "refs/heads/main"), tags: await git(remote, "tag", "--list") })

  beforeAll(async () => {
    work = await tempDir("nightly")
    remote = join(work, "remote.git")
    checkout = join(work, "checkout")
    output = join(work, "github-output")
    summary = join(work, "step-summary.md")
    await exec("git", ["init", "--quiet", "--bare", "--initial-branch=main", remote])
    await exec("git", ["init", "--quiet", "--initial-branch=main", checkout])
    for (const [k, v] of [["user.name", "Nightly test"], ["user.email", "nightly@example.org"], ["commit.gpgsign", "false"], ["tag.gpgsign", "false"]]) await git(checkout, "config", k!, v!)
    await cp(resolve("raw"), join(checkout, "raw"), { recursive: true })
    await cp(resolve("dist"), join(checkout, "dist"), { recursive: true })
    await git(checkout, "add", "--all")
    await git(checkout, "commit", "--quiet", "-m", "The release as committed")
    await git(checkout, "remote", "add", "origin", remote)
    await git(checkout, "push", "--quiet", "origin", "main")
  })
  afterAll(() => rm(work, { recursive: true, force: true }))

  it("changes nothing when nothing changed", async () => {
    const before = await remoteState()
    const { built, published } = await nightly()
    expect(built.status, built.stderr).toBe(0)
    expect(published?.status, published?.stderr).toBe(0)
    expect(await outputs()).toMatchObject({ changed: "false", tag: "" })
    expect(await readFile(summary, "utf8")).toContain("Nothing changed")
    expect(await remoteState()).toEqual(before)
  }, 60_000)

  it("commits, tags and pushes when the data changed, and names the change", async () => {
    const before = await remoteState()
    await editDelivery(join(checkout, "raw"), "reference/lan.csv", "01,Stockholms", "01,Stockholmz", true)
    const { built, published } = await nightly()
    expect(built.status, built.stderr).toBe(0)
    expect(published?.status, published?.stderr).toBe(0)
    const version = (JSON.parse(await readFile(join(checkout, "dist", "datapackage.json"), "utf8")) as { version: string }).version
    const out = await outputs()
    expect(out).toMatchObject({ changed: "true", version, tag: `v${version}` })
    const after = await remoteState()
    expect(after.head).not.toBe(before.head)
    expect(after.head).toBe(out["commit"])
    expect(after.tags.split("\n")).toContain(`v${version}`)
    const message = await git(remote, "log", "-1", "--format=%B", "main")
    expect(message).toMatch(new RegExp(`^Release ${version.replaceAll(".", "\\.")}: counties: 1 changed`))
    const files = await git(remote, "show", "--name-only", "--format=", "main")
    expect(files.split("\n")).toEqual(expect.arrayContaining(["raw/reference/lan.csv", "raw/manifest.json", "dist/data/counties.csv", "dist/changes.json"]))
    const text = await readFile(summary, "utf8")
    expect(text).toContain(`## Release ${version}`)
    expect(text).toMatch(/\| counties \| 21 \| 0 \| 0 \| 1 \|/)
  }, 60_000)

  it("does nothing on a second run", async () => {
    const before = await remoteState()
    const { published } = await nightly()
    expect(published?.status).toBe(0)
    expect(await outputs()).toMatchObject({ changed: "false" })
    expect(await remoteState()).toEqual(before)
  }, 60_000)

  it("leaves the remote untouched and fails with annotations when a delivery is bad", async () => {
    const before = await remoteState()
    await editDelivery(join(checkout, "raw"), "reference/lan.csv", "01,Stockholmz", "1,Stockholmz", true)
    const { built, published } = await nightly()
    expect(built.status).toBe(1)
    expect(published).toBeUndefined()
    expect(built.stdout).toMatch(/^::error file=.*reference\/lan\.csv,line=2,col=1,title=cell\/constraint::/m)
    const text = await readFile(summary, "utf8")
    expect(text).toMatch(/^## Build failed: [0-9]+ errors/m)
    expect(text).toMatch(/reference\/lan\.csv:2:1: cell\/constraint: /)
    expect(await remoteState()).toEqual(before)
  }, 60_000)
})
