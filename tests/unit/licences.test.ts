/** Licences as granted: a dataset's terms follow its deliveries', and nothing assumes a licence. */
import { describe, expect, it } from "vitest"
import { datasetTerms, releaseLicence, termsOf } from "../../pipeline/catalog/licences.ts"

const delivery = (file: string, licence: "CC0-1.0" | "CC-BY-4.0" | null, rights?: string) => ({
  dataset: "projects",
  file,
  licence,
  ...(rights === undefined ? {} : { rights }),
})

describe("termsOf", () => {
  it("gives the strictest licence where every delivery grants one", () => {
    expect(termsOf([delivery("a.csv", "CC0-1.0"), delivery("b.csv", "CC0-1.0")])).toEqual({
      licence: "CC0-1.0",
      rights: null,
    })
    expect(termsOf([delivery("a.csv", "CC0-1.0"), delivery("b.csv", "CC-BY-4.0")])).toEqual({
      licence: "CC-BY-4.0",
      rights: null,
    })
  })

  it("gives no licence where any delivery grants none, and says part by part what is known", () => {
    const terms = termsOf([
      delivery("4k/projekt.json", "CC0-1.0"),
      delivery("register.csv", null, "a public register; no licence stated; credit the agency"),
    ])
    expect(terms.licence).toBeNull()
    expect(terms.rights).toBe(
      "the rows of 4k/projekt.json: Creative Commons Zero v1.0 Universal (CC0-1.0); the rows of register.csv: a public register; no licence stated; credit the agency",
    )
    expect(termsOf([delivery("register.csv", null, "credit the agency")])).toEqual({
      licence: null,
      rights: "credit the agency",
    })
  })
})

describe("datasetTerms", () => {
  it("follows the deliveries feeding the dataset, each file once", () => {
    const all = [
      delivery("register.csv", null, "credit the agency"),
      { ...delivery("register.csv", null, "credit the agency"), dataset: "project_funders" },
      { ...delivery("4k/indikatorer.csv", "CC0-1.0"), dataset: "indicators" },
    ]
    expect(datasetTerms({ name: "indicators" }, all)).toEqual({ licence: "CC0-1.0", rights: null })
    expect(datasetTerms({ name: "projects" }, all)).toEqual({ licence: null, rights: "credit the agency" })
  })

  it("gives the maintainers' record of the deliveries CC0, whatever the deliveries' terms", () => {
    expect(datasetTerms({ name: "deliveries", fromManifest: true }, [delivery("r.csv", null, "x")])).toEqual({
      licence: "CC0-1.0",
      rights: null,
    })
  })
})

describe("releaseLicence", () => {
  it("is the licence every dataset shares, or none", () => {
    const cc0 = { licence: "CC0-1.0" as const, rights: null }
    expect(releaseLicence([cc0, cc0])).toBe("CC0-1.0")
    expect(releaseLicence([cc0, { licence: "CC-BY-4.0", rights: null }])).toBeNull()
    expect(releaseLicence([cc0, { licence: null, rights: "credit the agency" }])).toBeNull()
  })
})
