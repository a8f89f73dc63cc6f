import { defineDataset } from "../dataset.ts"
import { code, date, integer, nullable, oneOf, text } from "../field.ts"
import { projectId } from "../common-fields.ts"
import { ERDF, FOUR_K, FOUR_K_PLACES, keywords, REGISTER } from "../common-keywords.ts"

const amount = (unit: "SEK" | "EUR", en: string, sv: string) =>
  nullable(integer({ en, sv, unit }, { minimum: 0, maximum: 1e12 }, true))
const sek = (en: string, sv: string) =>
  amount(
    "SEK",
    `${en}, in SEK (null when stated in EUR or not at all)`,
    `${sv}, i kronor (tomt när beloppet anges i euro eller inte alls)`,
  )
const eur = (en: string, sv: string) =>
  amount(
    "EUR",
    `${en}, in EUR, as some Interreg projects state it (null otherwise)`,
    `${sv}, i euro, som vissa Interregprojekt anger det (tomt annars)`,
  )

/** The amounts a project's funding is given in, each for the whole project. */
const GRANTED = {
  en: "EU funds granted to the whole project (the fund's grant, beviljat belopp): one amount for the project, however many municipalities it covers, not a share of any of them",
  sv: "Beviljat EU-stöd till hela projektet (fondens stöd, beviljat belopp): ett belopp för projektet, hur många kommuner det än omfattar, inte en andel för någon av dem",
}
const NATIONAL = {
  en: "National public co-financing of the whole project (offentlig medfinansiering: the municipalities, county administrative boards and agencies that co-finance it, together): the total, not who paid what",
  sv: "Nationell offentlig medfinansiering av hela projektet (kommuner, länsstyrelser och myndigheter som medfinansierar det, tillsammans): summan, inte vem som betalade vad",
}

export const projects = defineDataset({
  name: "projects",
  title: {
    sv: "Projekt: 4K – Konkurrenskraftiga Kranskommuner – och ERUF-projekt 2007–2013 i Tillväxtverkets Projektbanken",
    en: "Projects: 4K – Competitive Commuter-Belt Municipalities – and ERDF projects 2007–2013 in Tillväxtverket's Projektbanken",
  },
  description: {
    sv: "Ett projekt per rad, med namn, period, status, projektägare, program, insatsområde, fond, beviljat EU-stöd och nationell offentlig medfinansiering: det regionala utvecklingsprojektet 4K, Konkurrenskraftiga Kranskommuner (2008–2010), som Nordmaling, Bjurholm, Robertsfors, Vindeln och Vännäs drev med stöd ur Europeiska regionala utvecklingsfonden (ERUF), och projekten i Tillväxtverkets register Projektbanken över projekt med stöd ur ERUF 2007–2013 (Mål 2 och Interreg IVA). Varje belopp gäller hela projektet, i den valuta kolumnen anger (kronor eller euro), som källan anger det: ett EU-stöd eller en nationell medfinansiering som delas av alla kommuner och stödmottagare i projektet, aldrig en enskild kommuns andel. Projektets kommuner finns i project_municipalities och dess finansiärer i project_funders.",
    en: "One project per row, with names, period, status, lead organisation, programme, priority axis, fund, EU funds granted and national public co-financing: the regional development project 4K, Competitive Commuter-Belt Municipalities (Konkurrenskraftiga Kranskommuner, 2008–2010), which Nordmaling, Bjurholm, Robertsfors, Vindeln and Vännäs ran with support from the European Regional Development Fund (ERDF), and the projects of Tillväxtverket's register Projektbanken of projects supported by the ERDF in 2007–2013 (Objective 2 and Interreg IVA). Every amount is the whole project's, in the currency its column names (SEK or EUR), as the source states it: an EU grant or a national co-financing shared by all the project's municipalities and beneficiaries, never one municipality's share. The project's municipalities are in project_municipalities, its funders in project_funders.",
  },
  fields: {
    project_id: projectId,
    acronym: nullable(text({ en: "Short name of the project", sv: "Projektets kortnamn" })),
    title_sv: text({ en: "Full name of the project in Swedish", sv: "Projektets fullständiga namn på svenska" }),
    title_en: nullable(
      text({
        en: "Full name of the project in English (a translation, where the source names it in Swedish only)",
        sv: "Projektets fullständiga namn på engelska (en översättning, där källan bara har ett svenskt namn)",
      }),
    ),
    status: oneOf({ en: "Status of the project", sv: "Projektets status" }, ["planned", "ongoing", "completed"], {
      planned: { sv: "planerat", en: "planned" },
      ongoing: { sv: "pågående", en: "ongoing" },
      completed: { sv: "avslutat", en: "completed" },
    }),
    start_date: date({
      en: "First day of the project",
      sv: "Projektets första dag",
      headerWords: ["startdatum", "start", "fran", "from"],
    }),
    end_date: date({
      en: "Last day of the project",
      sv: "Projektets sista dag",
      headerWords: ["slutdatum", "slut", "till", "to"],
    }),
    lead_organisation: text({ en: "Lead beneficiary (projektägare)", sv: "Projektägare (stödmottagare)" }),
    programme: text({
      en: "Funding programme and objective, in the words of Tillväxtverket's Projektbanken ('Mål 2 Regional konkurrenskraft och sysselsättning', 'Interreg IVA Gränsöverskridande samarbete'), for a delivered project too, so that grouping by programme puts it with the register's",
      sv: "Program och mål, med Tillväxtverkets Projektbankens ord ('Mål 2 Regional konkurrenskraft och sysselsättning', 'Interreg IVA Gränsöverskridande samarbete'), även för ett levererat projekt, så att en gruppering på program för det till registrets",
    }),
    programme_area: nullable(text({ en: "Programme area", sv: "Programområde" })),
    priority_axis: nullable(text({ en: "Priority axis of the programme", sv: "Programmets insatsområde" })),
    fund: text({ en: "EU fund", sv: "EU-fond" }),
    eu_funds_granted_sek: sek(GRANTED.en, GRANTED.sv),
    eu_funds_granted_eur: eur(GRANTED.en, GRANTED.sv),
    national_public_funding_sek: sek(NATIONAL.en, NATIONAL.sv),
    national_public_funding_eur: eur(NATIONAL.en, NATIONAL.sv),
    eu_funds_paid_sek: sek(
      "EU funds paid out up to the date in eu_funds_paid_date, as a source states it (an interim figure when that date is before the project's end)",
      "Utbetalt EU-stöd fram till datumet i eu_funds_paid_date, som en källa anger det (en delsumma när datumet ligger före projektets slut)",
    ),
    eu_funds_paid_date: nullable(
      date({
        en: "The date up to which eu_funds_paid_sek was paid",
        sv: "Datum fram till vilket eu_funds_paid_sek hade betalats ut",
      }),
    ),
    summary_sv: nullable(
      text({
        en: "Summary in Swedish: the register's description, or, for a transcription, the maintainers' summary of its documents",
        sv: "Sammanfattning på svenska: registrets beskrivning, eller, för en inskrift, förvaltarnas sammanfattning av dokumenten",
      }),
    ),
    summary_en: nullable(
      text({
        en: "Summary in English: for a transcription, the maintainers' summary of its documents",
        sv: "Sammanfattning på engelska: för en inskrift, förvaltarnas sammanfattning av dokumenten",
      }),
    ),
    tillvaxtverket_case_id: nullable(
      code(
        {
          en: "Case number in Tillväxtverket's Projektbanken (ärende-id)",
          sv: "Ärende-id i Tillväxtverkets Projektbanken",
        },
        /^[0-9]+$/u,
        "a case number of digits",
      ),
    ),
  },
  primaryKey: ["project_id"],
  foreignKeys: [],
  period: { start: "start_date", end: "end_date" },
  names: { sv: "title_sv", en: "title_en", short: "acronym" },
  rowPages: {
    heading: { sv: "Projekt", en: "Projects" },
    all: { sv: "Alla projekt", en: "all projects" },
    summary: { sv: "summary_sv", en: "summary_en" },
    facts: [
      { label: { sv: "Status" }, field: "status" },
      { label: { sv: "Projektägare", en: "Lead" }, field: "lead_organisation" },
      { label: { sv: "Program" }, field: "programme", beside: { field: "programme_area" } },
      { label: { sv: "Fond", en: "Fund" }, field: "fund" },
      { label: { sv: "Beviljat EU-stöd", en: "EU funds granted" }, field: "eu_funds_granted_sek" },
      {
        label: { sv: "Nationell offentlig medfinansiering", en: "National co-financing" },
        field: "national_public_funding_sek",
      },
      {
        label: { sv: "Utbetalt EU-stöd", en: "EU funds paid" },
        field: "eu_funds_paid_sek",
        beside: { field: "eu_funds_paid_date", bracketed: true },
      },
      { label: { sv: "Ärende i Projektbanken", en: "Case" }, field: "tillvaxtverket_case_id" },
    ],
    sections: [
      "project_municipalities",
      "project_funders",
      "project_goals",
      "project_target_groups",
      "project_activities",
    ],
    describedBy: ["project_activities", "project_goals", "indicators"],
  },
  reconcile: {
    match: "tillvaxtverket_case_id",
    description:
      "Projects that a delivery describes (delivered by its publisher, or transcribed by the maintainers from documents) and a register also lists (the same Tillväxtverket case number), compared aspect by aspect with both values and both sources. Each aspect says which two sources it compares and whether they are independent: where the delivery took a value from that register itself, the aspect is 'copied', a copy compared with its original, and counts as no agreement. The release publishes the delivery's rows; the register's rows for these projects are left out.",
    aspects: [
      {
        name: "title",
        fields: ["title_sv"],
        compare: "title",
        before: "acronym",
        compared: 'letter case, spacing and a leading acronym ("4K - ") ignored',
      },
      { name: "period", fields: ["start_date", "end_date"], compare: "equal", compared: "start and end dates equal" },
      {
        name: "beneficiary",
        fields: ["lead_organisation"],
        compare: "text",
        compared: "letter case and spacing ignored",
      },
      {
        name: "eu_funds_granted",
        fields: ["eu_funds_granted_sek", "eu_funds_granted_eur"],
        compare: "amount",
        compared: "amount and currency equal",
      },
      {
        name: "national_public_funding",
        fields: ["national_public_funding_sek", "national_public_funding_eur"],
        compare: "amount",
        compared: "amount and currency equal",
      },
      {
        name: "municipalities",
        fields: ["municipality_code"],
        compare: "set",
        from: {
          dataset: "project_municipalities",
          where: { field: "role", values: ["participant", "project_area"] },
        },
        compared:
          "the same set of municipality codes: participants in the delivery, the municipalities covered in the register",
      },
    ],
  },
  rowRules: [{ field: "end_date", notBefore: "start_date", message: "the project ends before it starts" }],
  themes: ["REGI", "ECON"],
  keywords: keywords(
    { sv: ["projekt", "regional utveckling"], en: ["project", "regional development"] },
    FOUR_K,
    ERDF,
    REGISTER,
    FOUR_K_PLACES,
  ),
})
