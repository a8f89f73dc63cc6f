/** HTML building blocks for the site: escaping, the page frame, tables. Pure. */

export const esc = (s: string | number | null | undefined): string =>
  String(s ?? "").replace(
    /[&<>"']/gu,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!,
  )

/** Swedish first, English alongside, marked with its language. */
export const bilingual = (sv: string, en: string, tag = "span"): string =>
  `<${tag} lang="sv">${esc(sv)}</${tag}> <${tag} lang="en" class="en">${esc(en)}</${tag}>`

export const bytes = (n: number): string =>
  n < 1024
    ? `${n} B`
    : n < 1024 ** 2
      ? `${(n / 1024).toFixed(1)} kB`
      : n < 1024 ** 3
        ? `${(n / 1024 ** 2).toFixed(1)} MB`
        : `${(n / 1024 ** 3).toFixed(2)} GB`

export interface Table {
  readonly caption: string
  readonly head: ReadonlyArray<string>
  readonly rows: ReadonlyArray<ReadonlyArray<string>>
  /** Columns of numbers, right-aligned. */
  readonly numeric?: ReadonlyArray<number>
}

/** A data table with a caption and column headers; cells are HTML already. */
export const table = (t: Table): string => {
  // A table of numbers beside its row headers says so once, not in each of its (many) cells.
  const numbers = t.head.length > 1 && t.head.every((_, i) => i === 0 || t.numeric?.includes(i) === true)
  const cls = (i: number) => (!numbers && t.numeric?.includes(i) ? ' class="num"' : "")
  // A wide table scrolls within its region, which the keyboard can reach and scroll too.
  const label =
    t.caption
      .replace(/<[^>]*>/gu, "")
      .replace(
        /&(amp|lt|gt|quot|#39);/gu,
        (_, e: string) => ({ amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'" })[e]!,
      )
      .trim() || "Tabell"
  return `<div class="table-wrap" role="region" tabindex="0" aria-label="${esc(label)}"><table${numbers ? ' class="numbers"' : ""}>
<caption>${t.caption}</caption>
<thead><tr>${t.head.map((h, i) => `<th scope="col"${cls(i)}>${h}</th>`).join("")}</tr></thead>
<tbody>
${t.rows.map((r) => `<tr>${r.map((c, i) => (i === 0 ? `<th scope="row"${cls(i)}>${c}</th>` : `<td${cls(i)}>${c}</td>`)).join("")}</tr>`).join("\n")}
</tbody>
</table></div>`
}

/**
 * A page: `root` is the relative way back to the site's root ("" or "../"), so the site works
 * under any sub-path and from the disk.
 */
export const page = (options: {
  /** The publication's title (publication.json), which heads every page and leads to its front page. */
  readonly site: { readonly sv: string; readonly en: string }
  readonly title: string
  readonly root: string
  readonly body: string
  readonly description: string
  /** Whether the release has a DCAT catalogue, which the footer then links. */
  readonly catalogue: boolean
}): string => `<!doctype html>
<html lang="sv">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(options.title)}</title>
<meta name="description" content="${esc(options.description)}">
<link rel="stylesheet" href="${options.root}style.css">
</head>
<body>
<a class="skip" href="#main">Till innehållet <span lang="en">(skip to content)</span></a>
<header>
<nav aria-label="Webbplats"><a href="${options.root}index.html">${esc(options.site.sv)} <span lang="en" class="en">${esc(options.site.en)}</span></a></nav>
</header>
<main id="main" tabindex="-1">
${options.body}
</main>
<footer>
<p>Genererad ur datamängdernas definitioner vid varje publicering. <span lang="en">Generated from the dataset definitions at each release.</span> <a href="${options.root}datapackage.json">datapackage.json</a> · <a href="${options.root}SHA256SUMS">SHA256SUMS</a>${
  options.catalogue
    ? ` · DCAT-AP-SE-katalog <span lang="en">(DCAT-AP-SE catalogue)</span>: <a href="${options.root}catalog.rdf">catalog.rdf</a>, <a href="${options.root}catalog.ttl">catalog.ttl</a>, <a href="${options.root}catalog.jsonld">catalog.jsonld</a>`
    : ""
}</p>
</footer>
</body>
</html>
`
