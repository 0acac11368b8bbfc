import { useEffect, useState } from 'react';

type DomainRules = typeof import('./domain-name.ts');

let loading: Promise<DomainRules> | undefined;
let loaded: DomainRules | undefined;

/**
 * The public-suffix-aware rules (`domain-name.ts`, ~110 KB with the suffix list) are loaded
 * on demand so that a transfer deep link does not wait for them.
 */
export function loadDomainRules(): Promise<DomainRules> {
  loading ??= import('./domain-name.ts').then((rules) => (loaded = rules));
  return loading;
}

/** The rules once loaded (starts loading on first use); undefined meanwhile. */
export function useDomainRules(): DomainRules | undefined {
  const [rules, setRules] = useState(loaded);
  useEffect(() => {
    if (rules) return;
    let active = true;
    void loadDomainRules().then((r) => active && setRules(r));
    return () => {
      active = false;
    };
  }, [rules]);
  return rules;
}
