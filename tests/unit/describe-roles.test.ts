/**
 * pipeline/describe/ knows datasets only by what their definitions declare: a made-up
 * publication whose datasets and fields have names the code never saw is described as the
 * real one is, its header words, places, years and codebook read off the definitions.
 */
import { describe, expect, it } from "vitest"
import { type DatasetDefinition, defineDataset } from "../../schemas/dataset.ts"
import { missingLabel } from "../../schemas/common-fields.ts"
import { code, date, integer, nullable, number, oneOf, text } from "../../schemas/field.ts"
import { type AddFlags, parseAddFlags } from "../../pipeline/describe/add-request.ts"
import { describeDelivery } from "../../pipeline/describe/describe-delivery.ts"
import { renderGuess } from "../../pipeline/describe/evidence.ts"
import { indicatorCsv } from "../../pipeline/describe/propose-entry.ts"
import { listsOf, rolesOf, type Rows } from "../../pipeline/describe/roles.ts"

const about = {
  title: { sv: "t", en: "t" },
  description: { sv: "d", en: "d" },
  themes: [],
  keywords: { sv: [], en: [] },
}
const doc = (headerWords?: ReadonlyArray<string>) => ({
  en: "e",
  sv: "s",
  ...(headerWords === undefined ? {} : { headerWords }),
})

const regions = defineDataset({
  ...about,
  name: "regions",
  fields: {
    area_code: code({ ...doc(["omrade", "omradeskod"]), digits: 3 }, /^[0-9]{3}$/u, "three digits"),
    area_name: text(doc(["omradesnamn"])),
  },
  primaryKey: ["area_code"],
  foreignKeys: [],
  nameLookup: { key: "area_code", name: "area_name", noun: "region" },
})
const campaigns = defineDataset({
  ...about,
  name: "campaigns",
  fields: { campaign: code(doc(), /^[a-z]+$/u, "letters"), first_day: date(doc()), last_day: date(doc()) },
  primaryKey: ["campaign"],
  foreignKeys: [],
  period: { start: "first_day", end: "last_day" },
})
const measures = defineDataset({
  ...about,
  name: "measures",
  fields: {
    measure: code(doc(), /^[a-z_]+$/u, "letters"),
    producer: text(doc()),
    name_en: text(doc()),
    name_sv: text(doc()),
    scale: oneOf(doc(), ["heads", "share"]),
    note_sv: nullable(text(doc())),
    note_en: nullable(text(doc())),
    campaign: nullable(code(doc(), /^[a-z]+$/u, "letters")),
  },
  primaryKey: ["measure"],
  foreignKeys: [{ fields: ["campaign"], reference: { dataset: "campaigns", fields: ["campaign"] } }],
  codebook: {
    labelFields: { sv: "name_sv", en: "name_en" },
    unitField: "scale",
    countUnits: ["heads"],
    definitionFields: { sv: "note_sv", en: "note_en" },
    projectField: "campaign",
    sourceField: "producer",
  },
})
const figures = defineDataset({
  ...about,
  name: "figures",
  fields: {
    measure: code(doc(), /^[a-z_]+$/u, "letters"),
    area: code({ ...doc(), digits: 3 }, /^[0-9]{3}$/u, "three digits"),
    when: integer(doc(["ar"]), { minimum: 1900, maximum: 2100 }),
    amount: nullable(number({ ...doc(["antal"]), missingLabelField: "why" })),
    why: nullable(missingLabel("the amount", "antalet")),
  },
  primaryKey: ["measure", "area", "when"],
  foreignKeys: [
    { fields: ["measure"], reference: { dataset: "measures", fields: ["measure"] } },
    { fields: ["area"], reference: { dataset: "regions", fields: ["area_code"] } },
  ],
  period: { year: "when" },
})
const DATASETS = [regions, campaigns, measures, figures] as unknown as ReadonlyArray<DatasetDefinition>

const release: Record<string, Rows> = {
  regions: [
    { area_code: "012", area_name: "Norrby" },
    { area_code: "340", area_name: "Söderås" },
  ],
  measures: [{ measure: "visitors", name_sv: "Besökare", name_en: "Visitors", scale: "heads", campaign: "spring" }],
  campaigns: [{ campaign: "spring", first_day: "2010-03-01", last_day: "2011-05-31" }],
}

const describeFigures = (csv: string, flags: Partial<AddFlags>) => {
  const { request, questions } = parseAddFlags(
    { dataset: "figures", publisher: "Norrby kommun", licence: "CC0-1.0", set: [], column: [], missing: [], ...flags },
    DATASETS,
    "2026-11-29",
  )
  const d = describeDelivery({
    bytes: Buffer.from(csv),
    dataset: request.dataset!,
    request,
    datasets: DATASETS,
    rowsOf: (name) => release[name],
    whereOf: (name) => `out/${name}.json`,
  })
  return { ...d, questions: [...questions, ...d.questions] }
}

describe("a dataset known by its definition's roles", () => {
  it("finds the place, the year and the codebook, and the lists to read", () => {
    const roles = rolesOf(figures as unknown as DatasetDefinition, DATASETS)
    expect(roles.place?.field).toBe("area")
    expect(roles.place?.places).toBe("regions")
    expect(roles.yearField).toBe("when")
    expect(roles.codebook?.field).toBe("measure")
    expect(roles.codebook?.periods).toEqual({ name: "campaigns", key: "campaign", start: "first_day", end: "last_day" })
    expect(listsOf(roles)).toEqual(["regions", "measures", "campaigns"])
    expect(rolesOf(campaigns as unknown as DatasetDefinition, DATASETS).codebook).toBeUndefined()
  })

  it("maps columns by header words, names and codes of places by the lookup, and the measure by --indicator", () => {
    const d = describeFigures("Område,År,Antal\nNorrby,2010,5\nSöderås,2012,7\n", { indicator: "visitors" })
    expect(d.questions).toEqual([])
    expect(d.columns).toEqual({ Område: { field: "area", parse: "municipality-name" }, År: "when", Antal: "amount" })
    expect(d.constants).toEqual({ measure: "visitors" })
    expect(d.guesses.map(renderGuess).join("\n")).toContain("all 2 values are region names")
    expect(d.notes.join()).toContain("which ran 2010-03-01 to 2011-05-31")
    expect(d.notes.join()).toContain("2012 is outside the project's period")
    const codes = describeFigures("Kod,År,Antal\n12,2010,5\n340,2011,7\n", { indicator: "visitors" })
    expect(codes.columns["Kod"]).toEqual({ field: "area", zeroPad: 3 })
  })

  it("asks for the measure, naming the codebook's rows, and defines a new one in the codebook's field order", () => {
    expect(describeFigures("Område,År,Antal\nNorrby,2010,5\n", {}).questions[0]!.question).toContain(
      "the file has no column of measures: name one the release has (visitors)",
    )
    const d = describeFigures("Område,År,Antal\nNorrby,2010,5\n", {
      newIndicator: "guests",
      labelSv: "Gäster",
      labelEn: "Guests",
      unit: "share",
    })
    expect(d.questions).toEqual([])
    expect(indicatorCsv(d.newIndicator!, "Norrby kommun")).toEqual({
      dataset: "measures",
      text: "measure,producer,name_en,name_sv,scale\nguests,Norrby kommun,Guests,Gäster,share\n",
      columns: { measure: "measure", producer: "producer", name_en: "name_en", name_sv: "name_sv", scale: "scale" },
    })
    const unit = describeFigures("Område,År,Antal\nNorrby,2010,5\n", { newIndicator: "guests", unit: "furlongs" })
    expect(unit.questions.find((q) => q.flag === "--unit")?.question).toContain("one of heads, share")
    // The identifiers are those the codebook's fields take: here letters alone, no digits.
    const named = describeFigures("Område,År,Antal\nNorrby,2010,5\n", {
      newIndicator: "guests2",
      labelSv: "Gäster",
      labelEn: "Guests",
      unit: "share",
      project: "autumn1",
    })
    expect(named.questions.map((q) => q.flag)).toEqual(["--new-indicator", "--project"])
  })
})
