import { describe, expect, it } from 'vitest';
import { whatHappensNext, type NextSteps } from './next-steps.ts';

const NOW = new Date('2026-11-24T12:00:00Z');
const text = (n: NextSteps) =>
  [n.heading, ...n.paragraphs, ...(n.likelyCauses ?? []), ...(n.whatToDo ?? [])].join('\n');

describe('whatHappensNext', () => {
  describe('9 REGISTRY_PEND: the losing registrar has 5 days', () => {
    it('counts auto-approval from the status change date', () => {
      // Changed 2 days ago (in -05:00): due in 3 days.
      const next = whatHappensNext(
        { status: 9, description: 'Pending', statusChangeDate: '2026-11-22T07:00:00-05:00' },
        NOW,
      );
      expect(next.due).toMatchObject({
        label: 'Automatic approval',
        overdue: false,
        relative: 'in 3 days',
        typical: false,
      });
      expect(next.due?.at.toISOString()).toBe('2026-11-27T12:00:00.000Z');
      expect(text(next)).toMatch(/losing registrar has 5 days/);
      expect(text(next)).toMatch(/automatic approval is due in 3 days/);
    });

    it('says how overdue it is once the 5 days have passed', () => {
      const next = whatHappensNext(
        { status: 9, description: 'Pending', statusChangeDate: '2026-11-19T10:00:00Z' },
        NOW,
      );
      expect(next.due).toMatchObject({ overdue: true, relative: 'overdue by 2 h' });
      expect(text(next)).toMatch(/have passed \(overdue by 2 h\)/);
      expect(text(next)).toMatch(/contact Hostway support/);
    });

    it('gives no due date without a status change date, and says why', () => {
      const next = whatHappensNext({ status: 9, description: 'Pending' }, NOW);
      expect(next.due).toBeUndefined();
      expect(text(next)).toMatch(/no status change date/);
    });
  });

  describe('7 CONFIRM_PEND: waiting for the owner', () => {
    it('names the address, the link to click and a typical (not documented) expiry', () => {
      const next = whatHappensNext(
        {
          status: 7,
          description: 'Auto verification of transfer request initiated',
          emailAddress: 'joshbond@usa.net',
          statusChangeDate: '2026-11-24T10:00:00Z',
        },
        NOW,
      );
      expect(text(next)).toMatch(/went to joshbond@usa\.net/);
      expect(text(next)).toMatch(/click the approval link/);
      expect(text(next)).toMatch(/typically expire/);
      expect(text(next)).toMatch(/does not document/);
      expect(next.due).toMatchObject({ typical: true, overdue: false, relative: 'in 4 days 22 h' });
    });

    it('copes without an address or date', () => {
      const next = whatHappensNext({ status: 7, description: '' }, NOW);
      expect(text(next)).toMatch(/does not say to which address/);
      expect(next.due).toBeUndefined();
    });
  });

  describe('failures: likely causes and what to do', () => {
    it.each([
      [4, /did not approve it in time/, /spam/, /order again/],
      [5, /declined/, /does not want/, /Talk to the owner/],
      [11, /did not answer in time/, /maintenance/, /Retry later/],
      [12, /registry reported an error/, /EPP auth code/, /fresh EPP auth code/],
      [13, /registry rejected/, /clientTransferProhibited/, /60 days/],
      [17, /losing registrar refused/, /60 days/, /contact the losing registrar/],
    ])('code %i', (status, heading, cause, todo) => {
      const next = whatHappensNext({ status, description: 'reason from Hostway' }, NOW);
      expect(next.heading).toMatch(heading);
      expect(next.likelyCauses?.join('\n')).toMatch(cause);
      expect(next.whatToDo?.join('\n')).toMatch(todo);
      expect(next.due).toBeUndefined();
    });

    it('lists the usual registry causes for a registry error', () => {
      const causes = whatHappensNext({ status: 12, description: 'x' }, NOW).likelyCauses ?? [];
      expect(causes.join('\n')).toMatch(/wrong or has expired/);
      expect(causes.join('\n')).toMatch(/locked.*clientTransferProhibited/);
      expect(causes.join('\n')).toMatch(/less than 60 days ago/);
    });

    it('quotes the reason the API gave', () => {
      const next = whatHappensNext(
        { status: 12, description: 'Registry error: invalid authorization code' },
        NOW,
      );
      expect(next.paragraphs[0]).toBe(
        'The reason given: “Registry error: invalid authorization code”.',
      );
    });

    it('explains a cancelled code 2', () => {
      const next = whatHappensNext(
        { status: 2, description: 'WHOIS lookup failed; transfer request cancelled' },
        NOW,
      );
      expect(next.heading).toMatch(/cancelled/);
      expect(next.likelyCauses?.join('\n')).toMatch(/privacy/);
      expect(next.whatToDo?.join('\n')).toMatch(/order again/);
    });
  });

  describe('code 2 in review or ambiguous', () => {
    it('says manual review is under way', () => {
      const next = whatHappensNext(
        {
          status: 2,
          description: 'WHOIS lookup failed; transfer request queued for manual review',
        },
        NOW,
      );
      expect(next.heading).toMatch(/reviewing the request by hand/);
      expect(next.likelyCauses).toBeUndefined();
    });

    it('says it cannot tell and quotes the description', () => {
      const next = whatHappensNext({ status: 2, description: 'WHOIS lookup failed' }, NOW);
      expect(next.heading).toMatch(/either in manual review or cancelled/);
      expect(text(next)).toMatch(/“WHOIS lookup failed”/);
      expect(text(next)).toMatch(/Contact Hostway support/);
    });
  });

  it('14: nothing more to do', () => {
    const next = whatHappensNext({ status: 14, description: 'Domain transferred and active' }, NOW);
    expect(next.heading).toMatch(/succeeded/);
    expect(text(next)).toMatch(/nothing more to do/);
  });

  it('15 and 16 are explained', () => {
    expect(whatHappensNext({ status: 15 }, NOW).heading).toMatch(/transferred away/);
    expect(text(whatHappensNext({ status: 16 }, NOW))).toMatch(/no transfer/i);
  });

  it.each([1, 3, 6, 8, 10])('in-progress code %i says what comes next', (status) => {
    const next = whatHappensNext({ status, description: 'x' }, NOW);
    expect(next.paragraphs.length).toBeGreaterThan(0);
    expect(next.likelyCauses).toBeUndefined();
  });

  it('unknown code: shows the description and suggests Hostway support', () => {
    const next = whatHappensNext(
      { status: 42, description: 'Transfer on hold pending registry compliance review' },
      NOW,
    );
    expect(next.heading).toMatch(/status 42/);
    expect(text(next)).toMatch(/“Transfer on hold pending registry compliance review”/);
    expect(text(next)).toMatch(/Contact Hostway support/);
  });

  it('ignores a status change date that is not a date', () => {
    const next = whatHappensNext({ status: 9, statusChangeDate: 'yesterday' }, NOW);
    expect(next.due).toBeUndefined();
  });
});
