import { describe, expect, it } from 'vitest';
import { bulkSearchShape } from './bulk-transfers-route.tsx';
import { readSearch } from './search-params.ts';
import { readTransferSearch } from './transfer-page.tsx';

const read = <T extends Parameters<typeof readSearch>[0]>(schema: T, query: string) =>
  readSearch(schema, new URLSearchParams(query));

describe('route search params', () => {
  it('reads the bulk filters and the domain list', () => {
    expect(read(bulkSearchShape, 'domains=a.com,b.com&phase=registry&outcome=failed')).toEqual({
      domains: 'a.com,b.com',
      phase: 'registry',
      outcome: 'failed',
    });
  });

  it('falls back per field on values it does not know', () => {
    expect(read(bulkSearchShape, 'phase=nonsense&outcome=&x=1')).toEqual({});
  });

  it('takes the first of repeated params', () => {
    expect(read(bulkSearchShape, 'phase=active&phase=registry').phase).toBe('active');
  });

  it('reads from, and drops an empty or absurdly long one', () => {
    const read = (query: string) => readTransferSearch(new URLSearchParams(query));
    expect(read('from=www.a.com')).toEqual({ from: 'www.a.com' });
    expect(read('from=')).toEqual({});
    expect(read(`from=${'a'.repeat(2_000)}`)).toEqual({});
  });
});
