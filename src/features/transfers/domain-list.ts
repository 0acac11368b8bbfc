import {
  DOMAIN_CHECK_MAX_NAME_LENGTH,
  type CheckedDomain,
  type DomainCheck,
} from '../../contract/domain-check.ts';
import { checkDomainSyntax } from '../../contract/domain-syntax.ts';
import { isFlatTldName } from '../../contract/flat-tld-name.ts';
import { timeSlices } from '../../lib/yield-to-main.ts';

/*
 * What people typed, turned into the registrable domains to look up. The browser has no
 * public suffix list: a plain `name.com`, `.net` or `.org` is decided here (every such name
 * is registrable), anything else by the console server (`domainNameQueries.check`).
 */

/** A two-label name under .com, .net or .org, decided without the server; else undefined. */
export function checkFlatName(input: string): CheckedDomain | undefined {
  const trimmed = input.trim();
  const syntax = checkDomainSyntax(trimmed);
  if (!syntax.ok || !isFlatTldName(syntax.ascii)) return undefined;
  return {
    ok: true,
    input: trimmed,
    ascii: syntax.ascii,
    // Not an IDN (isFlatTldName), so the name reads the same in Unicode.
    unicode: syntax.ascii,
    corrected: false,
  };
}

/** What can be decided without the server: flat names, and entries too long to send. */
export function checkLocally(input: string): DomainCheck | undefined {
  const trimmed = input.trim();
  if (trimmed.length > DOMAIN_CHECK_MAX_NAME_LENGTH) {
    return {
      ok: false,
      input: `${trimmed.slice(0, 40)}…`,
      reason: 'A domain name has at most 253 characters.',
    };
  }
  return checkFlatName(trimmed);
}

/** The entries the server must check, each once, in the order typed (the query's key). */
export function namesToCheck(entries: readonly string[]): string[] {
  return namesLeft(entries, checkAllLocally(entries));
}

// The page asks for the names to check and then builds the list, from the same array: with
// 5,000 entries, checking each once saves a pass of tens of milliseconds.
const localChecks = new WeakMap<readonly string[], (DomainCheck | undefined)[]>();

function checkAllLocally(entries: readonly string[]): (DomainCheck | undefined)[] {
  let checks = localChecks.get(entries);
  if (!checks) {
    checks = entries.map(checkLocally);
    localChecks.set(entries, checks);
  }
  return checks;
}

/**
 * Checks `entries` locally as namesToCheck and buildDomainList do, in slices of about 10 ms with
 * the browser's turn between them (5,000 pasted names take tens of milliseconds): afterwards
 * both find the results and are quick. Stops early once `wanted()` is false.
 */
export async function checkLocallyInSlices(
  entries: readonly string[],
  wanted: () => boolean = () => true,
): Promise<void> {
  if (localChecks.has(entries)) return;
  const checks: (DomainCheck | undefined)[] = [];
  const slices = timeSlices();
  for (const entry of entries) {
    checks.push(checkLocally(entry));
    if (slices.due()) {
      await slices.next();
      if (!wanted()) return;
    }
  }
  localChecks.set(entries, checks);
}

function namesLeft(entries: readonly string[], local: readonly (DomainCheck | undefined)[]) {
  const names = new Set<string>();
  entries.forEach((entry, i) => {
    if (!local[i]) names.add(entry.trim());
  });
  return [...names];
}

export interface DomainList {
  domains: CheckedDomain[];
  invalid: { input: string; reason: string }[];
  /** Entries dropped because they named a domain already in the list. */
  duplicates: number;
}

/**
 * The list to look up: every entry decided locally or by the server's `results` (one per
 * name of `namesToCheck(entries)`), duplicates by registrable domain dropped and counted.
 */
export function buildDomainList(
  entries: readonly string[],
  results: readonly DomainCheck[] = [],
): DomainList {
  const local = checkAllLocally(entries);
  const checked = namesLeft(entries, local);
  const byName = new Map(checked.map((name, i) => [name, results[i]]));
  const seen = new Set<string>();
  const list: DomainList = { domains: [], invalid: [], duplicates: 0 };
  for (const [i, entry] of entries.entries()) {
    const result = local[i] ?? byName.get(entry.trim());
    if (!result) throw new Error(`No check result for "${entry}"`);
    if (!result.ok) {
      list.invalid.push({ input: result.input, reason: result.reason });
    } else if (seen.has(result.ascii)) {
      list.duplicates++;
    } else {
      seen.add(result.ascii);
      list.domains.push(result);
    }
  }
  return list;
}
