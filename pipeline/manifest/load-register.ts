/**
 * raw/publishers.json parsed and checked: its shape, one entry for the maintainers, each name and
 * folder registered once, and no folder named as a source is (a source's folder is the
 * maintainers', where `snapshot` files it). Pure: the text in, the register or every problem out.
 */
import { PublisherRegister, type RegisteredPublisher } from "../contract/publisher-register.ts"
import type { Problem } from "../problems/problem.ts"
import { problem } from "../problems/problem.ts"
import { decodeDocument, decoderOf } from "../problems/schema-issues.ts"
import { locate } from "../shared/json-text.ts"

export interface Register {
  readonly maintainers: RegisteredPublisher
  readonly publishers: ReadonlyArray<RegisteredPublisher>
  /** Each folder of raw/ that is someone's, to its owner: a source's folder to the maintainers. */
  readonly owners: ReadonlyMap<string, RegisteredPublisher>
  /** The sources' folders, each the maintainers' without being listed. */
  readonly sourceFolders: ReadonlyArray<string>
}

export type RegisterResult =
  | { readonly register: Register; readonly problems: [] }
  | { readonly register: undefined; readonly problems: Problem[] }

const decode = decoderOf(PublisherRegister)

export const parseRegister = (text: string, file: string, sources: Iterable<string>): RegisterResult => {
  const read = decodeDocument(text, decode, { code: "manifest/invalid", file, what: "the register of publishers" })
  if (!read.ok) return { register: undefined, problems: read.problems }
  const { root } = read
  const { publishers } = read.value
  const problems: Problem[] = []
  const at = (path: ReadonlyArray<PropertyKey>, message: string) =>
    problems.push(problem({ code: "manifest/invalid", file, ...locate(root, path), message }))
  const sourceFolders = [...sources].sort()
  const maintainers = publishers.filter((p) => p.maintainers === true)
  if (maintainers.length !== 1)
    at(
      ["publishers"],
      `${maintainers.length === 0 ? "no publisher is" : `${maintainers.length} publishers are`} the maintainers: one entry says "maintainers": true, theirs`,
    )
  const owners = new Map<string, RegisteredPublisher>()
  const names = new Set<string>()
  publishers.forEach((p, i) => {
    if (names.has(p.name)) at(["publishers", i, "name"], `${p.name} is registered twice: one entry per publisher`)
    names.add(p.name)
    p.folders.forEach((folder, j) => {
      const owner = owners.get(folder)
      if (owner !== undefined)
        at(["publishers", i, "folders", j], `${folder} is ${owner.name}'s folder already: a folder has one publisher`)
      else if (sourceFolders.includes(folder))
        at(
          ["publishers", i, "folders", j],
          `${folder} is the folder of the source ${folder}, where its snapshots are filed: it is the maintainers' without being listed`,
        )
      else owners.set(folder, p)
    })
  })
  if (problems.length > 0 || maintainers[0] === undefined) return { register: undefined, problems }
  for (const folder of sourceFolders) owners.set(folder, maintainers[0])
  return { register: { maintainers: maintainers[0], publishers, owners, sourceFolders }, problems: [] }
}
