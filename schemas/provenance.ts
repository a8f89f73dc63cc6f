/**
 * Where each row of a dataset fed by deliveries comes from, published as a dataset of its own
 * beside it: the row's key, its delivery's file and the line its record begins on. Kept out of
 * the data tables, so that two datasets share no column but a key, and a default join (pandas'
 * `merge`, R's `merge`, DuckDB's `NATURAL JOIN`) matches on the key alone; joined to its dataset
 * on the key and to `deliveries` on `file`, it follows any row to its delivery.
 */
import { deliveryFile } from "./common-fields.ts"
import { defineDataset, type DatasetDefinition } from "./dataset.ts"
import { integer } from "./field.ts"

export const provenanceName = (dataset: string): string => `${dataset}_provenance`

/** The provenance dataset of `d`, derived from its definition: its key, `file` and `line`. */
export const provenanceOf = (d: DatasetDefinition): DatasetDefinition => {
  const key = d.primaryKey.map((k) => `\`${k}\``).join(", ")
  return defineDataset({
    name: provenanceName(d.name),
    title: { sv: `${d.title.sv}: radernas ursprung`, en: `${d.title.en}: where each row comes from` },
    description: {
      sv: `Stödtabell: var varje rad i ${d.name} kommer från: radens nyckel (${key}), leveransens fil i förrådets raw/ (se deliveries) och raden i filen där radens post börjar. Kopplas till ${d.name} på nyckeln och till deliveries på file.`,
      en: `Supporting table: where each row of ${d.name} comes from: the row's key (${key}), its delivery's file in raw/ of the repository (see deliveries) and the line of that file where the row's record begins. Join it to ${d.name} on the key, and to deliveries on file.`,
    },
    fields: {
      ...Object.fromEntries(d.primaryKey.map((k) => [k, d.schema.fields[k]!])),
      file: deliveryFile({
        en: "The delivery the row comes from: its file in raw/ of the repository (see deliveries)",
        sv: "Leveransen raden kommer från: dess fil i förrådets raw/ (se deliveries)",
      }),
      line: integer(
        {
          en: "Line of the delivery file where the row's record begins (in a workbook, the row of its sheet)",
          sv: "Rad i leveransfilen där radens post börjar (i en arbetsbok, raden i dess blad)",
        },
        { minimum: 1, maximum: 2 ** 31 - 1 },
      ),
    },
    primaryKey: d.primaryKey,
    foreignKeys: [
      { fields: d.primaryKey, reference: { dataset: d.name, fields: d.primaryKey } },
      { fields: ["file"], reference: { dataset: "deliveries", fields: ["file"] } },
    ],
    themes: d.themes,
    // Found by what its dataset is found by.
    keywords: {
      sv: [...d.keywords.sv, "proveniens", "leveranser"],
      en: [...d.keywords.en, "provenance", "deliveries"],
    },
    provenanceOf: d.name,
    // Not a dataset of the publisher's own: the catalogue links it from its dataset, and the site lists it apart.
    supporting: true,
  })
}
