/**
 * The licence a publisher grants a file under, from `pipeline add`'s flags: one the release
 * takes, or `none` where it grants none, and then `--rights`, the terms that are known. No
 * licence is ever assumed: what is absent is asked. Pure.
 */
import { LICENCE_NAMES } from "../contract/manifest-schema.ts"
import { quoted } from "./evidence.ts"

export const LICENCES = LICENCE_NAMES

export const termsOf = (
  flags: { readonly licence?: string | undefined; readonly rights?: string | undefined },
  ask: (flag: string, text: string, example?: string) => void,
): { readonly licence: (typeof LICENCES)[number] | null | undefined; readonly rights: string | undefined } => {
  const licence = flags.licence === "none" ? null : LICENCES.find((l) => l === flags.licence)
  const given = flags.rights?.trim()
  const rights = given === "" ? undefined : given
  if (licence === undefined)
    ask(
      "--licence",
      `${flags.licence === undefined ? "under which licence does the publisher give the file?" : `${quoted(flags.licence)} is not a licence the release takes:`} ${LICENCES.join(" or ")}, or none where the publisher grants none (then say with --rights what terms are known)`,
      "--licence CC0-1.0",
    )
  else if (licence === null && rights === undefined)
    ask(
      "--rights",
      "the publisher grants no licence (--licence none): what terms are known? whose data it is, what they allow, how to credit them",
      `--rights "the municipality's figures; no licence stated; credit Vindelns kommun"`,
    )
  else if (licence !== null && rights !== undefined)
    ask(
      "--rights",
      `--rights is for a file under no licence (--licence none); ${licence} says the terms`,
      "--licence none",
    )
  return { licence, rights }
}
