/**
 * `.github/CODEOWNERS`, made from the register of publishers (raw/publishers.json): GitHub asks
 * the accounts a publisher's folders name to review a pull request that changes them, and the
 * maintainers' accounts for everything else (the code, the release, the workflows, the manifest
 * and the register itself). A publisher with no account configured is said to have none, and no
 * one is named for it. Pure.
 */
import type { RegisteredPublisher } from "../contract/publisher-register.ts"
import { PUBLISHERS_FILE } from "../contract/raw-layout.ts"
import type { Register } from "../manifest/load-register.ts"

export const CODEOWNERS_FILE = ".github/CODEOWNERS"

/** A publisher's paths, under a comment that says whose they are, and that no one is named where no one is. */
const block = (p: RegisteredPublisher, what: ReadonlyArray<string>, paths: ReadonlyArray<string>): string[] => {
  const names = p.accounts.map((a) => ` ${a}`).join("")
  return [
    "",
    `# ${p.name}${what.length === 0 ? "" : `: ${what[0]}`}`,
    ...what.slice(1).map((line) => `# ${line}`),
    ...(names === "" ? [`# No GitHub account or team is configured in raw/${PUBLISHERS_FILE}: no one is named.`] : []),
    ...paths.map((path) => `${path}${names}`),
  ]
}

export const codeowners = (register: Register): string => {
  const { maintainers } = register
  return [
    `# Who reviews a change, path by path: made by \`pipeline generate\` from raw/${PUBLISHERS_FILE}, the`,
    "# register of publishers, and the sources pipeline/sources declares. Edit the register, not this",
    "# file, and run `npm run generate`; CI fails while this file is not what they make.",
    "#",
    "# GitHub asks an owner of each path a pull request changes to review it; the last pattern a path",
    "# matches decides its owners, and a pattern followed by no one has none.",
    ...block(
      maintainers,
      [
        "everything not listed further down (the code, the release, the",
        "workflows, the manifest and the register), their transcriptions, and each source's snapshots.",
      ],
      ["*", ...[...maintainers.folders, ...register.sourceFolders].map((f) => `/raw/${f}/`)],
    ),
    ...register.publishers
      .filter((p) => p !== maintainers && p.folders.length > 0)
      .flatMap((p) =>
        block(
          p,
          [],
          p.folders.map((f) => `/raw/${f}/`),
        ),
      ),
    "",
  ].join("\n")
}
