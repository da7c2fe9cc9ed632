/**
 * Where DynamoDB is and who calls it, from the environment as AWS Lambda sets it, unless the
 * caller says otherwise (the local server and tests point at DynamoDB Local with fixed keys).
 */
import type { Credentials } from './signature-v4';

export interface ClientSettings {
  /** A full URL; otherwise AWS_ENDPOINT_URL_DYNAMODB, AWS_ENDPOINT_URL, then the region's public endpoint. */
  readonly endpoint?: string;
  /** Otherwise AWS_REGION, then AWS_DEFAULT_REGION. */
  readonly region?: string;
  /** Otherwise AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN, read at each request. */
  readonly credentials?: Credentials;
}

type Env = Readonly<Record<string, string | undefined>>;

export function resolveRegion(settings: ClientSettings, env: Env = process.env): string {
  // An empty variable counts as unset, as in the SDK.
  const region = settings.region || env.AWS_REGION || env.AWS_DEFAULT_REGION;
  if (!region) throw new Error('No AWS region: set AWS_REGION (AWS Lambda sets it for every function)');
  return region;
}

/** The regional endpoint (https://docs.aws.amazon.com/general/latest/gr/ddb.html): China's partition has its own domain. */
export function resolveEndpoint(settings: ClientSettings, region: string, env: Env = process.env): URL {
  const configured = settings.endpoint || env.AWS_ENDPOINT_URL_DYNAMODB || env.AWS_ENDPOINT_URL;
  if (configured) return new URL(configured);
  const domain = region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com';
  return new URL(`https://dynamodb.${region}.${domain}/`);
}

export function resolveCredentials(settings: ClientSettings, env: Env = process.env): Credentials {
  if (settings.credentials) return settings.credentials;
  const accessKeyId = env.AWS_ACCESS_KEY_ID;
  const secretAccessKey = env.AWS_SECRET_ACCESS_KEY;
  if (!accessKeyId || !secretAccessKey) {
    throw new Error('No AWS credentials: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set (AWS Lambda sets them from the execution role)');
  }
  return { accessKeyId, secretAccessKey, ...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}) };
}
