/**
 * Our SigV4 signer against the SDK's own (@smithy/signature-v4) for the same request, credentials
 * and signing date: the `authorization` header must come out identical, byte for byte.
 *
 * Header sets: the SDK signer skips a fixed list of names (user-agent, connection, expect, …) and,
 * unless told `applyChecksum: false`, adds and signs `x-amz-content-sha256`. Our client sends neither
 * kind, so the comparisons use the headers it does send (host, content-type, x-amz-target, plus any
 * x-amz-* name) and sign with `applyChecksum: false`, except one case that gives both signers an
 * explicit x-amz-content-sha256, the header set the SDK's own DynamoDB client signs.
 */
import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DynamoDbClient } from '../../lambdas/store/dynamodb/client';
import { amzDate, signRequest, type Credentials } from '../../lambdas/store/dynamodb/signature-v4';

type SourceData = string | ArrayBuffer | ArrayBufferView;

const bytes = (data: SourceData): Buffer =>
  typeof data === 'string'
    ? Buffer.from(data, 'utf8')
    : ArrayBuffer.isView(data)
      ? Buffer.from(data.buffer, data.byteOffset, data.byteLength)
      : Buffer.from(data);

/** The hash the SDK signer wants: SHA-256, or HMAC-SHA256 when given a secret. */
class Sha256 {
  private readonly hash: Hash | Hmac;

  constructor(secret?: SourceData) {
    this.hash = secret === undefined ? createHash('sha256') : createHmac('sha256', bytes(secret));
  }

  update(data: SourceData): void {
    this.hash.update(bytes(data));
  }

  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.hash.digest());
  }
}

const keys: Credentials = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };
const temporary: Credentials = {
  accessKeyId: 'ASIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY',
  sessionToken: 'IQoJb3JpZ2luX2VjEHwaCWV1LXdlc3QtMSJHMEUCIQD+example/session+token==',
};
const at = new Date('2026-11-25T15:48:03.987Z');

interface Case {
  readonly host: string;
  readonly headers?: Record<string, string>;
  readonly body: string;
  readonly credentials?: Credentials;
  readonly region?: string;
  readonly at?: Date;
  /** The SDK signer's applyChecksum (default false: see the file comment). */
  readonly applyChecksum?: boolean;
}

function requestHeaders(c: Case): Record<string, string> {
  return { host: c.host, 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'DynamoDB_20120810.Query', ...c.headers };
}

function ours(c: Case): Record<string, string> {
  return signRequest(
    { method: 'POST', path: '/', headers: requestHeaders(c), body: c.body },
    { credentials: c.credentials ?? keys, region: c.region ?? 'eu-west-1', service: 'dynamodb', at: c.at ?? at },
  );
}

async function sdks(c: Case): Promise<Record<string, string>> {
  const signer = new SignatureV4({
    service: 'dynamodb',
    region: c.region ?? 'eu-west-1',
    credentials: c.credentials ?? keys,
    sha256: Sha256,
    applyChecksum: c.applyChecksum ?? false,
  });
  const [hostname, port] = c.host.split(':');
  const signed = await signer.sign(
    { method: 'POST', protocol: 'https:', hostname: hostname!, port: port ? Number(port) : undefined, path: '/', query: {}, headers: requestHeaders(c), body: c.body },
    { signingDate: c.at ?? at },
  );
  return signed.headers;
}

/** Both signers agree on everything they return (and on the three headers signing adds). */
async function expectSameSignature(c: Case): Promise<Record<string, string>> {
  const mine = ours(c);
  const theirs = await sdks(c);
  expect(mine.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=\S+, SignedHeaders=\S+, Signature=[0-9a-f]{64}$/);
  expect(mine.authorization).toBe(theirs.authorization);
  expect(mine['x-amz-date']).toBe(theirs['x-amz-date']);
  expect(mine['x-amz-security-token']).toBe(theirs['x-amz-security-token']);
  expect(mine).toStrictEqual(theirs);
  return mine;
}

const queryBody = JSON.stringify({
  TableName: 'registry',
  KeyConditionExpression: '#pk = :pk',
  ExpressionAttributeNames: { '#pk': 'PK' },
  ExpressionAttributeValues: { ':pk': { S: 'exchange' } },
});

describe('signRequest against @smithy/signature-v4', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('signs a request with long-term keys exactly as the SDK does (no session token header)', async () => {
    const signed = await expectSameSignature({ host: 'dynamodb.eu-west-1.amazonaws.com', body: queryBody });
    expect(signed['x-amz-date']).toBe('20261125T154803Z');
    expect(signed).not.toHaveProperty('x-amz-security-token');
    expect(signed.authorization).toContain(
      'Credential=AKIAIOSFODNN7EXAMPLE/20261125/eu-west-1/dynamodb/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-target,',
    );
  });

  it('signs the session token of temporary credentials (as Lambda gives them) exactly as the SDK does', async () => {
    const signed = await expectSameSignature({ host: 'dynamodb.eu-west-1.amazonaws.com', body: queryBody, credentials: temporary });
    expect(signed['x-amz-security-token']).toBe(temporary.sessionToken);
    expect(signed.authorization).toContain('SignedHeaders=content-type;host;x-amz-date;x-amz-security-token;x-amz-target,');
  });

  it('signs a host with a port (DynamoDB Local) exactly as the SDK does', async () => {
    const signed = await expectSameSignature({ host: '127.0.0.1:8000', body: queryBody, region: 'local' });
    expect(signed.host).toBe('127.0.0.1:8000');
  });

  it('hashes a non-ASCII body as UTF-8, as the SDK does', async () => {
    const body = JSON.stringify({ TableName: 'registry', Item: { name: { S: 'Олександр Коваленко — Київ ✓ 😀' } } });
    expect(Buffer.byteLength(body)).toBeGreaterThan(body.length);
    await expectSameSignature({ host: 'dynamodb.eu-west-1.amazonaws.com', body });
  });

  it('signs an empty body as the SDK does', async () => {
    await expectSameSignature({ host: 'dynamodb.eu-west-1.amazonaws.com', body: '' });
  });

  it('canonicalises header values with surrounding and repeated inner spaces and tabs as the SDK does', async () => {
    const signed = await expectSameSignature({
      host: 'dynamodb.eu-west-1.amazonaws.com',
      body: queryBody,
      headers: { 'x-amz-target': '  DynamoDB_20120810.Query\t', 'x-amz-meta-note': ' two   spaces \t\t and  tabs  ' },
    });
    // The values travel unchanged: only the canonical request trims them.
    expect(signed['x-amz-meta-note']).toBe(' two   spaces \t\t and  tabs  ');
  });

  it("matches the header set the SDK's DynamoDB client signs, x-amz-content-sha256 included", async () => {
    const hash = createHash('sha256').update(queryBody, 'utf8').digest('hex');
    await expectSameSignature({
      host: 'dynamodb.eu-west-1.amazonaws.com',
      body: queryBody,
      credentials: temporary,
      headers: { 'x-amz-content-sha256': hash, 'amz-sdk-invocation-id': '0b8f9a3c-0d3e-4a53-8d0b-3f4f1b7f2f6e', 'amz-sdk-request': 'attempt=1; max=3' },
      applyChecksum: true,
    });
  });

  it('signs for another region and the China partition as the SDK does', async () => {
    await expectSameSignature({ host: 'dynamodb.cn-north-1.amazonaws.com.cn', body: queryBody, region: 'cn-north-1' });
    await expectSameSignature({ host: 'dynamodb.us-east-1.amazonaws.com', body: queryBody, region: 'us-east-1', credentials: temporary });
  });

  it('derives a fresh signing key when the secret or the day changes (the cached key is never stale)', async () => {
    const host = 'dynamodb.eu-west-1.amazonaws.com';
    await expectSameSignature({ host, body: queryBody, credentials: keys });
    await expectSameSignature({ host, body: queryBody, credentials: temporary });
    await expectSameSignature({ host, body: queryBody, credentials: keys, at: new Date('2026-11-26T00:00:00.000Z') });
    await expectSameSignature({ host, body: queryBody, credentials: keys, at: new Date('2026-11-25T23:59:59.999Z') });
    await expectSameSignature({ host, body: queryBody, credentials: keys, region: 'eu-central-1' });
  });

  it('writes x-amz-date in UTC without milliseconds', () => {
    expect(amzDate(new Date('2026-01-02T03:04:05.678Z'))).toBe('20260102T030405Z');
    expect(amzDate(new Date('2026-12-31T23:59:59.999Z'))).toBe('20261231T235959Z');
  });

  it("signs what the client actually sends: the SDK signer recomputes the same authorization from the client's request", async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-11-25T15:48:03.250Z'));
    const sent: { headers: Record<string, string>; body: string }[] = [];
    const client = new DynamoDbClient({
      endpoint: 'http://127.0.0.1:8000',
      region: 'local',
      credentials: temporary,
      transport: async (_url, headers, body) => {
        sent.push({ headers, body });
        return { status: 200, headers: {}, body: '{}' };
      },
    });
    await client.put({ TableName: 'registry', Item: { PK: 'person#1', SK: 'record', name: 'Іван' } });
    const [request] = sent;
    const { authorization, 'x-amz-date': date, 'x-amz-security-token': token, ...unsigned } = request!.headers;
    expect(date).toBe('20261125T154803Z');
    expect(token).toBe(temporary.sessionToken);
    const signer = new SignatureV4({ service: 'dynamodb', region: 'local', credentials: temporary, sha256: Sha256, applyChecksum: false });
    const signed = await signer.sign(
      { method: 'POST', protocol: 'http:', hostname: '127.0.0.1', port: 8000, path: '/', query: {}, headers: unsigned, body: request!.body },
      { signingDate: new Date('2026-11-25T15:48:03Z') },
    );
    expect(authorization).toBe(signed.headers.authorization);
  });
});
