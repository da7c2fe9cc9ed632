/** Names the caller chooses (query parameters, headers) that are also Object's own property names. */
import { ddb, resetDdb } from '../support/ddb-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { handler } from '../../lambdas/functions/rounds-read';
import { bodyOf, lambdaContext, restEvent } from '../support/unit-events';

/** As API Gateway hands the event over: parsed JSON, so `__proto__` is an own property. */
function listWithQuery(json: string) {
  const event = restEvent({ method: 'GET', resource: '/rounds' });
  event.queryStringParameters = JSON.parse(json);
  event.multiValueQueryStringParameters = JSON.parse(json.replace(/:"([^"]*)"/g, ':["$1"]'));
  return handler(event, lambdaContext());
}

beforeEach(() => {
  resetDdb();
  ddb.on(QueryCommand).resolves({ Items: [] });
});

describe('prototype names', () => {
  it.each(['__proto__', 'constructor', 'hasOwnProperty', 'toString'])('?%s=1 is an unknown parameter: 400 naming it', async (name) => {
    const result = await listWithQuery(`{"${name}":"1"}`);
    expect(result.statusCode).toBe(400);
    expect(bodyOf(result).error.details).toEqual([{ path: `query.${name}`, message: 'Unknown field' }]);
  });

  it.each(['constructor', 'toString', '__proto__', 'hasOwnProperty'])('a header named %s is just a header', async (name) => {
    const event = restEvent({ method: 'GET', resource: '/rounds' });
    event.headers = JSON.parse(`{"Accept":"application/json","${name}":"x"}`);
    const result = await handler(event, lambdaContext());
    expect(result.statusCode).toBe(200);
    expect(bodyOf(result)).toEqual({ items: [], nextCursor: null });
  });
});
