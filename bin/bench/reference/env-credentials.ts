/**
 * Cold-init reference only: the SDK's default credential chain cut down to the environment
 * variables Lambda sets (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN). The benchmark
 * bundles sdk-get-item.ts with `@aws-sdk/credential-provider-node` aliased here, as the functions
 * were bundled while they still used the SDK's client (docs/benchmarks.md, changes 1 and 3), so the
 * reference stays comparable with those figures.
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
