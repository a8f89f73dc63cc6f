/** pipeline/describe/: a delivery described from made-up bytes, the entry proposed, and each question naming its flag. */
import { describe, expect, it } from "vitest"
import { DATASETS } from "../../schemas/datasets/index.ts"
import { type AddFlags, parseAddFlags, slug } from "../../pipeline/describe/add-request.ts"
import { describeDelivery } from "../../pipeline/describe/describe-delivery.ts"
import type { KnownIndicator } from "../../pipeline/describe/indicator-choice.ts"
import { indicatorCsv, proposeEntry } from "../../pipeline/describe/propose-entry.ts"
import { MunicipalityIndex } from "../../pipeline/normalize/municipality-names.ts"

const municipalities = new MunicipalityIndex([
  { code: "2403", name: "Bjurholm" },
  { code: "2404", name: "Vindeln" },
  { code: "2460", name: "Vännäs" },
])
const indicators: KnownIndicator[] = [
  { indicator_id: "population", label_sv: "Folkmängd", label_en: "Population", unit: "persons", project_id: null },
  { indicator_id: "new_jobs", label_sv: "Nya jobb", label_en: "New jobs", unit: "count", project_id: "4k" },
]
const projects = [{ project_id: "4k", start_date: "2009-01-01", end_date: "2011-12-31" }]

const request = (flags: Partial<AddFlags>) =>
  parseAddFlags(
    {
      dataset: "indicator_values",
      publisher: "Vindelns kommun",
      licence: "CC0-1.0",
      set: [],
      column: [],
      missing: [],
      ...flags,
    },
    DATASETS,
    "2026-11-29",
  )

const describeBytes = (bytes: Uint8Array, flags: Partial<AddFlags> = {}) => {
  const { request: r, questions } = request({ indicator: "population", ...flags })
  const d = describeDelivery({
    bytes,
    dataset: r.dataset!,
    request: r,
    names: municipalities,
    known: indicators,
    periods: projects,
    knownFile: "dist/data/indicators.json",
  })
  return { ...d, questions: [...questions, ...d.questions] }
}

const latin1 = (s: string) => Buffer.from(s, "latin1")
const flags = (d: { questions: ReadonlyArray<{ flag: string }> }) => d.questions.map((q) => q.flag)

describe("a delivery described", () => {
  it("a Windows-1252 file of names, years and decimal commas, with CRLF: no question", () => {
    const d = describeBytes(latin1("Kommun;År;Antal\r\nVindeln;2010;12,5\r\nBjurholms kommun;2010;1 234\r\n"))
    expect(d.questions).toEqual([])
    expect(d.dialect).toEqual({
      encoding: "windows-1252",
      delimiter: ";",
      decimalSeparator: ",",
      thousandsSeparator: " ",
    })
    expect(d.columns).toEqual({
      Kommun: { field: "municipality_code", parse: "municipality-name" },
      År: "year",
      Antal: "value",
    })
    expect(d.constants).toEqual({ indicator_id: "population" })
    expect(d.guesses.map((g) => g.subject)).toContain("line endings")
    expect(d.notes.join()).toContain("population belongs to no project")
  })

  it("asks for the label of each missing marker, and takes the one given", () => {
    const bytes = Buffer.from("Kommun,År,Värde\nVindeln,2010,12\nBjurholm,2010,..\n")
    const asked = describeBytes(bytes)
    expect(flags(asked)).toEqual(["--missing"])
    expect(asked.questions[0]!.question).toContain('".." stands where a number should (column Värde, line 3)')
    const answered = describeBytes(bytes, { missing: ["..=confidential"] })
    expect(answered.questions).toEqual([])
    expect(answered.dialect?.missingValues).toEqual([{ value: "..", label: "confidential" }])
  })

  it("asks why a value cell is empty, unless --missing gives the empty cell its label", () => {
    const bytes = Buffer.from("Kommun,År,Värde\nVindeln,2010,12\nBjurholm,2010,\n")
    expect(flags(describeBytes(bytes))).toEqual(["--missing"])
    const answered = describeBytes(bytes, { missing: ["=not reported"] })
    expect(answered.questions).toEqual([])
    expect(answered.dialect?.missingValues).toEqual([{ value: "", label: "not reported" }])
  })

  it("does not ask about empty values when a status column says why", () => {
    const d = describeBytes(Buffer.from("Kommun,År,Värde,Status\nVindeln,2010,12,\nBjurholm,2010,,confidential\n"))
    expect(d.questions).toEqual([])
    expect(d.columns["Status"]).toBe("value_status")
  })

  it("asks about 1,234, naming --decimal-separator, and is settled by it", () => {
    const bytes = Buffer.from('Kommun,År,Värde\nVindeln,2010,"1,234"\n')
    expect(flags(describeBytes(bytes))).toEqual(["--decimal-separator"])
    expect(describeBytes(bytes, { decimalSeparator: "." }).dialect).toMatchObject({ thousandsSeparator: "," })
  })

  it("asks about a column no field fits, naming --column, and takes the answer", () => {
    const bytes = Buffer.from("Kommun,År,Värde,Kommentar\nVindeln,2010,12,bra\n")
    expect(flags(describeBytes(bytes))).toEqual(["--column"])
    const answered = describeBytes(bytes, { column: ["Kommentar=ignore:free text"] })
    expect(answered.questions).toEqual([])
    expect(answered.columns["Kommentar"]).toEqual({ ignore: "free text" })
  })

  it("names the cell that keeps a column of numbers from fitting a field, and the fix", () => {
    const bytes = Buffer.from("Kommun,År,Mått\nVindeln,2010,5507\nBjurholm,2010,ca 2400\nVännäs,2010,8414\n")
    const question = describeBytes(bytes).questions.find((q) => q.flag === "--column")!
    expect(question.question).toContain('column "Mått" (e.g. "5507", "ca 2400", "8414") fits no field')
    expect(question.question).toContain('"ca 2400" at column Mått, line 3 is no number')
    expect(question.question).toContain("write the number alone in the cell")
  })

  it("asks for a CSV when given a workbook or UTF-16", () => {
    expect(describeBytes(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14])).questions[0]!.question).toContain("workbook")
    expect(describeBytes(Buffer.from("a;b\n", "utf16le")).questions[0]!.question).toContain("UTF-16")
  })

  it("asks about the delimiter and writes no entry", () => {
    const d = describeBytes(Buffer.from("a;b,c\n1;2,3\n"))
    expect(flags(d)).toEqual(["--delimiter"])
    expect(d.dialect).toBeUndefined()
  })
})

describe("a table of one column per year", () => {
  const scb = Buffer.from(
    "Kommun;2008;2009;2010\n2403 Bjurholm;2516;2500;..\n2460 Vännäs;8357;8 357;8414\n2404 Vindeln;5613;..;5507\n",
  )

  it("is proposed as a wide layout of the years, its cells read as one column: one question per marker, not per year", () => {
    const d = describeBytes(scb)
    expect(d.guesses.find((g) => g.subject === "wide layout")).toMatchObject({
      value: "3 columns 2008–2010: the label → year, the cell → value",
      evidence: "their labels are years; --wide none maps them one by one",
    })
    expect(d.guesses.find((g) => g.subject === "thousands separator")?.evidence).toBe('"8 357" in column 2009')
    expect(flags(d)).toEqual(["--missing"])
    expect(d.questions[0]!.question).toContain('".." stands where a number should (column 2010, line 2, 2 cells)')
    const answered = describeBytes(scb, { missing: ["..=confidential"] })
    expect(answered.questions).toEqual([])
    expect(answered.columns).toEqual({ Kommun: { field: "municipality_code", parse: "code-name" } })
    expect(answered.layout).toEqual({
      wide: { columns: { years: [2008, 2010] }, labelField: "year", valueField: "value" },
    })
  })

  it("keeps a text before the year as the columns' prefix", () => {
    const d = describeBytes(Buffer.from("Kommun,Folkmängd 2009,Folkmängd 2010\nVindeln,5519,5507\n"))
    expect(d.questions).toEqual([])
    expect(d.layout?.wide.columns).toEqual({ prefix: "Folkmängd ", years: [2009, 2010] })
  })

  it("is not proposed where a column gives the year, and --wide none maps the year columns one by one", () => {
    const long = describeBytes(Buffer.from("Kommun,År,Antal\nVindeln,2010,5507\n"))
    expect(long.layout).toBeUndefined()
    expect(long.columns).toMatchObject({ År: "year", Antal: "value" })
    const none = describeBytes(scb, { wide: "none", missing: ["..=confidential"] })
    expect(none.layout).toBeUndefined()
    expect(flags(none)).toContain("--column")
  })

  it("asks by --wide for what the flag names and the header does not hold", () => {
    const d = describeBytes(Buffer.from("Kommun,Antal\nVindeln,5507\n"), { wide: "year", set: ["year=2010"] })
    expect(flags(d)).toContain("--wide")
    expect(d.questions.find((q) => q.flag === "--wide")!.question).toContain("the header has none")
    expect(flags(describeBytes(scb, { wide: "no_such_field" }))).toContain("--wide")
  })
})

describe("the indicator", () => {
  const bytes = Buffer.from("Kommun,År,Värde\nVindeln,2010,12\n")

  it("is asked for when the file has no column of indicators", () => {
    const d = describeBytes(bytes, { indicator: undefined })
    expect(flags(d)).toEqual(["--indicator"])
    expect(d.questions[0]!.question).toContain("population, new_jobs")
  })

  it("must be one the release has", () => {
    const d = describeBytes(bytes, { indicator: "jobs" })
    expect(flags(d)).toEqual(["--indicator"])
    expect(d.questions[0]!.question).toContain("--new-indicator jobs")
  })

  it("of a project: the period rule is said, with the period", () => {
    const d = describeBytes(bytes, { indicator: "new_jobs" })
    expect(d.notes.join()).toContain("which ran 2009-01-01 to 2011-12-31: years 2009–2011 only")
    expect(d.guesses.find((g) => g.subject === "indicator")?.evidence).toContain("unit count")
    const outside = describeBytes(Buffer.from("Kommun,År,Värde\nVindeln,2012,12\nVindeln,2008,1\n"), {
      indicator: "new_jobs",
    })
    expect(outside.notes.join()).toContain("2008, 2012 are outside the project's period")
  })

  it("new: each detail absent is asked for by its flag", () => {
    const d = describeBytes(bytes, { indicator: undefined, newIndicator: "broadband", unit: "furlongs" })
    expect(flags(d)).toEqual(["--label-sv", "--label-en", "--unit"])
  })

  it("new: the constant and the one-row file", () => {
    const d = describeBytes(bytes, {
      indicator: undefined,
      newIndicator: "broadband",
      labelSv: "Bredband, andel",
      labelEn: "Broadband share",
      unit: "percent",
    })
    expect(d.questions).toEqual([])
    expect(d.constants).toEqual({ indicator_id: "broadband" })
    expect(indicatorCsv(d.newIndicator!, "Vindelns kommun").text).toBe(
      'indicator_id,label_sv,label_en,unit,source\nbroadband,"Bredband, andel",Broadband share,percent,Vindelns kommun\n',
    )
  })
})

describe("the command line's answers", () => {
  it("asks for the publisher and the licence, naming their flags", () => {
    const { questions } = request({ publisher: undefined, licence: "MIT" })
    expect(questions.map((q) => q.flag)).toEqual(["--publisher", "--licence"])
  })

  it("refuses a received day in the future, an unknown field and a label that is none", () => {
    const { questions } = request({ received: "2027-01-01", set: ["colour=red"], missing: ["..=secret"] })
    expect(questions.map((q) => q.flag)).toEqual(["--received", "--set", "--missing"])
    expect(request({ received: "2026-13-45" }).questions.map((q) => q.flag)).toEqual(["--received"])
  })

  it("files under the publisher's name in ASCII, or --to", () => {
    expect(slug("Vindelns kommun")).toBe("vindelns-kommun")
    expect(slug("Region Västerbotten (RV)")).toBe("region-vasterbotten-rv")
    expect(request({ to: "vindeln" }).request.folder).toBe("vindeln")
    expect(request({ to: "../x" }).questions.map((q) => q.flag)).toEqual(["--to"])
  })
})

describe("the entry", () => {
  it("has the manifest's keys in its order", () => {
    const entry = proposeEntry({
      file: "vindelns-kommun/2026-11-20/v.csv",
      dataset: "indicator_values",
      publisher: "Vindelns kommun",
      licence: "CC0-1.0",
      received: "2026-11-20",
      sha256: "0".repeat(64),
      description: "note",
      dialect: { encoding: "utf-8" },
      columns: { År: "year" },
      constants: {},
    })
    expect(Object.keys(entry)).toEqual([
      "file",
      "dataset",
      "kind",
      "publisher",
      "licence",
      "received",
      "sha256",
      "description",
      "format",
      "dialect",
      "columns",
    ])
    expect(entry.kind).toBe("delivered")
  })
})
