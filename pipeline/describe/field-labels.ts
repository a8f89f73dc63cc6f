/**
 * The words a header uses for a field, in Swedish and English: `Kommun`, `Kommunkod` and
 * `Municipality` for municipality_code, `År` and `Year` for year, `Värde`, `Antal`, `Value` and
 * `Count` for value. A field is also known by its own name (`municipality_code`, `municipality
 * code`). A label is compared without case, accents, punctuation or a unit in parentheses.
 */

/** A label as it is compared: `Antal (personer)` → `antal`, `Kommun-kod` → `kommun kod`, `År` → `ar`. */
export const labelKey = (label: string): string =>
  label
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLocaleLowerCase("sv")
    .replace(/\([^)]*\)|\[[^\]]*\]/gu, " ")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim()

/** Swedish and English labels of fields, beyond their own names. */
const WORDS: Record<string, ReadonlyArray<string>> = {
  municipality_code: [
    "kommun",
    "kommunkod",
    "kommun kod",
    "kommunnummer",
    "kommunnr",
    "kommun nr",
    "kommunnamn",
    "region",
    "municipality",
    "municipality name",
  ],
  municipality_name: ["kommunnamn", "namn", "name", "municipality name"],
  county_code: ["lan", "lanskod", "lan kod", "county", "county code"],
  county_name: ["lansnamn", "county name"],
  nuts3_code: ["nuts", "nuts3", "nuts 3"],
  year: ["ar", "artal", "year"],
  value: ["varde", "antal", "value", "count", "number", "summa", "total", "andel", "procent", "percent"],
  value_status: ["status", "vardestatus", "value status", "orsak", "reason"],
  indicator_id: ["indikator", "indikatorid", "indikator id", "indikatorkod", "indicator", "indicator id", "kpi"],
  label_sv: ["namn sv", "namn svenska", "benamning", "svenskt namn"],
  label_en: ["namn en", "namn engelska", "engelskt namn", "name en", "english name"],
  unit: ["enhet", "unit"],
  project_id: ["projekt", "projektid", "projekt id", "project", "project id"],
  source: ["kalla", "source"],
  start_date: ["startdatum", "start", "fran", "from"],
  end_date: ["slutdatum", "slut", "till", "to"],
  title: ["titel", "rubrik", "projektnamn", "title"],
}

/** Every key a field's header may have. */
export const keysOf = (field: string): ReadonlyArray<string> => [
  labelKey(field),
  field.toLowerCase(),
  ...(WORDS[field] ?? []),
]

/** The fields (of those given) a header label names. */
export const fieldsNamed = (label: string, fields: ReadonlyArray<string>): ReadonlyArray<string> => {
  const key = labelKey(label)
  return key === "" ? [] : fields.filter((f) => keysOf(f).includes(key))
}
