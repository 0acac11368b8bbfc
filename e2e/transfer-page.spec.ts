import type { Page } from '@playwright/test';
import {
  test,
  expect,
  expectNoAxeViolations,
  PAUSES_UPSTREAM,
  recordApiRequests,
} from './fixtures.ts';
import { recordPageFetches } from './page-fetches.ts';

// A fixed zone: the local times below (CET) do not depend on the machine.
test.use({ timezoneId: 'Europe/Amsterdam' });

const ACCOUNT = 'acct12345';
const PHASES = {
  eligibility: 'Eligibility (WHOIS check)',
  approval: "Owner's approval (FOA mail)",
  registry: 'Registry',
  active: 'Active here',
} as const;
type Phase = keyof typeof PHASES;
type StepState = 'Done' | 'Current step' | 'Failed' | 'Not reached';

const region = (page: Page, name: string) => page.getByRole('region', { name, exact: true });
const statusCode = (page: Page) => page.getByTestId('transfer-status');
const liveSwitch = (page: Page) => page.getByRole('switch', { name: /^Live updates/ });
const phaseList = (page: Page) => page.getByRole('list', { name: 'Transfer phases' });

/** One phase of the timeline: the list item whose label is exactly the phase's name. */
const phaseStep = (page: Page, phase: Phase) =>
  phaseList(page)
    .getByRole('listitem')
    .filter({ has: page.getByText(PHASES[phase], { exact: true }) });

async function openTransfer(page: Page, domain: string, query = '') {
  await page.goto(`/transfers/${ACCOUNT}/${domain}${query}`);
  await expect(
    page.getByRole('heading', { level: 1, name: `Transfer of ${domain}` }),
  ).toBeVisible();
  await expect(region(page, 'Current status')).toBeVisible();
}

/** Every phase's state in words, and `aria-current="step"` on the one to look at (if any). */
async function expectSteps(
  page: Page,
  states: Record<Phase, StepState>,
  pointedAt: Phase | undefined,
) {
  for (const phase of Object.keys(PHASES) as Phase[]) {
    const step = phaseStep(page, phase);
    await expect(step, PHASES[phase]).toContainText(states[phase]);
    if (phase === pointedAt) await expect(step).toHaveAttribute('aria-current', 'step');
    else await expect(step).not.toHaveAttribute('aria-current');
  }
}

/** The radio inputs are visually hidden behind their labels: click the label, as people do. */
async function showTimesIn(page: Page, choice: 'UTC' | 'Local time') {
  await page
    .getByRole('group', { name: 'Show times in' })
    .getByText(choice, { exact: true })
    .click();
  await expect(page.getByRole('radio', { name: choice })).toBeChecked();
}

test.describe('representative statuses', () => {
  test('pending at the registry: current step, live, and the 5-day auto-approval', async ({
    page,
  }) => {
    await openTransfer(page, 'registry-pend.com', '?tz=utc');
    await expect(statusCode(page)).toHaveText('REGISTRY_PEND (code 9)');
    await expect(region(page, 'Current status')).toContainText(
      'Pending at the registry: waiting for the losing registrar',
    );
    await expectSteps(
      page,
      { eligibility: 'Done', approval: 'Done', registry: 'Current step', active: 'Not reached' },
      'registry',
    );
    await expect(liveSwitch(page)).toBeChecked();

    const next = region(page, 'What happens next');
    await expect(next).toContainText('the losing registrar has 5 days to approve or refuse it');
    // Changed 30 Oct 2026 00:00 UTC: automatic approval is due five days later.
    const due = next.getByRole('paragraph').filter({ hasText: 'Automatic approval' });
    await expect(due).toContainText('4 Nov 2026, 00:00:00 UTC');
    await expect(due).toContainText(/\((overdue by|in) \d+/);
    await expectNoAxeViolations(page);
  });

  test('success: every step done, final, no live refresh', async ({ page }) => {
    await openTransfer(page, 'active.com');
    await expect(statusCode(page)).toHaveText('ACTIVE (code 14)');
    await expectSteps(
      page,
      { eligibility: 'Done', approval: 'Done', registry: 'Done', active: 'Done' },
      'active',
    );
    await expect(
      page.getByText(
        'Final status: it will not move on by itself, so the page no longer refreshes it.',
      ),
    ).toBeVisible();
    await expect(liveSwitch(page)).toHaveCount(0);
    await expect(region(page, 'What happens next')).toContainText(
      'The transfer succeeded: the domain is active here.',
    );
  });

  const failures = [
    ['confirm-nack.com', 'CONFIRM_NACK (code 5)', 'approval', 'the owner declined it.'],
    [
      'confirm-timeout.com',
      'CONFIRM_TIMEOUT (code 4)',
      'approval',
      'the owner did not approve it in time.',
    ],
    [
      'registry-timeout.com',
      'REGISTRY_TIMEOUT (code 11)',
      'registry',
      'the registry did not answer in time.',
    ],
    [
      'registry-error.com',
      'REGISTRY_ERROR (code 12)',
      'registry',
      'the registry reported an error.',
    ],
    ['registry-nack.com', 'REGISTRY_NACK (code 13)', 'registry', 'the registry rejected it.'],
    [
      'registrar-nack.com',
      'REGISTRAR_NACK (code 17)',
      'registry',
      'the losing registrar refused it.',
    ],
  ] as const;

  for (const [domain, status, phase, why] of failures) {
    test(`failure ${domain}: the failed step and its likely causes`, async ({ page }) => {
      await openTransfer(page, domain);
      await expect(statusCode(page)).toHaveText(status);
      const states: Record<Phase, StepState> =
        phase === 'approval'
          ? {
              eligibility: 'Done',
              approval: 'Failed',
              registry: 'Not reached',
              active: 'Not reached',
            }
          : { eligibility: 'Done', approval: 'Done', registry: 'Failed', active: 'Not reached' };
      await expectSteps(page, states, phase);
      await expect(liveSwitch(page)).toHaveCount(0);

      const next = region(page, 'What happens next');
      await expect(next).toContainText(`The transfer stopped: ${why}`);
      await expect(next.getByRole('heading', { name: 'Likely causes' })).toBeVisible();
      await expect(next.getByRole('heading', { name: 'What to do' })).toBeVisible();
      expect(await next.getByRole('listitem').count()).toBeGreaterThanOrEqual(2);
      if (domain === 'registry-nack.com') await expectNoAxeViolations(page);
    });
  }

  test('code 2 is told apart by its description: manual review vs cancelled', async ({ page }) => {
    await openTransfer(page, 'whois-manual.com');
    await expect(statusCode(page)).toHaveText('WHOIS_MANUAL (code 2)');
    await expect(region(page, 'Current status')).toContainText(
      'WHOIS check failed: waiting for manual review',
    );
    await expectSteps(
      page,
      {
        eligibility: 'Current step',
        approval: 'Not reached',
        registry: 'Not reached',
        active: 'Not reached',
      },
      'eligibility',
    );
    await expect(liveSwitch(page)).toBeChecked();
    await expect(region(page, 'What happens next')).toContainText(
      'Hostway staff are reviewing the request by hand',
    );

    await openTransfer(page, 'whois-cancel.com');
    await expect(statusCode(page)).toHaveText('WHOIS_CANCEL (code 2)');
    await expect(region(page, 'Current status')).toContainText('Cancelled: the WHOIS check failed');
    await expectSteps(
      page,
      {
        eligibility: 'Failed',
        approval: 'Not reached',
        registry: 'Not reached',
        active: 'Not reached',
      },
      'eligibility',
    );
    await expect(liveSwitch(page)).toHaveCount(0);
    const next = region(page, 'What happens next');
    await expect(next).toContainText('The transfer was cancelled: the WHOIS check failed.');
    await expect(next.getByRole('heading', { name: 'Likely causes' })).toBeVisible();
  });

  test('an unknown code is shown as it came, outside the phases', async ({ page }) => {
    await openTransfer(page, 'unknown-status.com');
    await expect(statusCode(page)).toHaveText('Unknown status (code 42)');
    await expect(region(page, 'Current status')).toContainText(
      'Transfer on hold pending registry compliance review',
    );
    await expectSteps(
      page,
      {
        eligibility: 'Not reached',
        approval: 'Not reached',
        registry: 'Not reached',
        active: 'Not reached',
      },
      undefined,
    );
    const timeline = region(page, 'Timeline');
    await expect(
      timeline.getByRole('heading', { name: 'Statuses outside these phases' }),
    ).toBeVisible();
    await expect(
      timeline.getByRole('list', { name: 'Statuses seen: outside the phases' }),
    ).toContainText('Undocumented (42)');
    await expect(region(page, 'What happens next')).toContainText(
      'Hostway sent status 42, which its documentation does not describe.',
    );
  });

  test('test.com: FOA address and change date, in local time or UTC (?tz=utc)', async ({
    page,
  }) => {
    await openTransfer(page, 'test.com');
    await expect(statusCode(page)).toHaveText('CONFIRM_PEND (code 7)');
    const current = region(page, 'Current status');
    // 2014-03-25T11:15:11-05:00 is 16:15:11 UTC, 17:15:11 in Amsterdam (CET).
    await expect(current).toMatchAriaSnapshot(`
      - term: Approval mail sent to
      - definition: joshbond@usa.net
      - term: Status changed
      - definition:
        - time: 25 Mar 2014, 17:15:11 CET
    `);
    await expect(region(page, 'What happens next')).toContainText(
      'The approval mail (FOA, form of authorisation) went to joshbond@usa.net.',
    );
    await expectSteps(
      page,
      {
        eligibility: 'Done',
        approval: 'Current step',
        registry: 'Not reached',
        active: 'Not reached',
      },
      'approval',
    );

    await showTimesIn(page, 'UTC');
    await expect(page).toHaveURL(/\?tz=utc$/);
    await expect(current.getByRole('time')).toHaveText('25 Mar 2014, 16:15:11 UTC');

    // The choice is in the URL: a cold deep link shows the same.
    await page.goto(`/transfers/${ACCOUNT}/test.com?tz=utc`);
    await expect(page.getByRole('radio', { name: 'UTC' })).toBeChecked();
    await expect(region(page, 'Current status').getByRole('time')).toHaveText(
      '25 Mar 2014, 16:15:11 UTC',
    );
    await showTimesIn(page, 'Local time');
    await expect(region(page, 'Current status').getByRole('time')).toHaveText(
      '25 Mar 2014, 17:15:11 CET',
    );
  });
});

test.describe('input correction', () => {
  test('a www. deep link redirects to the registrable domain and says so', async ({ page }) => {
    const requests = recordApiRequests(page);
    await page.goto(`/transfers/${ACCOUNT}/www.active.com`);
    await expect(page).toHaveURL(`/transfers/${ACCOUNT}/active.com?from=www.active.com`);
    await expect(page.getByRole('status').filter({ hasText: 'Showing' })).toHaveText(
      'Showing active.com for www.active.com: transfers are looked up by registrable domain.',
    );
    await expect(
      page.getByRole('heading', { level: 1, name: 'Transfer of active.com' }),
    ).toBeVisible();
    await expect(statusCode(page)).toHaveText('ACTIVE (code 14)');
    expect(requests.filter((p) => p.startsWith('/api/hostway/'))).toEqual([
      `/api/hostway/accounts/${ACCOUNT}/domains/transfers/active.com`,
    ]);
  });

  test('a URL typed into the home form opens its registrable domain', async ({ page }) => {
    await page.goto('/');
    const form = region(page, 'Transfer');
    await form.getByLabel('Account number').fill(ACCOUNT);
    await form.getByLabel('Domain name').fill('https://www.test.com/path');
    await form.getByRole('button', { name: 'Show transfer' }).click();
    await expect(page).toHaveURL(new RegExp(`/transfers/${ACCOUNT}/test\\.com(\\?|$)`));
    await expect(
      page.getByRole('heading', { level: 1, name: 'Transfer of test.com' }),
    ).toBeVisible();
    await expect(page.getByRole('status').filter({ hasText: 'Showing' })).toHaveText(
      'Showing test.com for https://www.test.com/path: transfers are looked up by registrable domain.',
    );
    await expect(statusCode(page)).toHaveText('CONFIRM_PEND (code 7)');
  });

  test('an IDN goes upstream as its A-label and is shown in Unicode', async ({ page }) => {
    await page.goto('/');
    const requests = recordApiRequests(page);
    const form = region(page, 'Transfer');
    await form.getByLabel('Account number').fill(ACCOUNT);
    await form.getByLabel('Domain name').fill('münchen.de');
    await form.getByLabel('Domain name').press('Enter');
    await expect(page).toHaveURL(`/transfers/${ACCOUNT}/xn--mnchen-3ya.de`);
    await expect(
      page.getByRole('heading', { level: 1, name: 'Transfer of münchen.de' }),
    ).toBeVisible();
    await expect(page.getByText('ASCII form: xn--mnchen-3ya.de')).toBeVisible();
    await expect(statusCode(page)).toHaveText('REGISTRY_PEND (code 9)');
    await expect(page).toHaveTitle('Transfer of münchen.de · Registrar Console');
    expect(requests.filter((p) => p.startsWith('/api/hostway/'))).toEqual([
      `/api/hostway/accounts/${ACCOUNT}/domains/transfers/xn--mnchen-3ya.de`,
    ]);
  });

  const invalid = [
    ['example.invalidtld', '"example.invalidtld" does not end in a known top-level domain.'],
    ['exa mple.com', '"exa mple.com" is not a valid domain name.'],
    [`${'a'.repeat(64)}.com`, 'Each part of a domain name has at most 63 characters.'],
  ] as const;

  test('the home form refuses invalid names with a message and looks nothing up', async ({
    page,
  }) => {
    await page.goto('/');
    const requests = recordApiRequests(page);
    const form = region(page, 'Transfer');
    await form.getByLabel('Account number').fill(ACCOUNT);
    const box = form.getByLabel('Domain name');
    for (const [input, message] of invalid) {
      await box.fill(input);
      await form.getByRole('button', { name: 'Show transfer' }).click();
      await expect(form.getByRole('alert')).toHaveText(message);
      await expect(box).toHaveAttribute('aria-invalid', 'true');
      await expect(box).toHaveAccessibleDescription(message);
    }
    await expect(page).toHaveURL('/');
    // Only the console server's domain check: nothing went to Hostway.
    expect(new Set(requests)).toEqual(new Set(['/api/domain-names']));
  });

  test('an invalid deep link is refused without a lookup', async ({ page }) => {
    const fetches = await recordPageFetches(page);
    // A syntax error is refused by the page itself; an unknown top-level domain by the
    // console server's check (the browser has no public suffix list).
    const deepLinks = [
      ['example.invalidtld', 'does not end in a known top-level domain.', ['/api/domain-names']],
      ['exa mple.com', 'is not a plain domain name.', []],
      [`${'a'.repeat(64)}.com`, 'Each part of a domain name has at most 63 characters.', []],
    ] as const;
    for (const [input, message, asked] of deepLinks) {
      await page.goto(`/transfers/${ACCOUNT}/${encodeURIComponent(input)}`);
      const alert = page.getByRole('alert');
      await expect(alert.getByRole('heading', { name: 'Not a domain name' })).toBeVisible();
      await expect(alert).toContainText(`${input}: `);
      await expect(alert).toContainText(message);
      // The page decided before showing the refusal: its fetch log is complete now.
      expect(await fetches(), input).toEqual(asked);
    }
  });

  test('a plain .com deep link asks no domain check', async ({ page }) => {
    const fetches = await recordPageFetches(page);
    await openTransfer(page, 'active.com');
    await expect(statusCode(page)).toHaveText('ACTIVE (code 14)');
    expect(await fetches()).not.toContain('/api/domain-names');
  });
});

test.describe('time zones in shared links', () => {
  test('Copy link in local time names the zone, so a colleague elsewhere sees the same', async ({
    page,
    context,
  }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await openTransfer(page, 'test.com', '?tz=local');
    await page.getByRole('button', { name: 'Copy link to this view' }).click();
    const link = await page.evaluate(() => navigator.clipboard.readText());
    expect(new URL(link).searchParams.get('tz')).toBe('Europe/Amsterdam');

    const colleague = await context.browser()!.newContext({ timezoneId: 'America/New_York' });
    try {
      const cold = await colleague.newPage();
      await cold.goto(link);
      await expect(cold.getByRole('radio', { name: 'Europe/Amsterdam' })).toBeChecked();
      await expect(region(cold, 'Current status').getByRole('time')).toHaveText(
        '25 Mar 2014, 17:15:11 CET',
      );
      // Their own local time is one click away.
      await cold
        .getByRole('group', { name: 'Show times in' })
        .getByText('Local time', { exact: true })
        .click();
      await expect(region(cold, 'Current status').getByRole('time')).toHaveText(
        '25 Mar 2014, 12:15:11 GMT-4',
      );
    } finally {
      await colleague.close();
    }
  });

  test('an unknown zone in the link falls back to local time', async ({ page }) => {
    await openTransfer(page, 'test.com', '?tz=Mars/Olympus_Mons');
    await expect(page.getByRole('radio', { name: 'Local time' })).toBeChecked();
    await expect(region(page, 'Current status').getByRole('time')).toHaveText(
      '25 Mar 2014, 17:15:11 CET',
    );
  });
});

test.describe('failures', () => {
  test('no transfer order: explained, nothing to retry', async ({ page }) => {
    await openTransferError(page, 'no-transfer.com');
    const alert = page.getByRole('alert');
    await expect(alert.getByRole('heading', { name: 'Not found' })).toBeVisible();
    await expect(alert).toContainText(
      `There is no transfer order for no-transfer.com on account ${ACCOUNT}.`,
    );
    await expect(alert.getByRole('button', { name: 'Retry' })).toHaveCount(0);
    await expectNoAxeViolations(page);
  });

  test('a registry error (HTTP 500) is explained and can be retried', async ({ page }) => {
    test.setTimeout(45_000);
    const requests = recordApiRequests(page);
    const path = `/api/hostway/accounts/${ACCOUNT}/domains/transfers/registry-failure.com`;
    await openTransferError(page, 'registry-failure.com');
    const alert = page.getByRole('alert');
    // React Query retries 5xx three times (about 7 s of back-off) before showing the error.
    await expect(alert.getByRole('heading', { name: 'The Hostway API had a problem' })).toBeVisible(
      { timeout: 15_000 },
    );
    await expect(alert).toContainText('answered with an error (HTTP 500)');
    await expect(
      page.getByText(
        'Hostway answers HTTP 500 when the registry behind the domain reports an error.',
      ),
    ).toBeVisible();
    const attempts = requests.filter((p) => p === path).length;
    expect(attempts).toBe(4);

    await alert.getByRole('button', { name: 'Retry' }).click();
    await expect.poll(() => requests.filter((p) => p === path).length).toBeGreaterThan(attempts);
    // With no status to keep, the page is back to loading and says why it is taking longer
    // (which attempt it names depends on how fast the first retry fails).
    await expect(
      page.getByRole('status').filter({ hasText: 'Retrying automatically' }),
    ).toContainText(/Attempt [1-3] failed/);
  });

  test(
    'rate limiting: a retry notice, then the rate-limit message',
    PAUSES_UPSTREAM,
    async ({ page }) => {
      test.setTimeout(45_000);
      await openTransferError(page, 'rate-limited.com');
      await expect(
        page.getByRole('status').filter({ hasText: 'Retrying automatically' }),
      ).toHaveText(
        'The API is limiting requests (HTTP 429). The API asked to wait 2 s. Retrying automatically…',
      );
      const alert = page.getByRole('alert');
      await expect(alert.getByRole('heading', { name: 'Too many requests' })).toBeVisible({
        timeout: 15_000,
      });
      await expect(alert).toContainText('it asked to wait 2 s');
      await expect(alert.getByRole('button', { name: 'Retry' })).toBeVisible();
    },
  );

  for (const [domain, explanation] of [
    ['malformed.com', 'The Hostway API answered invalid JSON; the console passes on only JSON.'],
    ['bad-shape.com', 'not in the shape the console expects'],
  ] as const) {
    test(`an unexpected answer (${domain}) is explained with the raw answer`, async ({ page }) => {
      await openTransferError(page, domain);
      const alert = page.getByRole('alert');
      await expect(
        alert.getByRole('heading', { name: 'Unexpected answer from the API' }),
      ).toBeVisible();
      await expect(alert).toContainText(explanation);
      await expect(alert.getByRole('group')).toContainText('Raw answer');
      if (domain === 'bad-shape.com') {
        await expect(alert.getByRole('heading', { name: 'What did not match' })).toBeVisible();
        await expect(alert).toContainText('"seven"');
      } else {
        await expect(alert).toContainText('Auto verification of tra');
      }
    });
  }
});

async function openTransferError(page: Page, domain: string) {
  await page.goto(`/transfers/${ACCOUNT}/${domain}`);
  await expect(
    page.getByRole('heading', { level: 1, name: `Transfer of ${domain}` }),
  ).toBeVisible();
}
