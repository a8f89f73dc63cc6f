/** RDF read back for the catalogue's tests: triples in one text form, from any of the three files. */
import type { Quad } from "n3"
import { RdfXmlParser } from "rdfxml-streaming-parser"

export const DCAT = "http://www.w3.org/ns/dcat#"
export const DCT = "http://purl.org/dc/terms/"
export const RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"

export type Triple = { s: string; p: string; o: string; blank: boolean }
export const termText = (t: { termType: string; value: string; language?: string; datatype?: { value: string } }) =>
  t.termType === "Literal"
    ? `"${t.value}"${t.language ? `@${t.language}` : t.datatype && t.datatype.value !== "http://www.w3.org/2001/XMLSchema#string" ? `^^${t.datatype.value}` : ""}`
    : t.value
export const triples = (quads: Iterable<Quad>): Triple[] =>
  [...quads].map((q) => ({
    s: q.subject.value,
    p: q.predicate.value,
    o: termText(q.object as never),
    blank: q.subject.termType === "BlankNode" || q.object.termType === "BlankNode",
  }))
export const canonical = (ts: Triple[]) => ts.map((t) => `${t.s} ${t.p} ${t.o}`).sort()

export const fromRdfXml = (text: string) =>
  new Promise<Quad[]>((done, fail) => {
    const quads: Quad[] = []
    const parser = new RdfXmlParser()
    parser
      .on("data", (q: Quad) => quads.push(q))
      .on("error", fail)
      .on("end", () => done(quads))
    parser.write(text)
    parser.end()
  })
