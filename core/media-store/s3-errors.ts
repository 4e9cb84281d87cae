/** What a user can do about the S3 error codes people meet first. */
const HINTS: Readonly<Record<string, string>> = {
  NoSuchBucket: 'create the bucket, or check media.s3.bucket and media.s3.endpoint',
  AccessDenied: 'the credentials may not list, read or write this bucket and prefix',
  InvalidAccessKeyId: 'check AWS_ACCESS_KEY_ID (or the AWS profile) for this endpoint',
  SignatureDoesNotMatch: 'check AWS_SECRET_ACCESS_KEY (or the AWS profile), and media.s3.region',
  CredentialsProviderError: 'set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE; credentials never go in the config file',
  PermanentRedirect: 'the bucket lives in another region: set media.s3.region',
  ECONNREFUSED: 'nothing answers at media.s3.endpoint',
  ENOTFOUND: "the host in media.s3.endpoint (or the bucket's virtual host: try forcePathStyle) does not resolve",
  TimeoutError: 'the endpoint did not answer in time',
};

/** Where a request went: named in every error. */
export interface S3Location {
  bucket: string;
  key: string;
  endpoint?: string;
}

/** The S3 error code, an HTTP status when S3 gave no code, or the network error code. */
export function s3ErrorCode(e: unknown): string {
  const err = e as { name?: string; code?: string; Code?: string; $metadata?: { httpStatusCode?: number } };
  // A HEAD answer has no body, so the SDK can only say "NotFound" or "Unknown": the status says more.
  if (err.Code && err.Code !== 'UnknownError') return err.Code;
  if (err.code) return err.code;
  if (err.$metadata?.httpStatusCode && (!err.name || err.name === 'Unknown' || err.name === 'UnknownError'))
    return `HTTP ${err.$metadata.httpStatusCode}`;
  return err.name ?? String(e);
}

/**
 * Wraps an SDK error in one that names the action, the bucket and key and the S3 code, with a
 * hint; the SDK's own messages ("UnknownError", "socket hang up") say none of that.
 */
export function describeS3Error(action: string, where: S3Location, e: unknown): Error {
  const code = s3ErrorCode(e);
  const hint = HINTS[code];
  const message = e instanceof Error && e.message && e.message !== code ? `: ${e.message}` : '';
  const at = where.endpoint ? ` at ${where.endpoint}` : '';
  return new Error(`S3 ${action} s3://${where.bucket}/${where.key}${at} failed with ${code}${message}${hint ? ` (${hint})` : ''}`, {
    cause: e,
  });
}
