/**
 * Cold-init reference: the same GetItem without any SDK — a Signature V4 request built with
 * node:crypto and sent with node:http(s) over a keep-alive agent. What Node itself needs for one
 * signed DynamoDB request: the floor under any client library.
 */
import { createHash, createHmac } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';

const sha256 = (data: string) => createHash('sha256').update(data).digest('hex');
const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data).digest();

export async function handler(event: { pathParameters: { id: string } }) {
  const env = process.env;
  const region = env.AWS_REGION ?? 'us-east-1';
  const url = new URL(env.AWS_ENDPOINT_URL_DYNAMODB ?? `https://dynamodb.${region}.amazonaws.com`);
  const body = JSON.stringify({
    TableName: env.TABLE_NAME,
    Key: { PK: { S: `ROUND#${event.pathParameters.id}` }, SK: { S: 'ROUND' } },
    ConsistentRead: true,
  });
  const amzDate = new Date().toISOString().replace(/[:-]|\.\d{3}/g, '');
  const day = amzDate.slice(0, 8);
  const headers: Record<string, string> = {
    'content-type': 'application/x-amz-json-1.0',
    host: url.host,
    'x-amz-date': amzDate,
    'x-amz-target': 'DynamoDB_20120810.GetItem',
    ...(env.AWS_SESSION_TOKEN ? { 'x-amz-security-token': env.AWS_SESSION_TOKEN } : {}),
  };
  const signed = Object.keys(headers).sort();
  const canonical = ['POST', '/', '', ...signed.map((name) => `${name}:${headers[name]}`), '', signed.join(';'), sha256(body)].join('\n');
  const scope = `${day}/${region}/dynamodb/aws4_request`;
  let key = hmac(`AWS4${env.AWS_SECRET_ACCESS_KEY}`, day);
  for (const part of [region, 'dynamodb', 'aws4_request']) key = hmac(key, part);
  const signature = createHmac('sha256', key).update(['AWS4-HMAC-SHA256', amzDate, scope, sha256(canonical)].join('\n')).digest('hex');
  headers.authorization = `AWS4-HMAC-SHA256 Credential=${env.AWS_ACCESS_KEY_ID}/${scope}, SignedHeaders=${signed.join(';')}, Signature=${signature}`;

  const transport = url.protocol === 'https:' ? https : http;
  const answer = await new Promise<{ status: number; text: string }>((resolve, reject) => {
    const request = transport.request(
      { hostname: url.hostname, port: url.port, path: '/', method: 'POST', headers, agent: new transport.Agent({ keepAlive: true }) },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, text }));
      },
    );
    request.on('error', reject);
    request.end(body);
  });
  const item = answer.status === 200 ? (JSON.parse(answer.text) as { Item?: unknown }).Item : undefined;
  return { statusCode: item ? 200 : answer.status === 200 ? 404 : 502, body: item ? JSON.stringify(item) : answer.text };
}
