import { describe, expect, it } from 'vitest';
import { notRecordedReason } from './history-note.ts';

describe('notRecordedReason', () => {
  it('words the reasons the server sends', () => {
    expect(notRecordedReason('disk-full')).toBe("the console's disk is full");
    expect(notRecordedReason('read-only')).toBe("the console's database is read-only");
    expect(notRecordedReason('database-error')).toBe("the console's database failed");
  });

  it('calls an unknown or missing reason a database failure, even one named like a built-in', () => {
    for (const reason of [undefined, null, '', 'toString', 'constructor', 'quota']) {
      expect(notRecordedReason(reason)).toBe("the console's database failed");
    }
  });
});
