/**
 * A catalogued dataset's provenance statement: where each of its rows comes from is not a
 * dataset of the catalogue but a supporting table beside it (schemas/provenance.ts), which the
 * statement names with its files. Pure: adds to the graph it is given.
 */
import { type Graph, named, ref, text } from "./rdf.ts"

/** States that `dataset`'s rows are traced in the provenance dataset whose files are `files`.{csv,json,parquet}. */
export const provenanceStatement = (g: Graph, dataset: string, statement: string, files: string): void => {
  const name = files.slice(files.lastIndexOf("/") + 1)
  const urls = (["csv", "json", "parquet"] as const).map((f) => `${files}.${f}`).join(", ")
  g.add(dataset, "dcterms:provenance", ref(statement))
  g.add(statement, "rdf:type", named("dcterms:ProvenanceStatement")).add(statement, "rdfs:label", [
    text(
      `Varje rad kommer från en leverans i förrådets raw/: radens nyckel, leveransens fil och raden i den står i ${name} (${urls}).`,
      "sv",
    ),
    text(
      `Each row comes from a delivery in raw/ of the repository: the row's key, its delivery's file and the line there are in ${name} (${urls}).`,
      "en",
    ),
  ])
}
