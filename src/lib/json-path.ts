const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/**
 * A JSON path for a node: `$.contacts.registrant[0].email`. Keys that are not plain identifiers
 * use bracket notation with a JSON-escaped string (`$["odd key"]`, `$["0"]`), so every path can
 * be pasted back into a JSONPath tool and an object key never looks like an array index.
 */
export function jsonPath(segments: (string | number)[]): string {
  return segments.reduce<string>(
    (path, s) =>
      path +
      (typeof s === 'number' ? `[${s}]` : IDENTIFIER.test(s) ? `.${s}` : `[${JSON.stringify(s)}]`),
    '$',
  );
}
