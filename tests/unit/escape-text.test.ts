/**
 * Text from deliveries where it lands: a terminal line the Actions runner reads for workflow
 * commands, inline Markdown, a code block; and the site's Markdown, whose links lead only to
 * http(s) addresses or within the site.
 */
import { describe, expect, it } from "vitest"
import {
  markdownCode,
  markdownCodeBlock,
  markdownText,
  markdownUrl,
  terminalLine,
  visible,
} from "../../pipeline/shared/escape-text.ts"
import { markdown, safeHref } from "../../pipeline/site/markdown.ts"

/** What the runner takes for a workflow command in a line (actions/runner, ActionCommand.cs). */
const isWorkflowCommand = (line: string) => line.trimStart().startsWith("::") || line.includes("##[")

describe("a terminal line", () => {
  it.each([
    ["a.csv\n::warning file=x::forged", "a.csv\\n::warning file=x::forged"],
    ["x\r::add-mask::secret", "x\\r::add-mask::secret"],
    ["::error::at the start", "\\u003a:error::at the start"],
    ["  ::notice::after spaces", "  \\u003a:notice::after spaces"],
    ["value ##[add-mask]secret", "value #\\u0023[add-mask]secret"],
    ["###[warning]x", "##\\u0023[warning]x"],
    ["\u001b[31mred\u001b[0m", "\\u001b[31mred\\u001b[0m"],
    ["a\u2028b\u202ec\u0085d", "a\\u2028b\\u202ec\\u0085d"],
    ["Vännäs kommun, 2011", "Vännäs kommun, 2011"],
  ])("%j is written as %j", (text, line) => {
    expect(terminalLine(text)).toBe(line)
    expect(terminalLine(text).split(/\r\n|\r|\n/u)).toHaveLength(1)
    expect(isWorkflowCommand(terminalLine(text))).toBe(false)
  })

  it("shows a tab as its escape", () => {
    expect(visible("tab\there")).toBe("tab\\there")
  })
})

describe("inline Markdown", () => {
  it.each([
    ["[klicka](javascript:alert(1))", "\\[klicka\\](javascript:alert(1))"],
    ["x\n## 9.9.9\n[a](javascript:b)", "x\\\\n## 9.9.9\\\\n\\[a\\](javascript:b)"],
    ["`code` *em* _em_ ~s~ a|b \\", "\\`code\\` \\*em\\* \\_em\\_ \\~s\\~ a\\|b \\\\"],
    ["<script>alert(1)</script> & 1 < 2", "\\<script>alert(1)\\</script> & 1 < 2"],
    ["&lt; &#106;", "\\&lt; \\&#106;"],
    ["kolada_n00999 and snake_case", "kolada_n00999 and snake_case"],
    ["Bjurholms kommun, received 2011-05-16", "Bjurholms kommun, received 2011-05-16"],
  ])("%j is written as %j", (text, written) => {
    expect(markdownText(text)).toBe(written)
  })

  it("reads back, through the site's renderer, as the text it was", () => {
    const text = "[a](javascript:alert(1)) `x` *y* <b>z</b> _w_ a|b \\"
    expect(markdown(`- ${markdownText(text)}`)).toBe(
      "<ul><li>[a](javascript:alert(1)) `x` *y* &lt;b&gt;z&lt;/b&gt; _w_ a|b \\</li></ul>",
    )
  })

  it("writes a plain http(s) address as an autolink, anything else as text", () => {
    expect(markdownUrl("https://www.statistikdatabasen.scb.se/pxweb/sv/ssd/START__BE__BE0101/")).toBe(
      "<https://www.statistikdatabasen.scb.se/pxweb/sv/ssd/START__BE__BE0101/>",
    )
    expect(markdownUrl("https://x.example/a>b")).toBe("https://x.example/a>b")
    expect(markdownUrl("javascript:alert(1)")).toBe("javascript:alert(1)")
  })

  it("writes a name as code unless it holds a backtick", () => {
    expect(markdownCode("4k/indikatorer.csv")).toBe("`4k/indikatorer.csv`")
    expect(markdownCode("a`b")).toBe("a\\`b")
  })

  it("fences a code block with more backticks than any line holds", () => {
    expect(markdownCodeBlock(["a ```` b", "c\nd"])).toEqual(["`````", "a ```` b", "c\\nd", "`````"])
    expect(markdownCodeBlock(["plain"])[0]).toBe("```")
  })
})

describe("the site's Markdown", () => {
  it.each([
    ["https://example.org/a?b=c#d", true],
    ["HTTP://example.org", true],
    ["datasets/projects.html", true],
    ["../SHA256SUMS", true],
    ["#changes", true],
    ["a/b:c", true],
    ["javascript:alert(1)", false],
    ["JavaScript:alert(1)", false],
    ["java\tscript:alert(1)", false],
    ["\u0001javascript:alert(1)", false],
    ["data:text/html,x", false],
    ["vbscript:x", false],
    ["mailto:a@example.org", false],
    ["", false],
  ])("%j may be a link: %s", (url, safe) => {
    expect(safeHref(url)).toBe(safe)
  })

  it("makes links of http(s) and relative targets only; anything else is text", () => {
    expect(markdown("[site](https://example.org) [page](datasets/x.html)")).toBe(
      '<p><a href="https://example.org">site</a> <a href="datasets/x.html">page</a></p>',
    )
    expect(markdown("[x](javascript:alert(1))")).toBe("<p>[x](javascript:alert(1))</p>")
    expect(markdown("[x](JAVASCRIPT:alert%281%29)")).toBe("<p>[x](JAVASCRIPT:alert%281%29)</p>")
    expect(markdown('[x](https://a.example/"onmouseover="y)')).toBe(
      '<p><a href="https://a.example/&quot;onmouseover=&quot;y">x</a></p>',
    )
  })

  it("keeps code as text, even a link inside it", () => {
    expect(markdown("`[x](https://example.org)` and ``a ` b``")).toBe(
      "<p><code>[x](https://example.org)</code> and <code>a ` b</code></p>",
    )
  })

  it("renders headings, lists and tables", () => {
    expect(markdown("## 1.0.1\n\n- a\n- b\n\n| x | y |\n|---|---|\n| 1 | 2 |", 1)).toContain(
      "<h3>1.0.1</h3>\n<ul><li>a</li><li>b</li></ul>",
    )
  })

  it("costs no more than a line's length for a line of brackets", () => {
    const started = performance.now()
    const out = markdown("[".repeat(200_000))
    expect(out).toHaveLength("<p></p>".length + 200_000)
    expect(performance.now() - started).toBeLessThan(2000)
  })
})
