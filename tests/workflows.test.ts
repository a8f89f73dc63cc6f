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
    expect(ci).toContain("run: npx pipeline validate")
    expect(ci).toMatch(/pull_request:/)
    // The steps tests/pull-request.test.ts runs as commands, in this order.
    const order = ['run: npx pipeline scope --base "$BASE"', "run: npx pipeline build --summary", "run: npm start"].map(
      (c) => ci.indexOf(c),
    )
    expect(order.every((i) => i > 0)).toBe(true)
    expect([...order].sort((a, b) => a - b)).toEqual(order)
    expect(ci).toContain("fetch-depth: 0")
    expect(ci).toMatch(/if: steps\.scope\.outputs\.deliveries-only == 'true'\n {8}run: npx pipeline build --summary/)
    // A delivery's change says that the nightly run rebuilds dist/, instead of failing on it.
    expect(ci).toMatch(/if: steps\.scope\.outputs\.deliveries-only == 'true'\n {8}run: echo "::notice .*nightly run/)
    expect(ci).toMatch(/if: steps\.scope\.outputs\.deliveries-only != 'true'\n {8}run: npm start/)
    expect(ci).toMatch(/if: steps\.scope\.outputs\.deliveries-only != 'true'\n {8}run: git diff --exit-code -- dist/)
  })

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
    expect(nightly).toMatch(/ {2}build:\n[\s\S]*?permissions:\n {6}contents: write\n {6}pages: read\n/)
    expect(order.every((i) => i > 0)).toBe(true)
    expect([...order].sort((a, b) => a - b)).toEqual(order)
    expect(nightly).toContain("if: needs.build.outputs.changed == 'true'")
    expect(nightly).toContain("actions/upload-pages-artifact@")
    expect(nightly).toContain("actions/deploy-pages@")
    expect(nightly).toMatch(/report-failure:\n {4}needs: \[build, release, pages\]\n {4}if: failure\(\)/)
    expect(nightly).toMatch(/pages:\n[\s\S]*?permissions:\n {6}contents: read\n {6}pages: write\n {6}id-token: write/)
    expect(nightly).toMatch(/report-failure:[\s\S]*?permissions:\n {6}issues: write/)
  })
})
