import { defineDataset } from "../dataset.ts"
import { code, date, integer, nullable, oneOf, text } from "../field.ts"
import { deliveryFile } from "../common-fields.ts"

/**
 * The deliveries of the release, current and past: one row per entry of raw/manifest.json.
 * Made from the manifest, so the release shows its own history: what each file is, where it
 * came from, and whether it is published, superseded or withdrawn.
 */
export const deliveries = defineDataset({
  name: "deliveries",
  title: { sv: "Leveranser", en: "Deliveries" },
  description: {
    sv: "Varje leverans som publiceringen bygger på eller har byggt på: fil, källa, utgivare, licens, mottagningsdag och kontrollsumma, och om den gäller, har ersatts eller har dragits tillbaka.",
    en: "Every delivery the release is or was built from: file, source, publisher, licence, date received and checksum, and whether it is current, superseded or withdrawn.",
  },
  fields: {
    file: deliveryFile({ en: "The delivery's file in raw/ of the repository", sv: "Leveransens fil i förrådets raw/" }),
    kind: oneOf(
      {
        en: "How the file came to be: delivered (received from its publisher), snapshot (taken from a named source, see source), or transcribed (typed by the repository's maintainers from the documents named)",
        sv: "Hur filen kom till: delivered (mottagen från utgivaren), snapshot (hämtad från en namngiven källa, se source) eller transcribed (inskriven av förrådets förvaltare från de dokument som anges)",
      },
      ["delivered", "snapshot", "transcribed"],
    ),
    source: nullable(
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
    licence: oneOf({ en: "Licence of the delivery's data", sv: "Licens för leveransens data" }, [
      "CC0-1.0",
      "CC-BY-4.0",
    ]),
    received: date({
      en: "Day the delivery was received, the snapshot taken or the transcription made",
      sv: "Dag då leveransen togs emot, ögonblicksbilden togs eller inskriften gjordes",
    }),
    sha256: code(
      { en: "SHA-256 of the file's bytes", sv: "Filens SHA-256" },
      /^[0-9a-f]{64}$/u,
      "64 lower-case hex digits",
    ),
    status: oneOf(
      {
        en: "current: published in this release; superseded: a newer snapshot of its source, or a correction that replaces it, took its place; withdrawn: taken out, for the reason given",
        sv: "current: publiceras i denna version; superseded: en nyare ögonblicksbild av källan, eller en rättelse som ersätter den, har tagit dess plats; withdrawn: borttagen, av skälet som anges",
      },
      ["current", "superseded", "withdrawn"],
    ),
    superseded_by: nullable(
      deliveryFile({
        en: "The delivery that took its place (empty unless superseded)",
        sv: "Leveransen som tog dess plats (tomt om den inte ersatts)",
      }),
    ),
    withdrawn_reason: nullable(
      text({
        en: "Why the delivery was withdrawn (empty unless withdrawn)",
        sv: "Varför leveransen drogs tillbaka (tomt om den inte dragits tillbaka)",
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
        provenance: "line",
      },
      { minimum: 1, maximum: 2 ** 31 - 1 },
    ),
  },
  primaryKey: ["file"],
  // A delivery is about the day it was received (or transcribed).
  period: { start: "received", end: "received" },
  foreignKeys: [{ fields: ["superseded_by"], reference: { dataset: "deliveries", fields: ["file"] } }],
  themes: ["REGI", "GOVE"],
  keywords: { sv: ["leveranser", "proveniens"], en: ["deliveries", "provenance"] },
  fromManifest: true,
})
