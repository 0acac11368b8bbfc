/** What a masked value becomes in copied or downloaded JSON. */
export const HIDDEN = '[hidden]';

// Compared against the trailing words of a key joined together, so `authCode`, `AUTH_CODE`,
// `epp-auth-code`, `newPassword` and `clientSecret` match but `publicKey`, `keyTag`, `tokenType`
// and `spin` do not.
const SECRET_WORDS = new Set([
  'authcode',
  'authinfo',
  'authkey',
  'password',
  'passwd',
  'passphrase',
  'pwd',
  'pw',
  'secret',
  'token',
  'apikey',
  'privatekey',
  'pin',
  'pincode',
  'eppcode',
  'eppkey',
]);

/** Whether a key names a credential (case, `_`, `-` and camelCase insensitive). */
export function isSecretKey(key: string): boolean {
  const words = key
    .replace(/([a-z\d])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z]+/)
    .filter(Boolean);
  return words.some((_, i) => SECRET_WORDS.has(words.slice(i).join('')));
}

/** A secret worth hiding: a secret key with a value (null and '' reveal nothing). */
export function isSecretEntry(key: string, value: unknown): boolean {
  return value != null && value !== '' && isSecretKey(key);
}

/** Whether any object inside `value` holds a secret entry. */
export function containsSecrets(value: unknown): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    Object.entries(value).some(([k, v]) => isSecretEntry(k, v) || containsSecrets(v))
  );
}

/** A `JSON.stringify` replacer that replaces secret values with `[hidden]`. */
export function hideSecrets(key: string, value: unknown): unknown {
  return isSecretEntry(key, value) ? HIDDEN : value;
}
