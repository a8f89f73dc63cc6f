/** What fetching a remote source gives `snapshot`: the file's bytes, and where and how they came. */
export interface RemoteFile {
  /** The address asked first. */
  readonly url: string
  /** Every address fetched, in order (one per page). */
  readonly pages: ReadonlyArray<string>
  readonly etag: string | null
  readonly lastModified: string | null
  readonly bytes: Buffer
}
