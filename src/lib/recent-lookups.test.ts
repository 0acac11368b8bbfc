import { beforeEach, describe, expect, it } from 'vitest';
import { act, renderHook } from '@testing-library/react';
import {
  clearRecentLookups,
  recentLookupPath,
  rememberLookup,
  useRecentLookups,
} from './recent-lookups.ts';

beforeEach(() => {
  window.localStorage.clear();
});

describe('recent lookups', () => {
  it('keeps the last ten, newest first, without duplicates', () => {
    const { result } = renderHook(() => useRecentLookups());
    act(() => {
      for (let id = 1; id <= 12; id++) rememberLookup({ kind: 'process', id });
      rememberLookup({ kind: 'process', id: 5 });
    });
    expect(result.current.map((e) => (e.kind === 'process' ? e.id : 0))).toEqual([
      5, 12, 11, 10, 9, 8, 7, 6, 4, 3,
    ]);
  });

  it('mixes processes and transfers and builds their paths', () => {
    const { result } = renderHook(() => useRecentLookups());
    act(() => {
      rememberLookup({ kind: 'transfer', accountNumber: 'acct12345', domainName: 'test.com' });
      rememberLookup({ kind: 'process', id: 46069000 });
    });
    expect(result.current.map(recentLookupPath)).toEqual([
      '/processes/46069000',
      '/transfers/acct12345/test.com',
    ]);
  });

  it('ignores a corrupt stored value', () => {
    window.localStorage.setItem('registrar-console:recent-lookups', '{not json');
    const { result } = renderHook(() => useRecentLookups());
    expect(result.current).toEqual([]);
  });

  it('can be cleared', () => {
    const { result } = renderHook(() => useRecentLookups());
    act(() => {
      rememberLookup({ kind: 'process', id: 1 });
      clearRecentLookups();
    });
    expect(result.current).toEqual([]);
  });
});
