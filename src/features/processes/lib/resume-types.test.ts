import { describe, expect, it } from 'vitest';
import { RESUME_TYPES } from '../../../api/rtr-schemas.ts';
import { describeResumeType, describeResumeTypes, resumeTypesSection } from './resume-types.ts';

describe('describeResumeType', () => {
  it.each([
    ['PROVIDER', 'waiting', 'Waiting for the registry (provider) to answer.'],
    ['TIMER', 'waiting', 'Waits until a scheduled time, then continues by itself.'],
    ['MANUAL', 'waiting', 'Needs manual action by Realtime Register staff.'],
    ['INTERNAL', 'waiting', 'Waiting on an internal step at Realtime Register.'],
    ['RESEND', 'action', 'The approval mail can be sent again.'],
    ['CANCEL', 'action', 'The process can still be cancelled.'],
  ])('%s is a %s: %s', (type, kind, explanation) => {
    expect(describeResumeType(type)).toMatchObject({ type, kind, explanation, known: true });
  });

  it('covers every documented resume type', () => {
    for (const type of RESUME_TYPES) expect(describeResumeType(type).known).toBe(true);
  });

  it.each(['PAYMENT', 'resend', 'constructor'])('shows unknown %j verbatim', (type) => {
    const description = describeResumeType(type);
    expect(description).toMatchObject({ type, label: type, kind: 'unknown', known: false });
    expect(description.explanation).toMatch(/not in the API documentation/);
  });
});

describe('describeResumeTypes', () => {
  it('keeps order and drops repeats', () => {
    expect(describeResumeTypes(['MANUAL', 'TIMER', 'MANUAL']).map((d) => d.type)).toEqual([
      'MANUAL',
      'TIMER',
    ]);
  });

  it('treats an absent list as empty', () => {
    expect(describeResumeTypes(undefined)).toEqual([]);
  });
});

describe('a final process', () => {
  it('says what it was waiting for, in the past', () => {
    expect(describeResumeTypes(['PROVIDER', 'CANCEL'], true).map((d) => d.explanation)).toEqual([
      'It was waiting for the registry (provider) to answer.',
      'The process could still be cancelled.',
    ]);
    expect(describeResumeType('PAYMENT', true).explanation).toMatch(/not in the API documentation/);
  });

  it('does not call the list what it is waiting for', () => {
    expect(resumeTypesSection(true).title).toBe('Resume types when it ended');
    expect(resumeTypesSection(false).title).toBe('What it is waiting for');
  });
});
