/**
 * The GitHub Actions workflows, checked offline: valid against the workflow schema
 * (action-validator), actions pinned to commit SHAs, least privilege, time limits, and the
 * steps being the pipeline's own commands, which the other tests run locally.
 */
import { execFile } from "node:child_process"
import { readFile, rm, writeFile } from "node:fs/promises"
import { join, resolve } from "node:path"
import { promisify } from "node:util"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { tempDir } from "./support/run-build.ts"

const exec = promisify(execFile)
const VALIDATOR = resolve("node_modules", ".bin", "action-validator")
const WORKFLOWS = ["ci.yml", "nightly.yml"]

const validate = async (path: string) => {
  try {
    await exec(VALIDATOR, [path])
    return { status: 0, output: "" }
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string }
    return { status: err.code, output: `${err.stdout}${err.stderr}` }
  }
}

describe("the workflows", () => {
  let work: string
  const text: Record<string, string> = {}
  beforeAll(async () => {
    work = await tempDir("workflows")
    for (const w of WORKFLOWS) text[w] = await readFile(resolve(".github", "workflows", w), "utf8")
  })
  afterAll(() => rm(work, { recursive: true, force: true }))

  it.each(WORKFLOWS)("%s is valid against the GitHub Actions workflow schema", async (w) => {
    const { status, output } = await validate(resolve(".github", "workflows", w))
    expect(output).toBe("")
    expect(status).toBe(0)
  })

  it("the validator finds a broken workflow", async () => {
    const broken = join(work, "broken.yml")
    await writeFile(broken, text["nightly.yml"]!.replace("runs-on: ubuntu-24.04", "runs_on: ubuntu-24.04"))
    expect((await validate(broken)).status).toBe(1)
  })

  it.each(WORKFLOWS)("%s pins every action to a commit SHA and limits every job's time and rights", (w) => {
    const uses = [...text[w]!.matchAll(/uses: (\S+)/g)].map((m) => m[1]!)
    expect(uses.length).toBeGreaterThan(1)
    for (const u of uses) expect(u).toMatch(/^[\w.-]+\/[\w.-]+@[0-9a-f]{40}$/)
    expect(text[w]).toMatch(/^permissions:/m)
    const jobs = text[w]!.split(/^jobs:\n/m)[1]!
      .split(/^ {2}(?=[a-z-]+:\n)/m)
      .filter((j) => j.trim() !== "")
    for (const job of jobs) expect(job, job.split("\n")[0]).toMatch(/\n {4}timeout-minutes: \d+/)
  })

  it("ci tests, validates raw/ with annotations, builds a delivery with its summary, and holds code to dist/; read-only", () => {
    const ci = text["ci.yml"]!
    expect(ci).toMatch(/^permissions:\n {2}contents: read\n/m)
    expect(ci).toContain("run: npm test")
    // .github/CODEOWNERS among the derived files: who reviews what is the register's.
    expect(ci).toContain("run: npx pipeline generate --check")
    expect(ci).toContain("run: npx pipeline validate")
    expect(ci).toMatch(/pull_request:/)
    // The steps tests/pull-request.test.ts runs as commands, in this order.
    const order = ['run: npx pipeline scope --base "$BASE"', "run: npx pipeline build --summary", "run: npm start"].map(
      (c) => ci.indexOf(c),
    )
    expect(order.every((i) => i > 0)).toBe(true)
    expect([...order].sort((a, b) => a - b)).toEqual(order)
    expect(ci).toContain("fetch-depth: 0")
    expect(ci).toContain("persist-credentials: false")
    expect(ci).toMatch(/if: steps\.scope\.outputs\.deliveries-only == 'true'\n {8}run: npx pipeline build --summary/)
    // A delivery's change says that the nightly run rebuilds dist/, instead of failing on it.
    expect(ci).toMatch(/if: steps\.scope\.outputs\.deliveries-only == 'true'\n {8}run: echo "::notice .*nightly run/)
    expect(ci).toMatch(/if: steps\.scope\.outputs\.deliveries-only != 'true'\n {8}run: npm start/)
    expect(ci).toMatch(/if: steps\.scope\.outputs\.deliveries-only != 'true'\n {8}run: git diff --exit-code -- dist/)
  })

  /** A workflow's jobs by name, each as its text. */
  const jobsOf = (workflow: string): Record<string, string> =>
    Object.fromEntries(
      workflow
        .split(/^jobs:\n/m)[1]!
        .split(/^ {2}(?=[a-z-]+:\n)/m)
        .filter((j) => j.trim() !== "")
        .map((j) => [j.slice(0, j.indexOf(":")), j]),
    )

  it("nightly snapshots, builds and publishes with pipeline commands, and grants rights job by job", () => {
    const nightly = text["nightly.yml"]!
    expect(nightly).toMatch(/schedule:\n {4}- cron: "[^"]+"\n {2}workflow_dispatch:/)
    expect(nightly).toMatch(/^permissions: \{\}$/m)
    expect(nightly).toMatch(/^concurrency:\n {2}group: nightly\n {2}cancel-in-progress: false$/m)
    const order = [
      'npx pipeline configure --base-url "$BASE_URL" --repository "$REPOSITORY"',
      "npx pipeline snapshot",
      "npx pipeline build",
      "npx pipeline publish",
    ].map((c) => nightly.indexOf(`run: ${c}`))
    // The address comes from GitHub Pages, passed through the environment, never pasted into the script.
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub Actions expression, not a template
    expect(nightly).toContain("BASE_URL: ${{ steps.pages.outputs.base_url }}")
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub Actions expression, not a template
    expect(nightly).toContain("REPOSITORY: ${{ github.server_url }}/${{ github.repository }}")
    expect(order.every((i) => i > 0)).toBe(true)
    expect([...order].sort((a, b) => a - b)).toEqual(order)
    const jobs = jobsOf(nightly)
    expect(Object.keys(jobs)).toEqual(["build", "publish", "release", "pages", "report-failure"])
    expect(jobs["release"]).toContain("if: needs.publish.outputs.changed == 'true'")
    expect(jobs["pages"]).toContain("if: needs.publish.outputs.changed == 'true'")
    expect(jobs["pages"]).toContain("actions/upload-pages-artifact@")
    expect(jobs["pages"]).toContain("actions/deploy-pages@")
    expect(nightly).toMatch(/report-failure:\n {4}needs: \[build, publish, release, pages\]\n {4}if: failure\(\)/)
    expect(jobs["pages"]).toMatch(/permissions:\n {6}contents: read\n {6}pages: write\n {6}id-token: write/)
    expect(jobs["report-failure"]).toMatch(/permissions:\n {6}issues: write/)
  })

  it("nightly reads and builds the deliveries with no token that can write, and publishes in a job that runs only its own code", () => {
    const jobs = jobsOf(text["nightly.yml"]!)
    const build = jobs["build"]!
    const publish = jobs["publish"]!
    // The job that reads untrusted input: read-only rights, and its checkout keeps no credentials.
    expect(build).toMatch(/\n {4}permissions:\n {6}contents: read\n {6}pages: read\n {4}steps:/)
    expect(build).not.toMatch(/: write/)
    expect(build).toMatch(/uses: actions\/checkout@\S+ # \S+\n {8}with:\n {10}persist-credentials: false\n/)
    for (const c of ["pipeline configure", "pipeline snapshot", "pipeline build"]) expect(build).toContain(`npx ${c}`)
    expect(build).not.toContain("pipeline publish")
    expect(build).not.toMatch(/git (push|commit|tag)/)
    // It hands over the built release, and only that.
    expect(build).toMatch(
      /uses: actions\/upload-artifact@\S+ # \S+\n {8}with:\n {10}name: release\n {10}path: \|\n {12}raw\/\n {12}dist\/\n {12}publication\.json\n/,
    )
    // The job that may push reads no delivery and runs no build: it publishes what it was handed.
    expect(publish).toMatch(/\n {4}needs: build\n/)
    expect(publish).toMatch(/\n {4}permissions:\n {6}contents: write\n {4}outputs:/)
    for (const c of ["pipeline configure", "pipeline snapshot", "pipeline build", "npm start"])
      expect(publish).not.toContain(c)
    expect(publish).toContain("run: npx pipeline publish")
    // The artifact is fetched beside the checkout, after the code is installed, and only raw/, dist/ and
    // publication.json are taken from it.
    expect(publish).toMatch(
      /uses: actions\/download-artifact@\S+ # \S+\n {8}with:\n {10}name: release\n {10}path: \$\{\{ runner\.temp \}\}\/release\n/,
    )
    expect(publish).toContain(
      'rm -rf raw dist publication.json\n          cp -R "$BUILT/raw" "$BUILT/dist" "$BUILT/publication.json" .\n',
    )
    const at = (s: string) => publish.indexOf(s)
    expect(at("npm ci")).toBeLessThan(at("actions/download-artifact@"))
    expect(at("actions/download-artifact@")).toBeLessThan(at("run: npx pipeline publish"))
    // Every other job that checks out the repository keeps no credentials in it.
    for (const name of ["release", "pages"]) expect(jobs[name], name).toMatch(/persist-credentials: false/)
  })
})
