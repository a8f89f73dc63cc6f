/** The frame of every page of the site: headed by the publication's own title, escaped. */
import { describe, expect, it } from "vitest"
import { page } from "../../pipeline/site/html.ts"

describe("a page of the site", () => {
  const html = page({
    site: { sv: "Öppna data om <Någon> & Co", en: "Open data on <Someone> & Co" },
    title: "Titel",
    root: "../",
    body: "<p>innehåll</p>",
    description: "Beskrivning",
    catalogue: false,
  })
  const nav = /<nav aria-label="Webbplats">(.*?)<\/nav>/su.exec(html)?.[1]

  it("leads to the front page under the publication's title, in both languages, escaped", () => {
    expect(nav).toBe(
      '<a href="../index.html">Öppna data om &lt;Någon&gt; &amp; Co <span lang="en" class="en">Open data on &lt;Someone&gt; &amp; Co</span></a>',
    )
  })

  it("names no publication of its own", () => {
    expect(html).not.toMatch(/Kranskommun|4K/u)
  })
})
