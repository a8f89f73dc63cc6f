import { defineDataset } from "../dataset.ts"
import { code, date, integer, nullable, oneOf, text } from "../field.ts"
import { deliveryFile } from "../common-fields.ts"
import { ERDF, FOUR_K, keywords, REGISTER, SCB } from "../common-keywords.ts"

/**
 * The deliveries of the release, current and past: one row per entry of raw/manifest.json.
 * Made from the manifest, so the release shows its own history: what each file is, where it
 * came from, and whether it is published, superseded (wholly or in part) or withdrawn.
 */
export const deliveries = defineDataset({
  name: "deliveries",
  title: {
    sv: "Leveranser bakom öppna data om 4K – Konkurrenskraftiga Kranskommuner",
    en: "Deliveries behind the open data on 4K – Competitive Commuter-Belt Municipalities",
  },
  description: {
    sv: "Stödtabell om proveniens: varje leverans som publiceringen av öppna data om 4K (Konkurrenskraftiga Kranskommuner) och liknande projekt bygger på eller har byggt på, som inskrifterna från 4K:s projektsida och ögonblicksbilderna av Tillväxtverkets register Projektbanken och av SCB:s och Eurostats statistik och kodlistor: fil, källa, utgivare, licens eller kända villkor, vilken dag dess data gäller, när den hämtades och när den lades in (var för sig, och tomma där de inte är kända), kontrollsumma, och om den gäller, har ersatts (helt eller delvis: vad av den som fortfarande publiceras) eller har dragits tillbaka. Varje publicerad rad kan följas till sin leverans här.",
    en: "Supporting table on provenance: every delivery the open data on 4K (Competitive Commuter-Belt Municipalities) and projects like it is or was built from, such as the transcriptions of 4K's project page and the snapshots of Tillväxtverket's register Projektbanken and of the statistics and code lists of Statistics Sweden (SCB) and Eurostat: file, source, publisher, licence or the terms known, the day its data is as of, when it was retrieved and when it was filed (each apart, and empty where not known), checksum, and whether it is current, superseded (wholly or in part: what of it is still published) or withdrawn. Every published row can be followed to its delivery here.",
  },
  fields: {
    file: deliveryFile({ en: "The delivery's file in raw/ of the repository", sv: "Leveransens fil i förrådets raw/" }),
    kind: oneOf(
      {
        en: "How the file came to be: delivered (received from its publisher), snapshot (taken from a named source, see snapshot_of), or transcribed (typed by the repository's maintainers from the documents named)",
        sv: "Hur filen kom till: delivered (mottagen från utgivaren), snapshot (hämtad från en namngiven källa, se snapshot_of) eller transcribed (inskriven av förrådets förvaltare från de dokument som anges)",
      },
      ["delivered", "snapshot", "transcribed"],
    ),
    snapshot_of: nullable(
      code(
        {
          en: "The source the file is a snapshot of, by its name in the pipeline (empty for a delivery declared in full)",
          sv: "Källan som filen är en ögonblicksbild av, med sitt namn i flödet (tomt för en leverans som beskrivs i sin helhet)",
        },
        /^[a-z0-9][a-z0-9-]*$/u,
        "a source's name such as kolada",
      ),
    ),
    documents: nullable(
      text({
        en: "For a transcription: the documents it was transcribed from, each with its address where known (title <address>; …)",
        sv: "För en inskrift: dokumenten den skrevs in från, med adress där den är känd (titel <adress>; …)",
      }),
    ),
    publisher: text({
      en: "Whose data it is: who delivered the file, who publishes the source of a snapshot, or who made the documents of a transcription",
      sv: "Vems data det är: vem som levererade filen, vem som ger ut källan till en ögonblicksbild eller vem som skrev dokumenten till en inskrift",
    }),
    licence: nullable(
      oneOf(
        {
          en: "The licence the delivery's publisher or source grants (SPDX); empty where it states none: then rights says what terms are known",
          sv: "Licensen som leveransens utgivare eller källa ger (SPDX); tom där den inte anger någon: då säger rights vilka villkor som är kända",
        },
        ["CC0-1.0", "CC-BY-4.0"],
      ),
    ),
    rights: nullable(
      text({
        en: "Where no licence is granted: the terms that are known (whose data it is, what they allow, how to credit them); empty where a licence is",
        sv: "Där ingen licens ges: de villkor som är kända (vems data det är, vad de tillåter, hur de ska anges); tom där det finns en licens",
      }),
    ),
    via: nullable(
      text({
        en: "The copy a snapshot was taken from, where not from its source directly (a third party's scrape): who made it and when; empty otherwise",
        sv: "Kopian som en ögonblicksbild togs från, där den inte hämtades direkt från källan (en tredje parts skrapning): vem som gjorde den och när; annars tom",
      }),
    ),
    as_of: nullable(
      date({
        en: "The day the delivery's data describes: a register's state on the day it was read, or the reference day of its newest figures; empty where not known",
        sv: "Dagen som leveransens data beskriver: ett registers innehåll den dag det lästes, eller referensdagen för dess senaste siffror; tom där den inte är känd",
      }),
    ),
    retrieved: nullable(
      date({
        en: "The day the file was taken from its source; empty where not known",
        sv: "Dagen då filen hämtades från sin källa; tom där den inte är känd",
      }),
    ),
    filed: date({
      en: "The day the file was filed into raw/: received from its publisher, snapshot filed, or transcription typed",
      sv: "Dagen då filen lades in i raw/: mottagen från utgivaren, ögonblicksbilden inlagd eller inskriften gjord",
    }),
    sha256: code(
      { en: "SHA-256 of the file's bytes", sv: "Filens SHA-256" },
      /^[0-9a-f]{64}$/u,
      "64 lower-case hex digits",
    ),
    reading_sha256: code(
      {
        en: "SHA-256 of what its manifest entry says of how the file is read, what it feeds and which deliveries it replaces (for a source's file, the source's name and what it replaces), as canonical JSON: once published, as fixed as the file's bytes",
        sv: "SHA-256 av vad leveransens post i manifestet säger om hur filen läses, vad den matar och vilka leveranser den ersätter (för en källas fil källans namn och vad den ersätter), som kanonisk JSON: när den publicerats lika fast som filens byte",
      },
      /^[0-9a-f]{64}$/u,
      "64 lower-case hex digits",
    ),
    delivery_status: oneOf(
      {
        en: "current: published in this release; superseded: a newer snapshot of its source, or a correction that replaces it, took its place; partly superseded: a newer delivery took the place of the rows it covers (for indicator values: by indicator, municipality and year), and this one's other rows are still published, as still_published says; withdrawn: taken out, for the reason given",
        sv: "current: publiceras i denna version; superseded: en nyare ögonblicksbild av källan, eller en rättelse som ersätter den, har tagit dess plats; partly superseded: en nyare leverans har tagit platsen för de rader den omfattar (för indikatorvärden: efter indikator, kommun och år), och denna leverans övriga rader publiceras fortfarande, som still_published anger; withdrawn: borttagen, av skälet som anges",
      },
      ["current", "partly superseded", "superseded", "withdrawn"],
    ),
    superseded_by: nullable(
      deliveryFile({
        en: "The delivery that took its place (for a partly superseded one, the place of the rows it covers); empty unless superseded",
        sv: "Leveransen som tog dess plats (för en delvis ersatt, platsen för de rader den omfattar); tomt om den inte ersatts",
      }),
    ),
    still_published: nullable(
      text({
        en: "Of a partly superseded delivery: what is still published from it, the rows no newer delivery covers, with their indicators, municipalities and years (empty otherwise)",
        sv: "För en delvis ersatt leverans: det som fortfarande publiceras från den, de rader som ingen nyare leverans omfattar, med deras indikatorer, kommuner och år (tomt annars)",
      }),
    ),
    withdrawn_reason: nullable(
      text({
        en: "Why the delivery was withdrawn (empty unless withdrawn)",
        sv: "Varför leveransen drogs tillbaka (tomt om den inte dragits tillbaka)",
      }),
    ),
    erased: nullable(
      text({
        en: "Why the delivery's file is no longer in the repository's raw/ (it held personal data, say); its entry stays as the record of what was published; empty while the file is there",
        sv: "Varför leveransens fil inte längre finns i förrådets raw/ (den innehöll personuppgifter, till exempel); posten finns kvar som uppgift om vad som publicerades; tom så länge filen finns",
      }),
    ),
    description: nullable(
      text({
        en: "What the delivery holds, as its manifest entry or source describes it",
        sv: "Vad leveransen innehåller, som dess post i manifestet eller källan beskriver det",
      }),
    ),
    manifest_line: integer(
      {
        en: "Line of raw/manifest.json where the delivery's entry begins",
        sv: "Rad i raw/manifest.json där leveransens post börjar",
        provenance: true,
      },
      { minimum: 1, maximum: 2 ** 31 - 1 },
    ),
  },
  primaryKey: ["file"],
  // A delivery is about the day it was filed (received, snapshot filed, or transcribed).
  period: { start: "filed", end: "filed" },
  foreignKeys: [{ fields: ["superseded_by"], reference: { dataset: "deliveries", fields: ["file"] } }],
  themes: ["REGI", "GOVE"],
  keywords: keywords(
    { sv: ["leveranser", "proveniens"], en: ["deliveries", "provenance"] },
    FOUR_K,
    ERDF,
    REGISTER,
    SCB,
    { sv: ["Eurostat"], en: ["Eurostat"] },
  ),
  fromManifest: true,
  manifestFacts: {
    file: "file",
    kind: "kind",
    snapshot_of: "source",
    documents: "documents",
    publisher: "publisher",
    licence: "licence",
    rights: "rights",
    via: "via",
    as_of: "asOf",
    retrieved: "retrieved",
    filed: "received",
    sha256: "sha256",
    reading_sha256: "reading",
    delivery_status: "state",
    superseded_by: "supersededBy",
    still_published: "stillPublished",
    withdrawn_reason: "withdrawnReason",
    erased: "erased",
    description: "description",
    manifest_line: "line",
  },
  // Named `status` in releases before 3.0.0.
  formerNames: { delivery_status: "status" },
  supporting: true,
})
