/**
 * The credentials of a function on AWS Lambda: its execution role's temporary keys, which the
 * Lambda runtime puts in the environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY,
 * AWS_SESSION_TOKEN) before the handler loads.
 *
 * The function bundles use this module in place of the SDK's default credential chain
 * (`@aws-sdk/credential-provider-node`): lib/function/bundle-options.ts aliases that package here.
 * The chain's other links (shared config files, SSO, web identity, process, container and instance
 * metadata, console login) never run on Lambda, yet with the STS, SSO and sign-in clients they
 * need they were about a third of each bundle and 15–20 ms of its cold start (docs/benchmarks.md).
 * The local server and the tests run the TypeScript sources with the real SDK chain; locally the
 * store passes fixed credentials for DynamoDB Local anyway (see client.ts).
 *
 * Same contract as the SDK's `defaultProvider(init)`: a function answering a provider; the SDK
 * memoizes it and asks again when `expiration` has passed.
 */
export interface EnvCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
  readonly expiration?: Date;
  readonly credentialScope?: string;
  readonly accountId?: string;
}

export class CredentialsProviderError extends Error {
  override readonly name = 'CredentialsProviderError';
  /** The SDK's convention: false means no other provider should be tried. */
  readonly tryNextLink = false;
}

export function defaultProvider(_init?: unknown): () => Promise<EnvCredentials> {
  return async () => {
    const env = process.env;
    const accessKeyId = env.AWS_ACCESS_KEY_ID;
    const secretAccessKey = env.AWS_SECRET_ACCESS_KEY;
    if (!accessKeyId || !secretAccessKey) {
      throw new CredentialsProviderError(
        'AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set: this bundle reads credentials from the environment only, as AWS Lambda provides them',
      );
    }
    return {
      accessKeyId,
      secretAccessKey,
      ...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}),
      ...(env.AWS_CREDENTIAL_EXPIRATION ? { expiration: new Date(env.AWS_CREDENTIAL_EXPIRATION) } : {}),
      ...(env.AWS_CREDENTIAL_SCOPE ? { credentialScope: env.AWS_CREDENTIAL_SCOPE } : {}),
      ...(env.AWS_ACCOUNT_ID ? { accountId: env.AWS_ACCOUNT_ID } : {}),
    };
  };
}
