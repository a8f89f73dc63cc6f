import { describe, expect, it } from "vitest"
import { MunicipalityIndex, nameKey } from "../../pipeline/normalize/municipality-names.ts"

const index = new MunicipalityIndex([
  { code: "2403", name: "Bjurholm" },
  { code: "2460", name: "Vännäs" },
  { code: "0114", name: "Upplands Väsby" },
  // Two entries sharing a name make it ambiguous.
  { code: "9001", name: "Dubbel" },
  { code: "9002", name: "Dubbel" },
])

describe("municipality names", () => {
  it("normalises case, spacing and the word kommun", () =>
    expect(nameKey("  UPPLANDS  Väsby kommun")).toBe("upplands väsby"))
  it("matches a plain name", () => expect(index.match("Bjurholm")).toEqual({ kind: "found", code: "2403" }))
  it("matches the genitive form", () =>
    expect(index.match("Bjurholms kommun")).toEqual({ kind: "found", code: "2403" }))
  it("matches a name ending in s", () => expect(index.match("Vännäs kommun")).toEqual({ kind: "found", code: "2460" }))
  it("matches decomposed Unicode", () =>
    expect(index.match("Va\u0308nna\u0308s")).toEqual({ kind: "found", code: "2460" }))
  it("never guesses a misspelling", () => expect(index.match("Bjurhom")).toEqual({ kind: "unknown" }))
  it("reports an ambiguous name with its codes", () =>
    expect(index.match("Dubbel")).toEqual({ kind: "ambiguous", codes: ["9001", "9002"] }))
})
