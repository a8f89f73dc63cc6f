/**
 * The vocabularies the DCAT catalogue refers to: the EU's authority tables (licences, file
 * types, data themes), the media types of the formats, and what each format's file is; and the
 * name-based identifiers of the datasets. Pure.
 */
import { createHash } from "node:crypto"
import type { DataTheme } from "../../schemas/dataset.ts"
import type { Licence } from "./licences.ts"

export const EU = "http://publications.europa.eu/resource/authority"
export const EU_LICENCE: Record<Licence, string> = {
  "CC0-1.0": `${EU}/licence/CC0`,
  "CC-BY-4.0": `${EU}/licence/CC_BY_4_0`,
}
export const FORMATS = {
  csv: {
    fileType: `${EU}/file-type/CSV`,
    mediaType: "https://www.iana.org/assignments/media-types/text/csv",
    label: "CSV",
  },
  json: {
    fileType: `${EU}/file-type/JSON`,
    mediaType: "https://www.iana.org/assignments/media-types/application/json",
    label: "JSON",
  },
  parquet: {
    fileType: `${EU}/file-type/PARQUET`,
    mediaType: "https://www.iana.org/assignments/media-types/application/vnd.apache.parquet",
    label: "Parquet",
  },
} as const

/** RFC 4122 version 5 (SHA-1, name-based) UUID: the same name gives the same identifier, build after build. */
export const uuidV5 = (name: string, namespace = "6ba7b811-9dad-11d1-80b4-00c04fd430c8"): string => {
  const hash = createHash("sha1")
    .update(Buffer.from(namespace.replaceAll("-", ""), "hex"))
    .update(name, "utf8")
    .digest()
  hash[6] = (hash[6]! & 0x0f) | 0x50
  hash[8] = (hash[8]! & 0x3f) | 0x80
  const hex = hash.subarray(0, 16).toString("hex")
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

/** The EU data themes the definitions use, with their labels in the EU vocabulary. */
export const THEMES: Record<DataTheme, { readonly sv: string; readonly en: string }> = {
  AGRI: { sv: "Jordbruk, fiske, skogsbruk och livsmedel", en: "Agriculture, fisheries, forestry and food" },
  ECON: { sv: "Ekonomi och finans", en: "Economy and finance" },
  EDUC: { sv: "Utbildning, kultur och sport", en: "Education, culture and sport" },
  ENER: { sv: "Energi", en: "Energy" },
  ENVI: { sv: "Miljö", en: "Environment" },
  GOVE: { sv: "Regeringen och den offentliga sektorn", en: "Government and public sector" },
  HEAL: { sv: "Hälsa", en: "Health" },
  INTR: { sv: "Internationella frågor", en: "International issues" },
  JUST: { sv: "Rättvisa, rättssystem och allmän säkerhet", en: "Justice, legal system and public safety" },
  REGI: { sv: "Regioner och städer", en: "Regions and cities" },
  SOCI: { sv: "Befolkning och samhälle", en: "Population and society" },
  TECH: { sv: "Vetenskap och teknik", en: "Science and technology" },
  TRAN: { sv: "Transport", en: "Transport" },
}

/** What each format's file is, for the distribution's description and its standard. */
export const FILE_TEXT: Record<
  keyof typeof FORMATS,
  { readonly sv: string; readonly en: string; readonly standard?: { readonly iri: string; readonly label: string } }
> = {
  csv: {
    sv: "CSV-fil: UTF-8, komma, en rubrikrad, tomt fält för ett saknat värde; samma rader som JSON- och Parquet-filen, i nyckelordning.",
    en: "CSV file: UTF-8, comma, a header row, an empty field for a missing value; the same rows as the JSON and Parquet files, in key order.",
    standard: {
      iri: "https://www.rfc-editor.org/rfc/rfc4180",
      label: "RFC 4180: Common Format and MIME Type for Comma-Separated Values (CSV) Files",
    },
  },
  json: {
    sv: "JSON-fil: en lista av platta poster med datamängdens fältnamn, null för ett saknat värde; samma rader som CSV- och Parquet-filen.",
    en: "JSON file: an array of flat records with the dataset's field names, null for a missing value; the same rows as the CSV and Parquet files.",
  },
  parquet: {
    sv: "Parquet-fil (zstd) med typade kolumner; samma rader som CSV- och JSON-filen, i nyckelordning.",
    en: "Parquet file (zstd) with typed columns; the same rows as the CSV and JSON files, in key order.",
    standard: { iri: "https://parquet.apache.org/docs/file-format/", label: "Apache Parquet file format" },
  },
}
