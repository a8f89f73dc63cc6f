/**
 * DCAT-AP-SE as DIGG states it, for tests: the mandatory and recommended properties of each
 * class (the cardinality table derived from DIGG's templates in ../shared/reference), and how
 * DIGG's example catalogues use each property. A graph is read as triples of IRIs and literals.
 */
import { readFile } from "node:fs/promises"
import { resolve } from "node:path"
import { Parser, type Quad } from "n3"

export const REFERENCE = resolve("..", "shared", "reference", "dcat-ap")
export const CARDINALITIES = resolve(REFERENCE, "dcat-ap-se-3.0.1-cardinalities.tsv")
export const DIGG_EXAMPLES = ["obligatoriskt.ttl", "rekommenderat.ttl"].map((f) =>
  resolve(REFERENCE, "diggsweden-DCAT-AP-SE", "exempel", f),
)

const PREFIXES: Record<string, string> = {
  rdf: "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
  dcat: "http://www.w3.org/ns/dcat#",
  dcterms: "http://purl.org/dc/terms/",
  foaf: "http://xmlns.com/foaf/0.1/",
  vcard: "http://www.w3.org/2006/vcard/ns#",
  owl: "http://www.w3.org/2002/07/owl#",
  prov: "http://www.w3.org/ns/prov#",
  schema: "http://schema.org/",
}
const expand = (name: string) =>
  /^https?:/u.test(name) ? name : `${PREFIXES[name.split(":")[0]!]}${name.split(":").slice(1).join(":")}`

/** The classes DIGG's table names, and how to find their instances in a graph. */
export type Role = "catalogue" | "dataset" | "distribution" | "agent" | "contact"
const ROLES: Record<string, Role> = {
  "dcat:Catalog": "catalogue",
  "dcat:Dataset": "dataset",
  "dcat:Distribution": "distribution",
  "dcat:foaf:Agent": "agent",
  "dcat:contactPoint": "contact",
}

export interface Rule {
  readonly role: Role
  readonly property: string
  readonly level: "mandatory" | "recommended" | "optional"
  readonly max: "1" | "n"
}

/** The table's rules; a conditional requirement (high-value datasets) counts as optional. */
export const readCardinalities = async (): Promise<Rule[]> =>
  (await readFile(CARDINALITIES, "utf8"))
    .split("\n")
    .filter((l) => l !== "" && !l.startsWith("#") && !l.startsWith("class\t"))
    .map((line) => {
      const [cls, property, , level, max] = line.split("\t") as [string, string, string, string, string]
      return {
        role: ROLES[cls]!,
        property: expand(property),
        level: level === "mandatory" || level === "recommended" ? level : "optional",
        max: max === "1" ? "1" : "n",
      }
    })

export type Kind = "resource" | "text" | `typed ${string}`
export interface Triple {
  readonly s: string
  readonly p: string
  readonly o: string
  readonly kind: Kind
}

export const toTriples = (quads: Iterable<Quad>): Triple[] =>
  [...quads].map((q) => {
    const o = q.object
    const kind: Kind =
      o.termType !== "Literal"
        ? "resource"
        : o.datatype.value === "http://www.w3.org/2001/XMLSchema#string" ||
            o.datatype.value === "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
          ? "text"
          : `typed ${o.datatype.value}`
    return { s: q.subject.value, p: q.predicate.value, o: o.value, kind }
  })

export const parseTurtle = async (path: string): Promise<Triple[]> =>
  toTriples(new Parser().parse(await readFile(path, "utf8")))

const TYPE = `${PREFIXES["rdf"]}type`

/** Each instance of a role in a graph: catalogues, datasets and distributions by type, agents and contacts by what names them. */
export const instancesOf = (g: ReadonlyArray<Triple>, role: Role): string[] => {
  const typed = (cls: string) => g.filter((t) => t.p === TYPE && t.o === expand(cls)).map((t) => t.s)
  const named = (p: string) => g.filter((t) => t.p === expand(p)).map((t) => t.o)
  const found =
    role === "catalogue"
      ? typed("dcat:Catalog")
      : role === "dataset"
        ? typed("dcat:Dataset")
        : role === "distribution"
          ? typed("dcat:Distribution")
          : role === "agent"
            ? named("dcterms:publisher")
            : named("dcat:contactPoint")
  return [...new Set(found)]
}

/** How a graph uses each property on each role: the kinds of value it gives. */
export const usage = (g: ReadonlyArray<Triple>): Map<string, Set<Kind>> => {
  const used = new Map<string, Set<Kind>>()
  for (const role of Object.values(ROLES)) {
    const subjects = new Set(instancesOf(g, role))
    for (const t of g.filter((x) => subjects.has(x.s))) {
      const key = `${role} ${t.p}`
      used.set(key, (used.get(key) ?? new Set()).add(t.kind))
    }
  }
  return used
}

/** A made-up publisher and contact, as an operator would configure them in publication.json. */
export const CONFIGURED = {
  publisher: { name: "Exempelutgivaren", type: "LocalAuthority", organisationNumber: "000000-0000" },
  contact: { name: "Exempelutgivarens dataenhet", email: "data@example.org" },
}
