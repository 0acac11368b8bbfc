import { describe, expect, it } from 'vitest';
import { processIdParamSchema } from './process-id.ts';

describe('processIdParamSchema', () => {
  it('accepts plain positive integers', () => {
    expect(processIdParamSchema.parse('46069000')).toBe(46069000);
    expect(processIdParamSchema.parse('9007199254740991')).toBe(9007199254740991);
  });

  it.each(['0', '-1', '1.5', '01', 'abc', '', '9007199254740992', '12345678901234567'])(
    'refuses %j',
    (value) => {
      expect(processIdParamSchema.safeParse(value).success).toBe(false);
    },
  );
});
