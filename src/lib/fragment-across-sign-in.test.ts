import { afterEach, describe, expect, it } from 'vitest';
import {
  keepFragmentForSignIn,
  restoreFragmentAfterSignIn,
  takeKeptFragment,
} from './fragment-across-sign-in.ts';

afterEach(() => {
  sessionStorage.clear();
  window.history.replaceState(null, '', '/');
});

describe('a fragment kept across sign-in', () => {
  it('comes back once, for the same path and query only', () => {
    keepFragmentForSignIn('/transfers/acct1', '#dz=abc');
    expect(takeKeptFragment('/transfers/acct2')).toBeUndefined();
    // Read (and forgotten) by the first start, whichever page it is.
    expect(takeKeptFragment('/transfers/acct1')).toBeUndefined();

    keepFragmentForSignIn('/transfers/acct1?sort=-changed', '#dz=abc');
    expect(takeKeptFragment('/transfers/acct1?sort=-changed')).toBe('#dz=abc');
    expect(takeKeptFragment('/transfers/acct1?sort=-changed')).toBeUndefined();
  });

  it('is forgotten after half an hour, and never kept when empty', () => {
    keepFragmentForSignIn('/a', '#x', 0);
    expect(takeKeptFragment('/a', 30 * 60 * 1000)).toBeUndefined();
    keepFragmentForSignIn('/a', '#', 0);
    keepFragmentForSignIn('/a', '', 0);
    expect(sessionStorage.length).toBe(0);
  });

  it('ignores what it did not write', () => {
    sessionStorage.setItem('console:fragment-across-sign-in', '{not json');
    expect(takeKeptFragment('/a')).toBeUndefined();
    sessionStorage.setItem(
      'console:fragment-across-sign-in',
      JSON.stringify({ target: '/a', hash: 'javascript:alert(1)', at: Date.now() }),
    );
    expect(takeKeptFragment('/a')).toBeUndefined();
  });

  it('is put back in the URL at start, replacing the bare entry', () => {
    window.history.replaceState(null, '', '/transfers/acct1?tz=utc');
    keepFragmentForSignIn('/transfers/acct1?tz=utc', '#dz=abc');
    const entries = window.history.length;
    restoreFragmentAfterSignIn();
    expect(`${window.location.pathname}${window.location.search}${window.location.hash}`).toBe(
      '/transfers/acct1?tz=utc#dz=abc',
    );
    expect(window.history.length).toBe(entries);
  });

  it('does not replace a fragment the URL already has', () => {
    window.history.replaceState(null, '', '/processes/1#money');
    keepFragmentForSignIn('/processes/1', '#billables');
    restoreFragmentAfterSignIn();
    expect(window.location.hash).toBe('#money');
  });
});
