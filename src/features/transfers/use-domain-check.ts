import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { DomainCheck } from '../../contract/domain-check.ts';

/**
 * The lookup forms' way to ask the console server about names they cannot decide themselves:
 * the check (its request and the contract's schemas) loads only when a form needs it, and
 * `checking` says a check is under way. A failure is thrown for the form to word.
 */
export function useDomainCheck() {
  const queryClient = useQueryClient();
  const [checking, setChecking] = useState(false);

  async function check(names: readonly string[]): Promise<DomainCheck[]> {
    if (names.length === 0) return [];
    setChecking(true);
    try {
      const { domainNameQueries } = await import('./domain-queries.ts');
      return await queryClient.fetchQuery(domainNameQueries.check(names));
    } finally {
      setChecking(false);
    }
  }

  return { checking, check };
}
