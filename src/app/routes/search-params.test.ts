import { describe, expect, it } from 'vitest';
import { bulkSearchSchema, readSearch, transferSearchSchema } from './search-params.ts';

const read = <T extends Parameters<typeof readSearch>[0]>(schema: T, query: string) =>
  readSearch(schema, new URLSearchParams(query));

describe('route search params', () => {
  it('reads the bulk filters and the domain list', () => {
    expect(read(bulkSearchSchema, 'domains=a.com,b.com&phase=registry&outcome=failed')).toEqual({
      domains: 'a.com,b.com',
      phase: 'registry',
      outcome: 'failed',
    });
  });

  it('falls back per field on values it does not know', () => {
    expect(read(bulkSearchSchema, 'phase=nonsense&outcome=&x=1')).toEqual({
      domains: '',
      phase: undefined,
      outcome: undefined,
    });
  });

  it('takes the first of repeated params', () => {
    expect(read(bulkSearchSchema, 'phase=active&phase=registry').phase).toBe('active');
  });

  it('reads from, and drops an empty or absurdly long one', () => {
    expect(read(transferSearchSchema, 'from=www.a.com')).toEqual({ from: 'www.a.com' });
    expect(read(transferSearchSchema, 'from=')).toEqual({ from: undefined });
    expect(read(transferSearchSchema, `from=${'a'.repeat(2_000)}`)).toEqual({ from: undefined });
  });
});
