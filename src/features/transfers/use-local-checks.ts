import { useEffect, useState } from 'react';
import { checkLocallyInSlices } from './domain-list.ts';

/** Up to this many entries are checked during the render: a few milliseconds. */
const CHECK_IN_RENDER_MAX = 500;

/**
 * True once `entries` are checked locally (see domain-list.ts), so that namesToCheck and
 * buildDomainList are quick: a short list at once, a long one (5,000 names from a link) in
 * slices after the first render, so that no task holds the page for long.
 */
export function useLocalChecks(entries: readonly string[]): boolean {
  const short = entries.length <= CHECK_IN_RENDER_MAX;
  const [checked, setChecked] = useState<readonly string[]>();
  useEffect(() => {
    if (short) return;
    let current = true;
    void checkLocallyInSlices(entries, () => current).then(() => current && setChecked(entries));
    return () => {
      current = false;
    };
  }, [entries, short]);
  return short || checked === entries;
}
