/** Fields shared by several datasets, so a key means the same thing wherever it appears. */
import { code, oneOf, text, type FieldDoc } from "./field.ts"

export const municipalityCode = code(
  {
    en: "Municipality code of Statistics Sweden (kommunkod), four digits with leading zero",
    sv: "SCB:s kommunkod, fyra siffror med inledande nolla",
    digits: 4,
    headerWords: [
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
  },
  /^[0-9]{4}$/u,
  "a four-digit municipality code such as 0114",
)

export const countyCode = code(
  {
    en: "County code of Statistics Sweden (länskod), two digits",
    sv: "SCB:s länskod, två siffror",
    digits: 2,
    headerWords: ["lan", "lanskod", "lan kod", "county", "county code"],
  },
  /^[0-9]{2}$/u,
  "a two-digit county code such as 01",
)

export const PROJECT_ID_PATTERN = /^[a-z0-9][a-z0-9-]*$/u
export const PROJECT_ID_EXPECTED = "a lower-case identifier of letters, digits and hyphens"

/** The header words of a field naming a project. */
export const PROJECT_WORDS = ["projekt", "projektid", "projekt id", "project", "project id"]

/** The header words of a name in Swedish, and of one in English. */
export const SWEDISH_NAME_WORDS = ["namn sv", "namn svenska", "benamning", "svenskt namn"]
export const ENGLISH_NAME_WORDS = ["namn en", "namn engelska", "engelskt namn", "name en", "english name"]

export const projectId = code(
  {
    en: "Identifier of the project in this release",
    sv: "Projektets identifierare i publiceringen",
    headerWords: PROJECT_WORDS,
  },
  PROJECT_ID_PATTERN,
  PROJECT_ID_EXPECTED,
)

/** Why a value is missing. The labels are those a delivery's manifest may give its markers. */
export const MISSING_LABELS = ["not reported", "confidential", "not applicable", "not known", "not available"] as const

/** What each label says, for codebooks and pages. */
export const MISSING_LABEL_MEANINGS: Record<
  (typeof MISSING_LABELS)[number],
  { readonly sv: string; readonly en: string }
> = {
  "not reported": { sv: "ej rapporterat", en: "not reported: the source was to report it and did not" },
  confidential: { sv: "sekretess", en: "confidential: the source withholds it" },
  "not applicable": { sv: "ej tillämpligt", en: "not applicable: there is no such value" },
  "not known": { sv: "uppgift saknas", en: "not known: the source does not know or does not give it" },
  "not available": {
    sv: "källan inte tillgänglig",
    en: "not available: the document that would give it is not available to this publication",
  },
}

export const missingLabel = (what: string, sv: string, headerWords?: ReadonlyArray<string>) =>
  oneOf(
    {
      en: `Why ${what} is missing (null when it is present)`,
      sv: `Varför ${sv} saknas (tomt när det finns)`,
      ...(headerWords === undefined ? {} : { headerWords }),
    },
    MISSING_LABELS,
  )

/** A delivery's file, relative to raw/ (the manifest holds the path to its rules). */
export const deliveryFile = (doc: FieldDoc) => text(doc)
