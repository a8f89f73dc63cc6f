/**
 * Matches municipality names to SCB codes. Names are compared after normalisation (case,
 * Unicode form, spacing, a trailing "kommun" and its genitive s); an unknown or ambiguous name
 * is reported, never guessed.
 */

export const nameKey = (name: string): string =>
  name
    .normalize("NFC")
    // A dotted capital I lower-cases to i and a combining dot; DuckDB's lower(), to i alone.
    .replaceAll("\u0130", "I")
    .toLocaleLowerCase("sv")
    .replace(/[\s\u00a0]+/gu, " ")
    .trim()
    .replace(/ kommun$/u, "")

export type NameMatch =
  | { readonly kind: "found"; readonly code: string }
  | { readonly kind: "unknown" }
  | { readonly kind: "ambiguous"; readonly codes: ReadonlyArray<string> }

export class MunicipalityIndex {
  private readonly byKey = new Map<string, Set<string>>()
  private readonly names = new Map<string, string>()

  constructor(entries: Iterable<{ readonly code: string; readonly name: string }>) {
    for (const { code, name } of entries) {
      this.names.set(code, name)
      const key = nameKey(name)
      const codes = this.byKey.get(key) ?? new Set<string>()
      codes.add(code)
      this.byKey.set(key, codes)
    }
  }

  get size(): number {
    return this.names.size
  }

  nameOf(code: string): string | undefined {
    return this.names.get(code)
  }

  match(name: string): NameMatch {
    const key = nameKey(name)
    const codes = new Set(this.byKey.get(key) ?? [])
    // "Bjurholms kommun" is the genitive of Bjurholm.
    if (key.endsWith("s")) for (const c of this.byKey.get(key.slice(0, -1)) ?? []) codes.add(c)
    if (codes.size === 1) return { kind: "found", code: [...codes][0]! }
    return codes.size === 0 ? { kind: "unknown" } : { kind: "ambiguous", codes: [...codes].sort() }
  }
}
