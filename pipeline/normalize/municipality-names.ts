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

  /**
   * @param dataset the dataset the names are of, so a problem can tell a field that refers to
   *   it (a code column given names) from any other.
   */
  constructor(
    entries: Iterable<{ readonly code: string; readonly name: string }>,
    readonly dataset?: string,
  ) {
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

  /**
   * The name nearest to an unknown one, when exactly one is within two letters' edits of it
   * (a typo: "Vindelen" for Vindeln); a suggestion for a person, never a match.
   */
  nearest(name: string): { readonly code: string; readonly name: string } | undefined {
    const key = nameKey(name)
    const near = [...this.names].flatMap(([code, known]) => {
      const distance = editDistance(key, nameKey(known), 3)
      return distance < 3 ? [{ code, name: known, distance }] : []
    })
    const closest = Math.min(...near.map((n) => n.distance))
    const best = near.filter((n) => n.distance === closest).map(({ code, name }) => ({ code, name }))
    return best.length === 1 ? best[0] : undefined
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

/** Levenshtein distance, or `cap` once it is certain to be at least that. */
export const editDistance = (a: string, b: string, cap: number): number => {
  if (Math.abs(a.length - b.length) >= cap) return cap
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++)
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1))
    if (Math.min(...current) >= cap) return cap
    previous = current
  }
  return Math.min(previous[b.length]!, cap)
}
