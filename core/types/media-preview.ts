/**
 * Pictures of media for reports, built by the composition root: a poster is a picture of the
 * clip, not a metric result, and decoding video belongs with the video code, not the report.
 */
export interface MediaPreview {
  /** A JPEG data URI of a clip's middle frame fitted inside `size` x `size`; '' when the clip cannot be decoded. */
  poster(path: string, size: number): Promise<string>;
}
