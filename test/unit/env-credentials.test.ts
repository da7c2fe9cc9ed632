/** What the bundles use for the SDK's default credential chain (see lib/function/registry-function.ts). */
import { afterEach, describe, expect, it } from 'vitest';
import { CredentialsProviderError, defaultProvider } from '../../lambdas/store/env-credentials';

const names = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_CREDENTIAL_EXPIRATION', 'AWS_CREDENTIAL_SCOPE', 'AWS_ACCOUNT_ID'];
const saved = Object.fromEntries(names.map((name) => [name, process.env[name]]));

afterEach(() => {
  for (const name of names) {
    if (saved[name] === undefined) delete process.env[name];
    else process.env[name] = saved[name];
  }
});

describe('environment credentials', () => {
  it('answers the keys Lambda puts in the environment, session token included', async () => {
    for (const name of names) delete process.env[name];
    process.env.AWS_ACCESS_KEY_ID = 'ASIAEXAMPLE';
    process.env.AWS_SECRET_ACCESS_KEY = 'secret';
    process.env.AWS_SESSION_TOKEN = 'token';
    await expect(defaultProvider({})()).resolves.toEqual({ accessKeyId: 'ASIAEXAMPLE', secretAccessKey: 'secret', sessionToken: 'token' });
  });

  it('reads them when asked, not when made: rotated keys are picked up', async () => {
    const provider = defaultProvider();
    process.env.AWS_ACCESS_KEY_ID = 'first';
    process.env.AWS_SECRET_ACCESS_KEY = 'secret';
    expect((await provider()).accessKeyId).toBe('first');
    process.env.AWS_ACCESS_KEY_ID = 'second';
    expect((await provider()).accessKeyId).toBe('second');
  });

  it('fails with a CredentialsProviderError when they are missing', async () => {
    for (const name of names) delete process.env[name];
    await expect(defaultProvider()()).rejects.toBeInstanceOf(CredentialsProviderError);
    await expect(defaultProvider()()).rejects.toThrow(/environment/);
  });
});
