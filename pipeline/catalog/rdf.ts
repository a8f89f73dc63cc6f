/**
 * A small RDF model with no blank nodes, and its three serializations: Turtle, RDF/XML and
 * JSON-LD, written from the same triples in the same order. Pure.
 */

export const PREFIXES = {
  rdf: "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
  rdfs: "http://www.w3.org/2000/01/rdf-schema#",
  xsd: "http://www.w3.org/2001/XMLSchema#",
  dcat: "http://www.w3.org/ns/dcat#",
  dcterms: "http://purl.org/dc/terms/",
  dcatap: "http://data.europa.eu/r5r/",
  foaf: "http://xmlns.com/foaf/0.1/",
  vcard: "http://www.w3.org/2006/vcard/ns#",
  skos: "http://www.w3.org/2004/02/skos/core#",
  spdx: "http://spdx.org/rdf/terms#",
  adms: "http://www.w3.org/ns/adms#",
} as const

type Prefix = keyof typeof PREFIXES
/** A prefixed name, such as `dcat:Dataset`. */
export type Name = `${Prefix}:${string}`

export const iri = (name: Name): string => {
  const [prefix, local] = name.split(/:(.*)/su) as [Prefix, string]
  return `${PREFIXES[prefix]}${local}`
}

export type Term =
  | { readonly iri: string }
  | { readonly value: string; readonly lang?: string; readonly datatype?: Name }

export interface Triple {
  readonly subject: string
  readonly predicate: Name
  readonly object: Term
}

/** Collects triples subject by subject, each kept once, in the order first said. */
export class Graph {
  readonly triples: Triple[] = []
  private readonly seen = new Set<string>()
  add(subject: string, predicate: Name, object: Term | ReadonlyArray<Term>): this {
    for (const o of Array.isArray(object) ? object : [object as Term]) {
      const key = JSON.stringify([subject, predicate, o])
      if (this.seen.has(key)) continue
      this.seen.add(key)
      this.triples.push({ subject, predicate, object: o })
    }
    return this
  }
  /** Subjects in the order first said, each with its triples. */
  subjects(): Array<[string, Triple[]]> {
    const by = new Map<string, Triple[]>()
    for (const t of this.triples) by.set(t.subject, [...(by.get(t.subject) ?? []), t])
    return [...by]
  }
}

export const ref = (value: string): Term => ({ iri: value })
export const named = (name: Name): Term => ({ iri: iri(name) })
export const text = (value: string, lang?: string): Term => (lang === undefined ? { value } : { value, lang })
export const typed = (value: string, datatype: Name): Term => ({ value, datatype })

const turtleString = (s: string) =>
  `"${s.replace(/[\\"\n\r\t]/gu, (c) => ({ "\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t" })[c]!)}"`

/** A prefixed name for an IRI in a known namespace whose local part Turtle accepts, else `<iri>`. */
const turtleIri = (value: string): string => {
  for (const [prefix, ns] of Object.entries(PREFIXES)) {
    if (value.startsWith(ns) && /^[A-Za-z_][A-Za-z0-9_-]*$/u.test(value.slice(ns.length)))
      return `${prefix}:${value.slice(ns.length)}`
  }
  return `<${value}>`
}

const turtleTerm = (t: Term): string =>
  "iri" in t
    ? turtleIri(t.iri)
    : `${turtleString(t.value)}${t.lang !== undefined ? `@${t.lang}` : t.datatype !== undefined ? `^^${t.datatype}` : ""}`

export const toTurtle = (g: Graph): string => {
  const lines = Object.entries(PREFIXES).map(([p, ns]) => `@prefix ${p}: <${ns}> .`)
  for (const [subject, triples] of g.subjects()) {
    const byPredicate = new Map<Name, Term[]>()
    for (const t of triples) byPredicate.set(t.predicate, [...(byPredicate.get(t.predicate) ?? []), t.object])
    const body = [...byPredicate].map(
      ([p, os]) => `    ${p === "rdf:type" ? "a" : p} ${os.map(turtleTerm).join(" , ")}`,
    )
    lines.push("", `<${subject}>\n${body.join(" ;\n")} .`)
  }
  return `${lines.join("\n")}\n`
}

const xmlEscape = (s: string) =>
  s.replace(/[&<>"]/gu, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!)

export const toRdfXml = (g: Graph): string => {
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<rdf:RDF\n${Object.entries(PREFIXES)
      .map(([p, ns]) => `    xmlns:${p}="${ns}"`)
      .join("\n")}>`,
  ]
  for (const [subject, triples] of g.subjects()) {
    lines.push(`  <rdf:Description rdf:about="${xmlEscape(subject)}">`)
    for (const { predicate: p, object: o } of triples) {
      if ("iri" in o) lines.push(`    <${p} rdf:resource="${xmlEscape(o.iri)}"/>`)
      else if (o.lang !== undefined) lines.push(`    <${p} xml:lang="${o.lang}">${xmlEscape(o.value)}</${p}>`)
      else if (o.datatype !== undefined)
        lines.push(`    <${p} rdf:datatype="${iri(o.datatype)}">${xmlEscape(o.value)}</${p}>`)
      else lines.push(`    <${p}>${xmlEscape(o.value)}</${p}>`)
    }
    lines.push("  </rdf:Description>")
  }
  lines.push("</rdf:RDF>", "")
  return lines.join("\n")
}

export const toJsonLd = (g: Graph): Record<string, unknown> => ({
  "@context": { ...PREFIXES },
  "@graph": g.subjects().map(([subject, triples]) => {
    const node: Record<string, unknown> = { "@id": subject }
    const types = triples.filter((t) => t.predicate === "rdf:type").map((t) => ("iri" in t.object ? t.object.iri : ""))
    if (types.length > 0) node["@type"] = types
    for (const { predicate, object: o } of triples.filter((t) => t.predicate !== "rdf:type")) {
      const value =
        "iri" in o
          ? { "@id": o.iri }
          : o.lang !== undefined
            ? { "@value": o.value, "@language": o.lang }
            : o.datatype !== undefined
              ? { "@value": o.value, "@type": iri(o.datatype) }
              : { "@value": o.value }
      node[predicate] = [...((node[predicate] as unknown[] | undefined) ?? []), value]
    }
    return node
  }),
})
