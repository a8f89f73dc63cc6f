/**
 * The site in a real browser: Debian's Chromium driven by playwright-core, the release of a raw/
 * the test controls (tests/support/release-fixture.ts) served by an HTTP server on 127.0.0.1
 * under a sub-path, as GitHub Pages serves it. Every page loads
 * without console errors or requests elsewhere, every link answers, each download's SHA-256 is
 * the one listed, axe-core finds no WCAG 2.1 A/AA violation, the keyboard reaches the content;
 * a screenshot of each page is written to .tmp/screenshots for review.
 */
import { createHash } from "node:crypto"
import { existsSync } from "node:fs"
import { mkdir, readFile, rm } from "node:fs/promises"
import { createServer, type Server } from "node:http"
import type { AddressInfo } from "node:net"
import { createRequire } from "node:module"
import { extname, join, resolve } from "node:path"
import { chromium, type Browser } from "playwright-core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { listFiles } from "../pipeline/shared/files.ts"
import { DATASETS } from "../schemas/datasets/index.ts"
import { fixtureRelease } from "./support/release-fixture.ts"
import { tempDir } from "./support/run-build.ts"

const CHROMIUM = "/usr/bin/chromium"
const present = existsSync(CHROMIUM)
if (!present) console.warn(`skipping the browser tests: ${CHROMIUM} is absent (apt-get install chromium)`)

const PREFIX = "/kranskommuner/"
const SHOTS = resolve(".tmp", "screenshots")
const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css",
  ".json": "application/json",
  ".csv": "text/csv",
  ".md": "text/markdown; charset=utf-8",
}
const axeSource = async () => readFile(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8")

describe.skipIf(!present)("the site in Chromium", () => {
  let server: Server
  let base: string
  let browser: Browser
  let pages: string[]
  let work: string
  let release: string
  beforeAll(async () => {
    work = await tempDir("site")
    release = (await fixtureRelease(work)).out
    // A static server like GitHub Pages: the release under a sub-path, nothing else.
    server = createServer(async (req, res) => {
      const path = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname)
      const file = path.startsWith(PREFIX) ? join(release, path.slice(PREFIX.length) || "index.html") : undefined
      if (file === undefined || !file.startsWith(release) || !existsSync(file)) {
        res.writeHead(404).end("Not Found")
        return
      }
      res
        .writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" })
        .end(await readFile(file))
    })
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r))
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}${PREFIX}`
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    })
    pages = (await listFiles(release)).filter((f) => f.endsWith(".html"))
    await mkdir(SHOTS, { recursive: true })
  }, 60_000)
  afterAll(async () => {
    await browser?.close()
    server?.closeAllConnections()
    await new Promise((r) => server?.close(r))
    await rm(work, { recursive: true, force: true })
  })

  it("has a front page, a page per dataset and the 4K project's page", () => {
    expect(pages).toEqual(
      expect.arrayContaining([
        "index.html",
        "datasets/projects.html",
        "datasets/indicator_values.html",
        "projects/4k.html",
      ]),
    )
    expect(pages.filter((p) => p.startsWith("datasets/"))).toHaveLength(DATASETS.length)
  })

  it("loads every page with no console error, no request elsewhere and no WCAG 2.1 AA violation", async () => {
    const axe = await axeSource()
    for (const path of pages) {
      const context = await browser.newContext({ viewport: { width: 1200, height: 900 } })
      const page = await context.newPage()
      const problems: string[] = []
      page.on("console", (m) => {
        if (m.type() === "error" || m.type() === "warning") problems.push(`console ${m.type()}: ${m.text()}`)
      })
      page.on("pageerror", (e) => problems.push(`page error: ${e.message}`))
      await page.route("**/*", (route) => {
        if (route.request().url().startsWith(base)) return route.continue()
        problems.push(`request elsewhere: ${route.request().url()}`)
        return route.abort()
      })
      const response = await page.goto(`${base}${path}`)
      expect(response?.status(), path).toBe(200)
      expect(await page.locator("html").getAttribute("lang"), path).toBe("sv")
      await page.addScriptTag({ content: axe })
      // Runs in the page: its globals are the browser's.
      const violations = await page.evaluate(async () => {
        const g = globalThis as unknown as {
          document: unknown
          axe: { run: (c: unknown, o: unknown) => Promise<{ violations: Array<{ id: string; nodes: unknown[] }> }> }
        }
        const result = await g.axe.run(g.document, {
          runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
        })
        return result.violations.map((v) => `${v.id} (${v.nodes.length})`)
      })
      expect(violations, path).toEqual([])
      await page.screenshot({ path: join(SHOTS, `${path.replaceAll("/", "_")}.png`), fullPage: true })
      expect(problems, path).toEqual([])
      await context.close()
    }
  }, 120_000)

  it("answers every link of every page, and each download has the SHA-256 its page lists", async () => {
    const page = await browser.newPage()
    const checked = new Map<string, number>()
    const external = new Set<string>()
    for (const path of pages) {
      await page.goto(`${base}${path}`)
      const links = await page.$$eval("a[href]", (as) =>
        as.map((a) => ({ href: (a as unknown as { href: string }).href, sha256: a.getAttribute("data-sha256") })),
      )
      for (const { href, sha256 } of links) {
        const url = new URL(href)
        if (!href.startsWith(base)) {
          external.add(href)
          continue
        }
        if (url.hash !== "" && url.pathname === new URL(`${base}${path}`).pathname) {
          expect(await page.locator(`[id="${url.hash.slice(1)}"]`).count(), `${path} ${href}`).toBe(1)
          continue
        }
        const key = url.origin + url.pathname
        if (!checked.has(key) || sha256 !== null) {
          const answer = await fetch(key)
          checked.set(key, answer.status)
          const body = Buffer.from(await answer.arrayBuffer())
          if (sha256 !== null) expect(createHash("sha256").update(body).digest("hex"), href).toBe(sha256)
        }
        expect(checked.get(key), `${path} → ${href}`).toBe(200)
      }
    }
    expect(checked.size).toBeGreaterThan(60)
    // The only links away from the site are the licences' own pages.
    expect([...external].every((h) => h.startsWith("http://creativecommons.org/"))).toBe(true)
    await page.close()
  }, 120_000)

  // Whatever a delivery says (a name, a reason, a value in the change record), a link leads only
  // to an http(s) address or within the site: no javascript:, data: or any other scheme.
  it("has on every page only hrefs that are http(s) addresses or relative", async () => {
    const page = await browser.newPage()
    for (const path of pages) {
      await page.goto(`${base}${path}`)
      const hrefs = await page.$$eval("[href]", (elements) =>
        elements.map((e) => ({
          written: e.getAttribute("href") ?? "",
          protocol: new URL((e as unknown as { href: string }).href).protocol,
        })),
      )
      expect(hrefs.length, path).toBeGreaterThan(0)
      for (const { written, protocol } of hrefs) {
        expect(written, path).toMatch(/^(https?:\/\/|[^:]*$|[^:]*[/?#])/iu)
        expect(["http:", "https:"], `${path} ${written}`).toContain(protocol)
      }
    }
    await page.close()
  })

  it("lets the keyboard skip to the content", async () => {
    const page = await browser.newPage()
    await page.goto(`${base}index.html`)
    await page.keyboard.press("Tab")
    const focused = () => page.locator("*:focus")
    expect(await focused().textContent()).toContain("Till innehållet")
    await page.keyboard.press("Enter")
    expect(await focused().getAttribute("id")).toBe("main")
    await page.keyboard.press("Tab")
    expect(await page.locator("main *:focus").count()).toBe(1)
    await page.close()
  })

  it("shows a missing indicator value as missing, with its reason, never as 0", async () => {
    const page = await browser.newPage()
    await page.goto(`${base}projects/4k.html`)
    const figure = page.locator("figure", { hasText: "Nya arbetstillfällen" })
    expect(await figure.locator("svg").count()).toBe(5)
    expect(await figure.locator("svg text", { hasText: "källan inte tillgänglig" }).count()).toBe(5)
    expect(await figure.locator("svg circle").count()).toBe(0)
    await figure.locator("summary").click()
    const cells = await figure.locator("tbody td").allTextContents()
    expect(cells.length).toBeGreaterThan(0)
    expect(cells.every((c) => c.startsWith("källan inte tillgänglig (not available)"))).toBe(true)
    // The page says why: the delivery of the values explains it.
    expect(await page.locator("#indicators + p + ul").textContent()).toContain(
      "the page's section on results ('Vad ledde projektet till?') is empty",
    )
    await page.close()
  })
})
