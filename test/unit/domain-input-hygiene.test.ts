/** Input a store should never keep: control characters, broken Unicode, blank names, impossible dates, bodies nobody reads. */
import { ddb, resetDdb } from '../support/ddb-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import type { APIGatewayProxyResult } from 'aws-lambda';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { handler as roundsWrite } from '../../lambdas/functions/rounds-write';
import { handler as personsWrite } from '../../lambdas/functions/persons-write';
import { handler as statsRefresh } from '../../lambdas/functions/stats-refresh';
import { bodyOf, lambdaContext, restEvent, validRound } from '../support/unit-events';
import { person } from '../support/fixtures';

const postRound = (body: unknown) => roundsWrite(restEvent({ method: 'POST', resource: '/rounds', role: 'editor', body }), lambdaContext());
const postPerson = (body: unknown) => personsWrite(restEvent({ method: 'POST', resource: '/persons', role: 'editor', body }), lambdaContext());

async function expectFieldRefused(answer: Promise<{ statusCode: number; body: string }>, path: string, message: RegExp) {
  const result = await answer;
  expect(result.statusCode).toBe(400);
  const details = bodyOf(result as never).error.details as { path: string; message: string }[];
  expect(details).toContainEqual({ path, message: expect.stringMatching(message) });
  expect(ddb.commandCalls(TransactWriteCommand)).toHaveLength(0);
}

beforeEach(() => {
  resetDdb();
  ddb.on(TransactWriteCommand).resolves({});
});

describe('text fields', () => {
  it.each([
    ['a NUL in notes', { notes: 'before\u0000after' }, 'notes'],
    ['an escape character in notes', { notes: 'colour \u001b[31m' }, 'notes'],
    ['a C1 control in notes', { notes: 'x\u0085y' }, 'notes'],
    ['a line break in a one-line field', { mediator: 'UAE\nand Türkiye' }, 'mediator'],
    ['a tab in a one-line field', { location: 'Border\tcrossing' }, 'location'],
  ])('refuses %s, naming the field', async (_name, fields, path) => {
    await expectFieldRefused(postRound(validRound(fields)), path, /control characters/);
  });

  it('keeps tabs and line breaks in notes', async () => {
    const result = await postRound(validRound({ notes: 'Line one\r\n\tLine two\nLine three' }));
    expect(result.statusCode).toBe(201);
    expect(bodyOf(result).notes).toBe('Line one\r\n\tLine two\nLine three');
  });

  it.each([
    ['a lone high surrogate', 'Тарас \ud83d'],
    ['a lone low surrogate', '\ude00 Шевченко'],
  ])('refuses %s', async (_name, notes) => {
    await expectFieldRefused(postRound(validRound({ notes })), 'notes', /surrogate/);
  });

  it('takes characters outside the Basic Multilingual Plane whole', async () => {
    const result = await postRound(validRound({ notes: 'Повернулися додому 🇺🇦' }));
    expect(result.statusCode).toBe(201);
  });
});

describe('names', () => {
  it.each(['', '   ', '\u00a0\u2003'])('refuses a full name that is empty or only spaces (%j)', async (fullName) => {
    await expectFieldRefused(postPerson(person({ fullName })), 'fullName', /empty|spaces|least/);
  });

  it('trims a full name before storing it', async () => {
    const result = await postPerson(person({ fullName: '  Олександр Мар’яненко \n' }));
    expect(result.statusCode).toBe(201);
    expect(bodyOf(result).fullName).toBe('Олександр Мар’яненко');
    const stored = ddb.commandCalls(TransactWriteCommand)[0]!.args[0].input.TransactItems![0]!.Put!.Item!;
    expect(stored.fullName).toBe('Олександр Мар’яненко');
  });
});

describe('dates', () => {
  it.each(['1899-12-31', '0001-01-01', '2101-01-01', '9999-12-31'])('refuses a round dated %s', async (date) => {
    await expectFieldRefused(postRound(validRound({ date })), 'date', /between 1900-01-01 and 2100-12-31/);
  });

  it('takes the first and last days of the range', async () => {
    expect((await postRound(validRound({ date: '1900-01-01', status: 'completed' }))).statusCode).toBe(201);
    expect((await postRound({ date: '2100-12-31', status: 'planned' })).statusCode).toBe(201);
  });

  it('refuses a date of birth before 1900', async () => {
    await expectFieldRefused(postPerson(person({ dateOfBirth: '1850-05-05' })), 'dateOfBirth', /between/);
  });
});

describe('sources', () => {
  it.each(['ftp://example.org/list.pdf', 'javascript:alert(1)', 'mailto:press@example.org', 'file:///etc/passwd'])('refuses a source that is not http or https: %s', async (url) => {
    const result = await postRound(validRound({ sources: [{ url }] }));
    expect(result.statusCode).toBe(400);
    expect(bodyOf(result).error.details.map((d: { path: string }) => d.path)).toEqual(['sources.0.url']);
  });
});

describe('routes that take no body', () => {
  it('POST /stats/refresh with a body is 400, before any refresh', async () => {
    const result = (await statsRefresh(restEvent({ method: 'POST', resource: '/stats/refresh', role: 'admin', body: { force: true } }), lambdaContext())) as APIGatewayProxyResult;
    expect(result.statusCode).toBe(400);
    expect(bodyOf(result).error.details).toEqual([{ path: 'body', message: 'This route takes no request body' }]);
    expect(ddb.calls()).toHaveLength(0);
  });
});
