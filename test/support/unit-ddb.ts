/**
 * The faked DynamoDB client for unit tests. Import this before the handler modules: it points the
 * store at a table name and away from any real endpoint.
 *
 * Every operation of our client goes through DynamoDbClient.prototype.send, so replacing that one
 * method answers them all, whichever client instance the store built. The API is
 * aws-sdk-client-mock's, with an operation name where a command class was
 * (`ddb.on('GetItem', partialInput?).resolves(…)`), so the tests written against the SDK's document
 * client kept their shape and their meaning.
 *
 * The fake is a plain function on the prototype, not a vi.spyOn: test files call
 * vi.restoreAllMocks(), and that must not hand the store back to the real client and the network.
 */
import { afterAll } from 'vitest';
import { isDeepStrictEqual } from 'node:util';
import { DynamoDbClient } from '../../lambdas/store/dynamodb/client';
import { toWire, type Operation, type Operations } from '../../lambdas/store/dynamodb/operations';
import { resetTableClient } from '../../lambdas/store/client';

process.env.TABLE_NAME = 'unit-table';
// The client resolves its region when it is built, even though the fake never signs a request.
process.env.AWS_REGION ??= 'eu-central-1';
process.env.AWS_ACCESS_KEY_ID ??= 'unit';
process.env.AWS_SECRET_ACCESS_KEY ??= 'unit';
delete process.env.DYNAMODB_ENDPOINT;

type Input<O extends Operation> = Operations[O]['input'];
/** Answers may leave out what the code under test does not read, as with aws-sdk-client-mock. */
type Answer<O extends Operation> = Partial<Operations[O]['output']>;
type DeepPartial<T> = T extends object ? { [K in keyof T]?: DeepPartial<T[K]> } : T;
type Handler<O extends Operation> = (input: Input<O>) => Answer<O> | undefined | Promise<Answer<O> | undefined>;

interface AsymmetricMatcher {
  asymmetricMatch(actual: unknown): boolean;
}

const isAsymmetricMatcher = (value: unknown): value is AsymmetricMatcher =>
  typeof value === 'object' && value !== null && typeof (value as Partial<AsymmetricMatcher>).asymmetricMatch === 'function';

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && [Object.prototype, null].includes(Object.getPrototypeOf(value) as object | null);

/**
 * As sinon's `match(object)`, which aws-sdk-client-mock's `on(Command, input)` used: every key the
 * expectation names must match, objects recursively; anything else (arrays too) must be equal.
 */
function matches(actual: unknown, expected: unknown): boolean {
  if (isAsymmetricMatcher(expected)) return expected.asymmetricMatch(actual);
  if (isPlainObject(expected)) {
    if (typeof actual !== 'object' || actual === null) return false;
    return Object.entries(expected).every(([key, value]) => matches((actual as Record<string, unknown>)[key], value));
  }
  return isDeepStrictEqual(actual, expected);
}

function toError(error: Error | string): Error {
  return typeof error === 'string' ? new Error(error) : error;
}

/** What one `ddb.on(…)` answers: its *Once answers in turn, then its default. */
export class DdbBehaviour<O extends Operation> {
  private readonly once: Handler<O>[] = [];
  private fallback: Handler<O> | undefined;

  constructor(
    private readonly fake: DdbFake,
    readonly operation: O,
    readonly input: DeepPartial<Input<O>> | undefined,
  ) {}

  resolves(answer: Answer<O>): DdbFake {
    this.fallback = () => answer;
    return this.fake;
  }

  resolvesOnce(answer: Answer<O>): this {
    this.once.push(() => answer);
    return this;
  }

  rejects(error: Error | string): DdbFake {
    const rejection = toError(error);
    this.fallback = () => {
      throw rejection;
    };
    return this.fake;
  }

  rejectsOnce(error: Error | string): this {
    const rejection = toError(error);
    this.once.push(() => {
      throw rejection;
    });
    return this;
  }

  /**
   * The function's answer, or what it throws as the rejection. Unlike aws-sdk-client-mock, a thrown
   * non-Error is not wrapped in an Error: the store sees exactly what the function threw.
   */
  callsFake(fn: Handler<O>): DdbFake {
    this.fallback = fn;
    return this.fake;
  }

  handles(operation: string, input: unknown): boolean {
    return operation === this.operation && (this.input === undefined || matches(input, this.input));
  }

  answer(input: Input<O>): ReturnType<Handler<O>> {
    return (this.once.shift() ?? this.fallback)?.(input);
  }
}

interface SentCall {
  readonly operation: string;
  readonly input: unknown;
}

export class DdbFake {
  private behaviours: DdbBehaviour<Operation>[] = [];
  private history: SentCall[] = [];

  /** The latest `on` whose operation and input match answers, as with aws-sdk-client-mock. */
  on<O extends Operation>(operation: O, input?: DeepPartial<Input<O>>): DdbBehaviour<O> {
    const behaviour = new DdbBehaviour(this, operation, input);
    this.behaviours.push(behaviour as unknown as DdbBehaviour<Operation>);
    return behaviour;
  }

  /** The inputs sent, in order: of one operation, or of all. */
  calls<O extends Operation>(operation: O): Input<O>[];
  calls(): unknown[];
  calls(operation?: Operation): unknown[] {
    return this.history.filter((call) => operation === undefined || call.operation === operation).map((call) => call.input);
  }

  /** The operations sent, in order; a name the real client does not know is recorded too. */
  operations(): string[] {
    return this.history.map((call) => call.operation);
  }

  /** Forgets behaviours and calls. */
  reset(): this {
    this.behaviours = [];
    this.history = [];
    return this;
  }

  /** Forgets the calls only; *Once answers already given stay given. */
  resetHistory(): this {
    this.history = [];
    return this;
  }

  async receive(operation: string, input: unknown): Promise<unknown> {
    this.history.push({ operation, input });
    // The real client would fail on it too (it has no wire format for it), and a test can assert it was never sent.
    if (!Object.hasOwn(toWire, operation)) throw new Error(`DynamoDbClient has no operation ${operation}`);
    // An input the real client could not marshal (a class instance, a function) fails here as it would there.
    toWire[operation as Operation](input as never);
    const behaviour = this.behaviours.findLast((candidate) => candidate.handles(operation, input));
    return behaviour?.answer(input as Input<Operation>);
  }
}

export const ddb = new DdbFake();

const realSend = DynamoDbClient.prototype.send;
function fakeSend(this: DynamoDbClient, operation: string, input: unknown): Promise<unknown> {
  return ddb.receive(operation, input);
}

function install(): void {
  DynamoDbClient.prototype.send = fakeSend as DynamoDbClient['send'];
}

install();
afterAll(() => {
  DynamoDbClient.prototype.send = realSend;
});

/** Call in beforeEach: no behaviours or recorded calls survive a test, and the client is rebuilt. */
export function resetDdb(): void {
  // Again in case something put another send in place since the module loaded.
  install();
  ddb.reset();
  process.env.TABLE_NAME = 'unit-table';
  delete process.env.DYNAMODB_ENDPOINT;
  resetTableClient();
}

/** Every operation the client was sent, in order. */
export function sentOperations(): string[] {
  return ddb.operations();
}
