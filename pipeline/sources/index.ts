/** Every source the repository declares by name. */
import { projektbanken } from "./projektbanken.ts"
import type { SourceDeclaration } from "./source.ts"

export const SOURCES: ReadonlyMap<string, SourceDeclaration> = new Map([projektbanken].map((s) => [s.name, s]))
