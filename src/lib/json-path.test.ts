import { describe, expect, it } from 'vitest';
import { jsonPath } from './json-path.ts';

describe('jsonPath', () => {
  it.each([
    [[], '$'],
    [['authcode'], '$.authcode'],
    [['contacts', 'registrant', 0, 'email'], '$.contacts.registrant[0].email'],
    [[0, 1], '$[0][1]'],
    [['_id', '$ref', 'a1'], '$._id.$ref.a1'],
    [['odd key'], '$["odd key"]'],
    [['x-api-key'], '$["x-api-key"]'],
    [['0'], '$["0"]'],
    [['1st'], '$["1st"]'],
    [[''], '$[""]'],
    [['a.b'], '$["a.b"]'],
    [['say "hi"'], '$["say \\"hi\\""]'],
    [['back\\slash'], '$["back\\\\slash"]'],
    [['line\nbreak'], '$["line\\nbreak"]'],
    [['café'], '$["café"]'],
    [['nameservers', 2, 'ip addresses', 0], '$.nameservers[2]["ip addresses"][0]'],
  ] as [(string | number)[], string][])('%j → %s', (segments, path) => {
    expect(jsonPath(segments)).toBe(path);
  });
});
