/** Fields the pipeline fills itself with where a row came from. */
export const PROVENANCE_FIELDS: ReadonlySet<string> = new Set(["source_file", "source_line"])
