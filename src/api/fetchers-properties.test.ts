// Properties of the typed client over any answer (fast-check, fixed seed, so a failure is
// reproducible): whatever a 200 answer holds — any JSON, JSON close to the expected shape with
// fields swapped for anything, or text that is not JSON — each fetcher either returns data of
// its schema or throws an ApiError of kind 'bad-response'. Nothing else, never a crash.
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from './api-error.ts';
import { checkDomainNames } from './domain-names.ts';
import { fetchTransferHistory } from './console.ts';
import { fetchTransferStatus } from './hostway.ts';
import { fetchProcess } from './rtr.ts';
import { processSchema } from './rtr-schemas.ts';
import { domainCheckResponseSchema } from '../contract/domain-check.ts';
import { transferHistorySchema } from '../contract/transfer-history.ts';
import { transferStatusSchema } from '../contract/transfer-status.ts';
import { notRecordedReason } from '../features/transfers/history-note.ts';

const SEED = 20_261_201;
const RUNS = 10_000;
const options = { numRuns: RUNS, seed: SEED };
// 10,000 runs take a few seconds each on a busy machine.
const TIMEOUT_MS = 120_000;

const PROCESS = {
  id: 46069000,
  user: 'acme/jsmith',
  status: 'COMPLETED',
  createdDate: '2026-11-20T10:00:00Z',
  reservation: { EUR: 1200 },
  command: { domainName: 'example.com' },
  resumeTypes: ['ACK'],
  billables: [{ action: 'CREATE', product: 'domain_com', quantity: 1, amount: 1200 }],
};
const STATUS = {
  status: 7,
  description: 'Pending',
  emailAddress: 'a@b.c',
  statusChangeDate: '2024-05-01T10:00:00Z',
};
const OBSERVATION = {
  ...STATUS,
  firstSeenAt: '2024-05-01T10:00:00Z',
  lastSeenAt: '2024-05-01T11:00:00Z',
  seenCount: 2,
  source: 'lookup',
};
const HISTORY = { accountNumber: 'acct12345', domainName: 'hostile.com', observations: [] };
const CHECKED = { ok: true, input: 'a.com', ascii: 'a.com', unicode: 'a.com', corrected: false };

/** `base` with some fields dropped and others replaced by any JSON value. */
function near(base: Record<string, unknown>, extraKeys: string[] = []) {
  const keys = [...Object.keys(base), ...extraKeys, '__proto__', 'constructor'];
  return fc
    .tuple(
      fc.subarray(Object.keys(base)),
      fc.dictionary(fc.constantFrom(...keys), fc.jsonValue(), { maxKeys: 3 }),
    )
    .map(([dropped, replaced]) => {
      const value: Record<string, unknown> = { ...base };
      for (const key of dropped) delete value[key];
      // JSON.parse, not spreading: a "__proto__" key must arrive as the wire would carry it.
      return JSON.parse(JSON.stringify({ ...value, ...replaced })) as unknown;
    });
}

/** The text of an answer: any JSON, JSON near `base`, or text that may not be JSON at all. */
const answerText = (...nearShapes: fc.Arbitrary<unknown>[]) =>
  fc.oneof(
    fc.jsonValue().map((v) => JSON.stringify(v)),
    ...nearShapes.map((shape) => shape.map((v) => JSON.stringify(v))),
    fc.string(),
    fc.string({ unit: 'binary' }),
  );

// A minimal Response: what the client reads of one, without undici's cost per run.
function stubAnswer(text: string, headers: Record<string, string> = {}) {
  const response = { ok: true, status: 200, headers: new Headers(headers), text: async () => text };
  vi.stubGlobal('fetch', async () => response as unknown as Response);
}

/** Runs `call`: its result, or the error it threw, which must be a bad-response ApiError. */
async function settle<T>(call: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false }> {
  try {
    const value = await call();
    outcomes.ok++;
    return { ok: true, value };
  } catch (error) {
    outcomes.bad++;
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).kind).toBe('bad-response');
    return { ok: false };
  }
}

/** Both outcomes must occur, or the generators miss the shapes that matter. */
const outcomes = { ok: 0, bad: 0 };
beforeEach(() => {
  outcomes.ok = 0;
  outcomes.bad = 0;
});
afterEach(() => {
  vi.unstubAllGlobals();
  expect(outcomes.ok).toBeGreaterThan(RUNS / 100);
  expect(outcomes.bad).toBeGreaterThan(RUNS / 100);
});

describe('fetchers over any 200 answer (fast-check)', () => {
  it(
    'fetchProcess returns a process of the schema or throws bad-response',
    async () => {
      await fc.assert(
        fc.asyncProperty(answerText(near(PROCESS, ['error', 'refund'])), async (text) => {
          stubAnswer(text);
          const result = await settle(() => fetchProcess(46069000));
          if (result.ok) expect(processSchema.safeParse(result.value).success).toBe(true);
        }),
        options,
      );
    },
    TIMEOUT_MS,
  );

  it(
    'fetchTransferStatus returns a status of the schema, and its history note, or throws bad-response',
    async () => {
      const header = fc.option(fc.constantFrom('not-recorded', 'recorded', 'NOT-RECORDED', ''), {
        nil: undefined,
      });
      const reason = fc.option(
        fc.oneof(
          fc.constantFrom('disk-full', 'read-only', 'database-error', 'toString', '__proto__'),
          fc.stringMatching(/^[!-~]{0,24}$/),
        ),
        { nil: undefined },
      );
      await fc.assert(
        fc.asyncProperty(answerText(near(STATUS)), header, reason, async (text, history, why) => {
          stubAnswer(text, {
            ...(history === undefined ? {} : { 'X-Console-History': history }),
            ...(why === undefined ? {} : { 'X-Console-History-Reason': why }),
          });
          const result = await settle(() => fetchTransferStatus('acct12345', 'hostile.com'));
          if (!result.ok) return;
          expect(transferStatusSchema.safeParse(result.value.status).success).toBe(true);
          expect(result.value.recorded).toBe(history !== 'not-recorded');
          // Whatever the reason header says, the page has words for it.
          expect([
            "the console's disk is full",
            "the console's database is read-only",
            "the console's database failed",
          ]).toContain(notRecordedReason(result.value.reason));
        }),
        options,
      );
    },
    TIMEOUT_MS,
  );

  it(
    'fetchTransferHistory returns a history of the schema or throws bad-response',
    async () => {
      const withObservations = fc
        .array(fc.oneof(near(OBSERVATION), fc.jsonValue()), { maxLength: 3 })
        .map((observations) => ({ ...HISTORY, observations }));
      await fc.assert(
        fc.asyncProperty(answerText(near(HISTORY), withObservations), async (text) => {
          stubAnswer(text);
          const result = await settle(() => fetchTransferHistory('acct12345', 'hostile.com'));
          if (result.ok) expect(transferHistorySchema.safeParse(result.value).success).toBe(true);
        }),
        options,
      );
    },
    TIMEOUT_MS,
  );

  it(
    'checkDomainNames returns one result per name, of the schema, or throws bad-response',
    async () => {
      const names = fc.array(fc.string({ minLength: 1, maxLength: 20 }), {
        minLength: 1,
        maxLength: 3,
      });
      const entry = fc.oneof(
        fc.constant(CHECKED),
        near(CHECKED),
        near({ ok: false, input: 'x', reason: 'y' }),
        fc.jsonValue(),
      );
      // As many results as names (the answer that can succeed), or any number.
      const sentAndAnswer = names.chain((sent) =>
        fc.tuple(
          fc.constant(sent),
          answerText(
            fc
              .array(entry, { minLength: sent.length, maxLength: sent.length })
              .map((results) => ({ results })),
            fc.array(entry, { maxLength: 4 }).map((results) => ({ results })),
          ),
        ),
      );
      await fc.assert(
        fc.asyncProperty(sentAndAnswer, async ([sent, text]) => {
          stubAnswer(text);
          const result = await settle(() => checkDomainNames(sent));
          if (!result.ok) return;
          expect(domainCheckResponseSchema.safeParse(result.value).success).toBe(true);
          expect(result.value.results).toHaveLength(sent.length);
        }),
        options,
      );
    },
    TIMEOUT_MS,
  );
});
