/**
 * AWS Signature Version 4 for the DynamoDB JSON protocol: one POST to the endpoint's path, no
 * query string, every header signed. Pure (node:crypto only), so a unit test can hold it against
 * the SDK's own signer (@smithy/signature-v4) for the same request, time and credentials.
 */
import { createHash, createHmac } from 'node:crypto';

export interface Credentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

export interface UnsignedRequest {
  readonly method: string;
  /** The URL path, already in its canonical form (`/` for DynamoDB). */
  readonly path: string;
  /** Header names in lower case; `host` included. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

const ALGORITHM = 'AWS4-HMAC-SHA256';

const sha256Hex = (data: string) => createHash('sha256').update(data, 'utf8').digest('hex');
const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data, 'utf8').digest();

/** `20261125T154803Z`: the x-amz-date form of an instant. */
export function amzDate(at: Date): string {
  return at.toISOString().replace(/[:-]|\.\d{3}/g, '');
}

// The signing key changes once a day per secret, region and service; deriving it is four HMACs.
let cachedKey: { id: string; key: Buffer } | undefined;

function signingKey(secret: string, day: string, region: string, service: string): Buffer {
  const id = `${secret}\u0000${day}\u0000${region}\u0000${service}`;
  if (cachedKey?.id !== id) {
    let key = hmac(`AWS4${secret}`, day);
    for (const part of [region, service, 'aws4_request']) key = hmac(key, part);
    cachedKey = { id, key };
  }
  return cachedKey.key;
}

/**
 * The request's headers plus `x-amz-date`, `x-amz-security-token` (with temporary credentials) and
 * `authorization`.
 */
export function signRequest(
  request: UnsignedRequest,
  options: { readonly credentials: Credentials; readonly region: string; readonly service: string; readonly at: Date },
): Record<string, string> {
  const { credentials, region, service } = options;
  const date = amzDate(options.at);
  const day = date.slice(0, 8);
  const headers: Record<string, string> = { ...request.headers, 'x-amz-date': date };
  if (credentials.sessionToken) headers['x-amz-security-token'] = credentials.sessionToken;
  const names = Object.keys(headers).sort();
  const signedHeaders = names.join(';');
  const canonicalRequest = [
    request.method,
    request.path,
    '',
    ...names.map((name) => `${name}:${headers[name]!.trim().replace(/\s+/g, ' ')}`),
    '',
    signedHeaders,
    sha256Hex(request.body),
  ].join('\n');
  const scope = `${day}/${region}/${service}/aws4_request`;
  const stringToSign = [ALGORITHM, date, scope, sha256Hex(canonicalRequest)].join('\n');
  const signature = createHmac('sha256', signingKey(credentials.secretAccessKey, day, region, service))
    .update(stringToSign, 'utf8')
    .digest('hex');
  headers.authorization = `${ALGORITHM} Credential=${credentials.accessKeyId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
  return headers;
}
