/**
 * The register of publishers, raw/publishers.json, beside the manifest: each publisher's name,
 * the folders of raw/ it owns and the GitHub accounts or teams that may deliver for it. The
 * maintainers are one of them: they own the folders of their transcriptions, and every source's
 * folder (raw/<source>/, where `snapshot` files it) without listing it, a source being declared
 * in code. `.github/CODEOWNERS` is generated from it.
 */
import { Schema } from "effect"
import { NonEmptyLine } from "./manifest-schema.ts"

/** A folder of raw/, as `add` names one by default: lower-case letters, digits and `-`. */
const Folder = Schema.String.check(
  Schema.isPattern(/^[a-z0-9][a-z0-9-]*$/u, { expected: "a folder of raw/ named with a-z, 0-9 and -" }),
)

/** A GitHub account (`@name`) or team (`@organisation/team`), as CODEOWNERS names one. */
const Account = Schema.String.check(
  Schema.isPattern(/^@[A-Za-z0-9][A-Za-z0-9-]{0,38}(?:\/[A-Za-z0-9][A-Za-z0-9_.-]*)?$/u, {
    expected: "a GitHub account, @name, or team, @organisation/team",
  }),
)

export const RegisteredPublisher = Schema.Struct({
  /** Whose data it is, exactly as a delivered entry's `publisher` says it. */
  name: NonEmptyLine,
  /** The repository's maintainers: they transcribe, file the sources' snapshots, and act on others' behalf. */
  maintainers: Schema.optionalKey(Schema.Literal(true)),
  /** The first folder of each path under raw/ that is this publisher's. */
  folders: Schema.Array(Folder),
  /** Who may deliver for it on GitHub; none where none is configured (CODEOWNERS then says so). */
  accounts: Schema.Array(Account),
})
export type RegisteredPublisher = typeof RegisteredPublisher.Type

export const PublisherRegister = Schema.Struct({
  $schema: Schema.optionalKey(Schema.String),
  publishers: Schema.Array(RegisteredPublisher),
})
