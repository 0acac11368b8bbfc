import { getDomain, parse } from 'tldts';
import { accountNumberSchema } from '../src/contract/account-number.ts';
import { DOMAIN_MAX_LENGTH, hasValidLabels } from '../src/contract/domain-syntax.ts';
import { fieldsParamSchema } from '../src/contract/fields-param.ts';
import { processIdParamSchema } from '../src/contract/process-id.ts';

/*
 * What the console accepts in a request before anything goes upstream: the contract's rules
 * (src/contract/), with messages that name the value. Each validator returns a message for the
 * browser, or undefined when the value is fine. Shared by the API routes and the preload hints,
 * which must agree on what a valid deep link is.
 */

export function validateProcessId(id: string): string | undefined {
  if (processIdParamSchema.safeParse(id).success) return undefined;
  return `The process id must be a positive whole number in plain digits, e.g. 46069000 (got ${quote(id)}).`;
}
export function validateAccount(account: string): string | undefined {
  if (accountNumberSchema.safeParse(account).success) return undefined;
  return `The account number must be 1 to 64 letters, digits, '-' or '_' (got ${quote(account)}).`;
}
export function validateFields(params: URLSearchParams): string | undefined {
  const all = params.getAll('fields');
  if (all.length === 0) return undefined;
  if (all.length > 1) return 'Give the fields query parameter at most once.';
  if (!fieldsParamSchema.safeParse(all[0] ?? '').success) {
    return 'fields must be a comma-separated list of field names (letters and digits, starting with a letter), e.g. fields=id,status.';
  }
  return undefined;
}
/** A registrable domain in lower-case A-label form, e.g. example.com or example.co.uk. */
export function validateDomain(name: string): string | undefined {
  const bad = (why: string) =>
    `The domain name ${quote(name)} is not valid: ${why}. Use a registrable domain such as example.com (lower-case, IDNs in xn-- form).`;
  if (name.length === 0 || name.length > DOMAIN_MAX_LENGTH) {
    return bad(`it must be 1 to ${DOMAIN_MAX_LENGTH} characters`);
  }
  if (!name.includes('.') || !hasValidLabels(name)) {
    return bad('each label must be 1 to 63 lower-case letters, digits or inner hyphens');
  }
  const parsed = parse(name, { allowPrivateDomains: false });
  if (parsed.isIp || !parsed.isIcann)
    return bad('its top-level domain is not a known public suffix');
  if (getDomain(name, { allowPrivateDomains: false }) !== name) {
    return bad('it is a sub-domain or a public suffix, not a registrable domain');
  }
  return undefined;
}
function quote(value: string): string {
  return JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value);
}
