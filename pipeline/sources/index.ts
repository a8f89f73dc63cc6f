/** Every source the repository declares by name. */
import { municipalityCodes, nutsRegions } from "./code-lists.ts"
import { kolada } from "./kolada.ts"
import { projektbanken } from "./projektbanken.ts"
import { scbPopulation, scbRams } from "./scb.ts"
import type { SourceDeclaration } from "../contract/source-declaration.ts"

export const SOURCES: ReadonlyMap<string, SourceDeclaration> = new Map(
  [projektbanken, scbPopulation, scbRams, kolada, municipalityCodes, nutsRegions].map((s) => [s.name, s]),
)
