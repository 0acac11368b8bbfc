export interface Redactor {
  text(value: string): string;
  bytes(value: Uint8Array): Uint8Array<ArrayBuffer>;
}

/**
 * Replaces every secret with "[redacted]". Given the Authorization values, it also covers the
 * credential part after the scheme ("ApiKey <key>" → the key) and JSON-escaped forms.
 */
export function makeRedactor(authorizations: string[]): Redactor {
  const secrets = new Set<string>();
  for (const auth of authorizations) {
    if (!auth) continue;
    secrets.add(auth);
    const credential = auth.replace(/^[A-Za-z][A-Za-z0-9_-]*\s+/, '');
    if (credential) secrets.add(credential);
  }
  for (const s of [...secrets]) secrets.add(JSON.stringify(s).slice(1, -1));
  // Longest first, so a full "ApiKey <key>" is replaced as a whole.
  const ordered = [...secrets].sort((x, y) => y.length - x.length);
  const needles = ordered.map((s) => Buffer.from(s, 'utf8'));
  const replacement = Buffer.from('[redacted]');

  return {
    text(value: string): string {
      let out = value;
      for (const s of ordered) out = out.split(s).join('[redacted]');
      return out;
    },
    bytes(value: Uint8Array): Uint8Array<ArrayBuffer> {
      let buf = Buffer.from(value.buffer, value.byteOffset, value.byteLength);
      for (const needle of needles) {
        if (buf.indexOf(needle) === -1) continue;
        const parts: Buffer[] = [];
        let from = 0;
        for (let at = buf.indexOf(needle); at !== -1; at = buf.indexOf(needle, from)) {
          parts.push(buf.subarray(from, at), replacement);
          from = at + needle.length;
        }
        parts.push(buf.subarray(from));
        buf = Buffer.concat(parts);
      }
      return new Uint8Array(buf);
    },
  };
}
