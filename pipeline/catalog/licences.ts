/** The two licences a release may carry, with their exact Creative Commons addresses. */
export type Licence = "CC0-1.0" | "CC-BY-4.0"

export const LICENCES: Record<Licence, { readonly name: Licence; readonly path: string; readonly title: string }> = {
  "CC0-1.0": {
    name: "CC0-1.0",
    path: "http://creativecommons.org/publicdomain/zero/1.0/",
    title: "Creative Commons Zero v1.0 Universal",
  },
  "CC-BY-4.0": {
    name: "CC-BY-4.0",
    path: "http://creativecommons.org/licenses/by/4.0/",
    title: "Creative Commons Attribution 4.0 International",
  },
}

/** Data under several licences is published under the one that asks the most of its users. */
export const combinedLicence = (licences: Iterable<Licence>): Licence =>
  [...licences].includes("CC-BY-4.0") ? "CC-BY-4.0" : "CC0-1.0"

/**
 * A dataset's licence: that of the deliveries feeding it, or, for a dataset no delivery feeds
 * in this release, that of all of them. A dataset made from the manifest (the deliveries) holds
 * the maintainers' record of them: CC0.
 */
export const datasetLicence = (
  dataset: { readonly name: string; readonly fromManifest?: true },
  deliveries: ReadonlyArray<{ readonly dataset: string; readonly licence: Licence }>,
): Licence => {
  if (dataset.fromManifest === true) return "CC0-1.0"
  const feeding = deliveries.filter((d) => d.dataset === dataset.name)
  return combinedLicence((feeding.length > 0 ? feeding : deliveries).map((d) => d.licence))
}
