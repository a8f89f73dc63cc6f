/**
 * The site in a real browser: Debian's Chromium driven by playwright-core, the release of a raw/
 * the test controls (tests/support/release-fixture.ts, with the sources' real files where
 * ../shared has them), built with an address and a publisher so that it has a catalogue, served
 * by an HTTP server on 127.0.0.1 under a sub-path, as GitHub Pages serves it. Every page loads
 * without console errors or requests elsewhere, every link answers, each download's SHA-256 is
 * the one listed, axe-core finds no WCAG 2.1 A/AA violation, the keyboard reaches the content,
 * a phone's width holds every page, and every place of a page the catalogue names is there; a
 * screenshot of each page is written to .tmp/screenshots for review.
 */
import { createHash } from "node:crypto"
import { existsSync } from "node:fs"
import { mkdir, readFile, rm, writeFile } from "node:fs/promises"
import { createRequire } from "node:module"
import { join, resolve } from "node:path"
import { Parser } from "n3"
import type { Browser } from "playwright-core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { listFiles } from "../pipeline/shared/files.ts"
import { DATASETS } from "../schemas/datasets/index.ts"
import { CONFIGURED } from "./support/dcat-ap-se.ts"
import { triples } from "./support/rdf-read.ts"
import { ALL_SOURCES, fixtureRaw, sharedHas } from "./support/release-fixture.ts"
import { build, tempDir } from "./support/run-build.ts"
import { CHROMIUM, launchChromium, serveRelease } from "./support/site-browser.ts"

const present = existsSync(CHROMIUM)
if (!present) console.warn(`skipping the browser tests: ${CHROMIUM} is absent (apt-get install chromium)`)
const sources = present && sharedHas(ALL_SOURCES, "the site's charts of every municipality")

const PREFIX = "/kranskommuner/"
/** Where the release says it is published: the catalogue's IRIs, which name places of the pages served here. */
const ADDRESS = "https://data.example.org/kranskommuner/"
const SHOTS = resolve(".tmp", "screenshots")
const axeSource = async () => readFile(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8")
type Rows = Array<Record<string, unknown>>

describe.skipIf(!present)("the site in Chromium", () => {
  let served: Awaited<ReturnType<typeof serveRelease>>
  let base: string
  let browser: Browser
  let pages: string[]
  let work: string
  let release: string
  const rows = async (name: string) => JSON.parse(await readFile(join(release, "data", `${name}.json`), "utf8")) as Rows
  beforeAll(async () => {
    work = await tempDir("site")
    release = join(work, "dist")
    const publication = { ...JSON.parse(await readFile("publication.json", "utf8")), ...CONFIGURED }
    await writeFile(join(work, "publication.json"), JSON.stringify(publication))
    const raw = await fixtureRaw(work, sources ? ALL_SOURCES : [])
    const built = await build(raw, release, "build", false, {
      baseUrl: ADDRESS,
      publicationFile: join(work, "publication.json"),
    })
    expect(built.ok).toBe(true)
    served = await serveRelease(release, PREFIX)
    base = served.base
    browser = await launchChromium()
    pages = (await listFiles(release)).filter((f) => f.endsWith(".html"))
    await mkdir(SHOTS, { recursive: true })
  }, 180_000)
  afterAll(async () => {
    await browser?.close()
    await served?.close()
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
  }, 300_000)

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
  }, 300_000)

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
  it("fits a phone's width: no page scrolls sideways, a wide table scrolls within its own region", async () => {
    const context = await browser.newContext({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true })
    const page = await context.newPage()
    const sideways: string[] = []
    let tablesScrolling = 0
    for (const path of pages) {
      await page.goto(`${base}${path}`)
      // Elements as the page measures them: how wide their content is, and how wide they show it.
      const overflow = (es: unknown[]) =>
        (es as Array<{ scrollWidth: number; clientWidth: number }>).map((e) => ({
          wide: e.scrollWidth,
          view: e.clientWidth,
        }))
      const [html] = await page.$$eval("html", overflow)
      if (html!.wide > html!.view) sideways.push(`${path}: ${html!.wide} px in ${html!.view}`)
      tablesScrolling += (await page.$$eval(".table-wrap", overflow)).filter((t) => t.wide > t.view).length
      await page.screenshot({ path: join(SHOTS, `phone_${path.replaceAll("/", "_")}.png`), fullPage: true })
    }
    expect(sideways).toEqual([])
    // The deliveries' tables are wider than a phone: they scroll in their region, not the page.
    expect(tablesScrolling).toBeGreaterThan(0)
    await context.close()
  }, 300_000)

  it("has on its pages every place the catalogue names, and links the catalogue from every page", async () => {
    const graph = triples(new Parser().parse(await readFile(join(release, "catalog.ttl"), "utf8")))
    const named = [...new Set(graph.flatMap((t) => [t.s, t.o]))].filter(
      (x) => x.startsWith(ADDRESS) && x.includes(".html#"),
    )
    for (const kind of ["#dataset", "#csv", "#json", "#parquet", "#csv-sha1", "#temporal", "#place-"])
      expect(
        named.some((x) => x.includes(kind)),
        kind,
      ).toBe(true)
    const page = await browser.newPage()
    for (const path of pages) {
      await page.goto(`${base}${path}`)
      const links = await page.$$eval("a[href]", (as) => as.map((a) => (a as unknown as { href: string }).href))
      for (const file of ["catalog.rdf", "catalog.ttl", "catalog.jsonld"])
        expect(links, path).toContain(`${base}${file}`)
      for (const iri of named.filter((x) => x.startsWith(`${ADDRESS}${path}#`)))
        expect(await page.locator(`[id="${iri.slice(iri.indexOf("#") + 1)}"]`).count(), iri).toBe(1)
    }
    expect(named.every((x) => pages.includes(x.slice(ADDRESS.length, x.indexOf("#"))))).toBe(true)
    await page.close()
  }, 300_000)

  it("draws the population of the 4K municipalities and Umeå by default, says how many of all, and tables them all", async () => {
    const values = (await rows("indicator_values")).filter((v) => v["indicator_id"] === "population")
    const names = new Map((await rows("municipalities")).map((m) => [m["municipality_code"], m["municipality_name"]]))
    const fourK = (await rows("project_municipalities"))
      .filter((m) => m["project_id"] === "4k")
      .map((m) => m["municipality_code"])
    const all = [...new Set(values.map((v) => v["municipality_code"]))]
    const page = await browser.newPage()
    await page.goto(`${base}datasets/indicator_values.html`)
    const figure = page.locator("figure", { has: page.locator("#chart-population-caption") })
    const drawn = await figure.locator("svg > title").allTextContents()
    expect(drawn).toEqual(expect.arrayContaining(["Nordmaling", "Bjurholm", "Robertsfors", "Vindeln", "Vännäs"]))
    expect(drawn).toEqual([...fourK].sort().map((c) => names.get(c)))
    expect(drawn).toContain("Umeå")
    if (all.length > drawn.length)
      expect(await figure.locator(".note").textContent()).toContain(`${drawn.length} av ${all.length} kommuner`)
    await figure.locator("summary").click()
    expect(await figure.locator("tbody tr").count()).toBe(all.length)
    await page.close()
  })

  it("shows on the 4K page the population of its municipalities from the year before it to the year after", async () => {
    const codes = (await rows("project_municipalities"))
      .filter((m) => m["project_id"] === "4k")
      .map((m) => m["municipality_code"])
    const values = (await rows("indicator_values")).filter(
      (v) =>
        v["indicator_id"] === "population" &&
        codes.includes(v["municipality_code"]) &&
        Number(v["year"]) >= 2007 &&
        Number(v["year"]) <= 2011,
    )
    const page = await browser.newPage()
    await page.goto(`${base}projects/4k.html`)
    const figure = page.locator("#context ~ figure", { has: page.locator("#context-population-caption") })
    expect(await figure.locator("svg").count()).toBe(codes.length)
    await figure.locator("summary").click()
    const years = [...new Set(values.map((v) => String(v["year"])))].sort()
    expect(await figure.locator("thead th").allTextContents()).toEqual(["Kommun", ...years])
    // Each municipality's figure of each year, as SCB states it, in the table.
    const cells = (await figure.locator("tbody td").allTextContents()).map((c) => Number(c.replace(/\s/gu, "")))
    expect(cells.sort((a, b) => a - b)).toEqual(values.map((v) => Number(v["value"])).sort((a, b) => a - b))
    await page.close()
  })
})
