/**
 * Each local handler call inside its own invocation context, as Lambda's runtime opens one per
 * invocation when invocations share a process: Powertools then keeps the request id, correlation
 * id and appended keys of concurrent requests apart (AWS_LAMBDA_MAX_CONCURRENCY, bin/local/dev-env.ts).
 * Without that variable the store is Lambda's single-invocation one, and this changes nothing.
 */
import { InvokeStore, InvokeStoreBase } from '@aws/lambda-invoke-store';

const store = InvokeStore.getInstanceAsync();

export async function inInvocation<T>(requestId: string, run: () => Promise<T>): Promise<T> {
  return (await store).run({ [InvokeStoreBase.PROTECTED_KEYS.REQUEST_ID]: requestId }, run);
}
