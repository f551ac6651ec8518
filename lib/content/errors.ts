// Errors of the content store. A missing blob is a normal outcome for callers (a deleted asset, a
// store that was wiped), so it has its own class they can test for instead of parsing messages.
export class BlobNotFoundError extends Error {
  readonly code = "not_found:blob";
  constructor(readonly hash: string) {
    super(`Blob ${hash} is not in the content store`);
    this.name = "BlobNotFoundError";
  }
}

export class InvalidBlobHashError extends Error {
  readonly code = "invalid:blob-hash";
  constructor(readonly hash: string) {
    super(`Not a sha256 hex digest: ${JSON.stringify(hash).slice(0, 80)}`);
    this.name = "InvalidBlobHashError";
  }
}

export class InvalidRangeError extends Error {
  readonly code = "invalid:range";
  constructor(message: string) {
    super(message);
    this.name = "InvalidRangeError";
  }
}

const HASH_RE = /^[0-9a-f]{64}$/;

/** Every entry point validates the address first: a hash also becomes a file path (disk backend). */
export function assertHash(hash: string): void {
  if (typeof hash !== "string" || !HASH_RE.test(hash)) throw new InvalidBlobHashError(hash);
}

export function isHash(hash: string): boolean {
  return HASH_RE.test(hash);
}

/** Checks an inclusive byte range against a blob's size (HTTP Range semantics). */
export function assertRange(range: { start: number; end: number }, size: number): void {
  const { start, end } = range;
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end < start || end >= size) {
    throw new InvalidRangeError(`Byte range ${start}-${end} is outside a blob of ${size} bytes`);
  }
}
