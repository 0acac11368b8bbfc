import type { Page } from '@playwright/test';
import { generateBillables } from '../sandbox/fixtures/processes.ts';
import {
  test,
  expect,
  expectNoAxeViolations,
  PAUSES_UPSTREAM,
  recordApiRequests,
} from './fixtures.ts';

// Fixed zone and locale: the expected times and number formats below do not depend on the machine.
test.use({ timezoneId: 'Europe/Amsterdam', locale: 'en-US' });

const statusBadge = (page: Page) => page.getByTestId('process-status');
const region = (page: Page, name: string | RegExp) => page.getByRole('region', { name });
const errorAlert = (page: Page) => page.getByRole('alert');
/** The header's one search box (a combobox). */
const headerSearch = (page: Page) =>
  page.getByRole('banner').getByRole('combobox', { name: /^Search/ });
const homeLookup = (page: Page) => page.getByRole('main').getByRole('search');

/** The radio inputs are visually hidden behind their labels: click the label, as people do. */
async function showTimesIn(page: Page, choice: 'UTC' | 'Local time') {
  await page
    .getByRole('group', { name: 'Show times in' })
    .getByText(choice, { exact: true })
    .click();
  await expect(page.getByRole('radio', { name: choice })).toBeChecked();
}

async function openProcess(page: Page, id: number | string, query = '') {
  await page.goto(`/processes/${id}${query}`);
  await expect(page.getByRole('heading', { level: 1, name: `Process ${id}` })).toBeVisible();
}

/** Opens a process through the header lookup box: an in-app navigation, no page load. */
async function lookUp(page: Page, id: number) {
  await headerSearch(page).fill(String(id));
  await headerSearch(page).press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: `Process ${id}` })).toBeVisible();
}

async function readClipboard(page: Page): Promise<string> {
  return page.evaluate(() => navigator.clipboard.readText());
}

test.describe('lookup box', () => {
  const noisy = [
    [' #46069000 ', 46069000],
    ['https://console.example.com/processes/1000004?tz=utc#money', 1000004],
    ['2026-11-01 12:00:03 ERROR [worker-3] process 1000007 failed: Object exists', 1000007],
    ['1 000 012', 1000012],
  ] as const;

  test('opens a process from noisy input on the home page, with Enter', async ({ page }) => {
    await page.goto('/');
    for (const [input, id] of noisy) {
      if (page.url().includes('/processes/')) {
        await page
          .getByRole('navigation', { name: 'Main' })
          .getByRole('link', { name: 'Lookup' })
          .click();
      }
      const box = homeLookup(page).getByLabel('Process id');
      await box.fill(input);
      await box.press('Enter');
      await expect(page).toHaveURL(new RegExp(`/processes/${id}$`));
      await expect(page.getByRole('heading', { level: 1, name: `Process ${id}` })).toBeVisible();
      await expect(statusBadge(page)).toBeVisible();
    }
  });

  test('opens a process from the header box on any page', async ({ page }) => {
    await openProcess(page, 1000004);
    const box = headerSearch(page);
    await box.fill(noisy[2][0]);
    await box.press('Enter');
    await expect(page).toHaveURL(/\/processes\/1000007$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Process 1000007' })).toBeVisible();
    await expect(statusBadge(page)).toContainText('Failed');
    // The header box empties itself after use; picking the suggestion works as well as Enter.
    await expect(box).toHaveValue('');
    await box.fill('#1000012');
    await page.getByRole('option', { name: /Process 1000012/ }).click();
    await expect(page).toHaveURL(/\/processes\/1000012$/);
  });

  const invalid = [
    ['abc', 'No process id found: a process id is a positive whole number.'],
    ['-5', 'A process id cannot be negative.'],
    ['1.5', 'A process id is a whole number.'],
    ['99999999999999999999', 'This number is too large to be a process id'],
    ['0', 'A process id is greater than zero.'],
  ] as const;

  test('refuses non-ids with a message and sends no request (home)', async ({ page }) => {
    await page.goto('/');
    const requests = recordApiRequests(page);
    const form = homeLookup(page);
    const box = form.getByLabel('Process id');
    for (const [input, message] of invalid) {
      await box.fill(input);
      await box.press('Enter');
      await expect(form.getByRole('alert')).toContainText(message);
      await expect(box).toHaveAttribute('aria-invalid', 'true');
      await expect(box).toHaveAccessibleDescription(new RegExp(escapeRegExp(message)));
    }
    // Typing clears the message.
    await box.fill('1');
    await expect(form.getByRole('alert')).toHaveCount(0);
    await expect(page).toHaveURL(/\/$/);
    expect(requests).toEqual([]);
  });

  test('explains numbers that are not ids in the header box and sends no request', async ({
    page,
  }) => {
    await openProcess(page, 1000004);
    const requests = recordApiRequests(page);
    const box = headerSearch(page);
    // Letters are a text search there; numbers that cannot be an id are explained.
    for (const [input, message] of invalid.filter(([input]) => input !== 'abc')) {
      await box.fill(input);
      await box.press('Enter');
      await expect(box).toHaveAttribute('aria-invalid', 'true');
      await expect(box).toHaveAccessibleDescription(new RegExp(escapeRegExp(message)));
    }
    await expect(page).toHaveURL(/\/processes\/1000004$/);
    expect(requests).toEqual([]);
  });
});

test.describe('header and status', () => {
  test('shows id, copy id, type · action · identifier, user split and customer', async ({
    page,
    context,
  }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await openProcess(page, 46069000);
    await expect(page).toHaveTitle('Process 46069000 · Registrar Console');
    await expect(page.getByText('contact · update · rtr-handle123')).toBeVisible();
    await expect(statusBadge(page)).toContainText('Failed');
    await expect(page.getByTestId('status-detail')).toHaveText('Contact validation failed');
    const terms = page.getByRole('article').getByRole('term');
    const facts = page.getByRole('article').getByRole('definition');
    for (const [index, term, value] of [
      [0, 'Customer handle:', 'johndoe'],
      [1, 'Login:', 'died'],
      [2, 'Customer:', 'johndoe'],
    ] as const) {
      await expect(terms.nth(index)).toHaveText(term);
      await expect(facts.nth(index)).toHaveText(value);
    }

    await page.getByRole('button', { name: /^Copy id of process/ }).click();
    await expect(page.getByRole('button', { name: /^Copy id of process/ })).toHaveText('Copied');
    expect(await readClipboard(page)).toBe('46069000');
  });

  const statuses = [
    [1000001, 'NEW', 'New', 'info', 'Process created, waiting for validation'],
    [1000002, 'VALIDATED', 'Validated', 'info', 'Validated, queued for execution'],
    [1000003, 'RUNNING', 'Running', 'progress', 'Create command sent to EURid'],
    [1000004, 'COMPLETED', 'Completed', 'success', 'Domain registered'],
    [1000005, 'INVALID', 'Invalid', 'danger', 'Registrant does not meet the .us nexus'],
    [1000006, 'CANCELLED', 'Cancelled', 'neutral', 'Cancelled by acme/mvandijk'],
    [1000007, 'FAILED', 'Failed', 'danger', 'Registry rejected the create'],
    [1000008, 'IN_DOUBT', 'In doubt', 'danger', 'Payment provider did not confirm'],
    [1000009, 'SCHEDULED', 'Scheduled', 'info', 'Scheduled to run at 2026-11-15'],
    [1000010, 'SUSPENDED', 'Suspended', 'warning', 'Waiting for the registrant'],
    [1000014, 'PAUSED_BY_REGISTRY', 'PAUSED_BY_REGISTRY', 'neutral', 'Registry paused'],
  ] as const;

  test('a badge with a tone and an explanation for every status, unknown ones verbatim', async ({
    page,
  }) => {
    await page.goto('/');
    for (const [id, status, label, tone, detail] of statuses) {
      await lookUp(page, id);
      const badge = statusBadge(page);
      await expect(badge).toContainText(label);
      await expect(badge).toHaveAttribute('data-status', status);
      await expect(badge).toHaveAttribute('data-tone', tone);
      await expect(page.getByTestId('status-detail')).toContainText(detail);
      // The explanation is on screen next to the badge, not only in a tooltip.
      const explanation = await badge.getAttribute('title');
      expect(explanation).toBeTruthy();
      await expect(page.getByText(explanation!, { exact: true })).toBeVisible();
    }
    await expect(statusBadge(page)).toContainText('(undocumented)');
    await expect(page.getByText(/not in the API documentation/).first()).toBeVisible();
  });

  test('an undocumented status is not claimed to be final', async ({ page }) => {
    await openProcess(page, 1000014);
    await expect(page.getByText('this process will not change any more')).toHaveCount(0);
    await expect(page.getByText(/not refreshed automatically/i)).toBeVisible();
  });
});

test.describe('times', () => {
  test('local time or UTC via the toggle, kept in the URL and remembered', async ({ page }) => {
    await openProcess(page, 1000012);
    const times = region(page, 'Times');
    // 1000012 was created 2026-10-28T00:00:00Z: 01:00 in Amsterdam (CET).
    await expect(times.getByText('28 Oct 2026, 01:00:00 CET')).toBeVisible();
    await expect(times.getByText('28 Oct 2026, 01:00:30 CET')).toBeVisible();
    await expect(times.getByText('29 Oct 2026, 01:00:00 CET')).toBeVisible();
    await expect(times.getByText('Waited 30 s before starting')).toBeVisible();
    await expect(times.getByText('Finished after 1 day')).toBeVisible();
    await expect(times.getByText(/\(\d+ \w+ ago\)/).first()).toBeVisible();
    await expect(page.getByRole('radio', { name: 'Local time' })).toBeChecked();

    await showTimesIn(page, 'UTC');
    await expect(page).toHaveURL(/[?&]tz=utc(&|#|$)/);
    await expect(times.getByText('28 Oct 2026, 00:00:00 UTC')).toBeVisible();
    await expect(times.getByText('29 Oct 2026, 00:00:00 UTC')).toBeVisible();
    await expect(times.getByText(/CET/)).toHaveCount(0);

    // Remembered: the same page without ?tz= after a reload, and another process.
    await openProcess(page, 1000012);
    await expect(page.getByRole('radio', { name: 'UTC' })).toBeChecked();
    await expect(times.getByText('28 Oct 2026, 00:00:00 UTC')).toBeVisible();
    await page.reload();
    await expect(region(page, 'Times').getByText('28 Oct 2026, 00:00:00 UTC')).toBeVisible();

    // The URL wins over the remembered choice, and a URL choice is remembered in turn.
    await openProcess(page, 1000012, '?tz=local');
    await expect(page.getByRole('radio', { name: 'Local time' })).toBeChecked();
    await expect(times.getByText('28 Oct 2026, 01:00:00 CET')).toBeVisible();
    await openProcess(page, 1000012);
    await expect(page.getByRole('radio', { name: 'Local time' })).toBeChecked();
  });

  test('?tz=utc in a cold link shows UTC', async ({ page }) => {
    await openProcess(page, 1000007, '?tz=utc');
    await expect(page.getByRole('radio', { name: 'UTC' })).toBeChecked();
    await expect(region(page, 'Times').getByText('31 Oct 2026, 00:00:09 UTC')).toBeVisible();
  });

  test('a running process says for how long it has been running', async ({ page }) => {
    await openProcess(page, 1000015);
    await expect(region(page, 'Times').getByText(/^Running for \d/)).toBeVisible();
  });
});

test.describe('money', () => {
  test('a ledger per currency with each currency’s own digits and both warnings', async ({
    page,
  }) => {
    await openProcess(page, 1000012);
    const ledger = region(page, 'Money').getByRole('table');
    await expect(ledger.getByRole('columnheader')).toHaveText([
      'Amount',
      'BHD',
      'EUR',
      'JPY',
      'USD',
    ]);
    // Columns BHD, EUR, JPY, USD. BHD has 3 minor digits, JPY none; net = charged − refunded.
    for (const row of [
      'Reserved BHD 12.345 €1,250.50 ¥15,000 $899.00',
      'Charged none €1,250.50 ¥4,500 $649.00',
      'Refunded none none ¥6,000 $250.00',
      'Net none €1,250.50 -¥1,500 $399.00',
    ]) {
      await expect(ledger.getByRole('row', { name: row, exact: true })).toBeVisible();
    }

    const warnings = page.getByRole('list', { name: 'Money warnings' }).getByRole('listitem');
    await expect(warnings).toHaveCount(2);
    await expect(warnings.filter({ hasText: 'Check BHD' })).toContainText(
      'BHD 12.345 was reserved but never charged',
    );
    await expect(warnings.filter({ hasText: 'Check JPY' })).toContainText(
      '¥6,000 was refunded, more than the ¥4,500 that was charged',
    );
  });

  test('no money at all says so', async ({ page }) => {
    await openProcess(page, 1000011);
    await expect(region(page, 'Money')).toContainText(
      'No money was reserved, charged or refunded.',
    );
  });
});

test.describe('billables', () => {
  test('2,000 rows: few in the DOM, totals shown, scrolling reveals later rows', async ({
    page,
  }) => {
    const billables = generateBillables(2000, 1000013);
    const number = new Intl.NumberFormat('en-US');
    const sum = (pick: (b: (typeof billables)[number]) => unknown) =>
      billables.reduce((total, b) => total + (Number(pick(b)) || 0), 0);

    await openProcess(page, 1000013);
    await expect(page.getByRole('heading', { name: 'Billables (2000)' })).toBeVisible();
    const table = page.getByRole('region', { name: 'Billables, 2,000 rows' });
    await expect(table.getByRole('columnheader')).toHaveText([
      'Product',
      'Action',
      'Provider',
      'Quantity',
      'Amount',
      'Total',
      'Refundable',
    ]);
    const totals = table.getByRole('row').filter({
      has: page.getByRole('rowheader', { name: 'Total (2,000 rows)' }),
    });
    await expect(totals).toBeVisible();
    await expect(totals.getByRole('cell')).toContainText([
      '',
      '',
      number.format(sum((b) => b.quantity)),
      number.format(sum((b) => b.amount)),
      number.format(sum((b) => b.total)),
      `${number.format(billables.filter((b) => b.refundable === true).length)} refundable`,
    ]);

    const rowIndexes = () =>
      table
        .getByRole('row')
        .evaluateAll((rows) =>
          rows.map((r) => Number(r.getAttribute('aria-rowindex'))).filter((i) => i > 1 && i < 2002),
        );
    const first = await rowIndexes();
    expect(first.length).toBeGreaterThan(5);
    expect(first.length).toBeLessThan(100);
    expect(Math.max(...first)).toBeLessThan(100);

    await table.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
    await expect.poll(async () => Math.max(...(await rowIndexes()))).toBe(2001);
    const last = await rowIndexes();
    expect(last.length).toBeLessThan(100);
    expect(Math.min(...last)).toBeGreaterThan(1800);
    const lastBillable = billables.at(-1)!;
    await expect(
      table
        .getByRole('row')
        .filter({ hasText: `${lastBillable.product}` })
        .last(),
    ).toBeVisible();
  });

  test('unknown billable actions are shown verbatim and flagged', async ({ page }) => {
    await openProcess(page, 1000014);
    const billables = region(page, 'Billables (2)');
    await expect(
      billables.getByRole('cell', { name: 'COMPLIANCE_REVIEW undocumented' }),
    ).toBeVisible();
    await expect(billables).toContainText('Not in the API documentation: COMPLIANCE_REVIEW');
  });
});

test.describe('command JSON viewer', () => {
  test('masks the auth code until revealed, folds, copies values and paths', async ({
    page,
    context,
  }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await openProcess(page, 1000015);
    const viewer = page.getByRole('group', { name: 'Command' });
    const secret = 'h7$Kq-2v!PzX9#wm';
    await expect(viewer.getByText('(hidden secret)')).toBeVisible();
    await expect(page.getByText(secret)).toHaveCount(0);
    await expect(viewer.getByRole('button', { name: 'Copy value of $.authcode' })).toBeDisabled();

    // Copy JSON while masked never leaks the secret.
    await viewer.getByRole('button', { name: 'Copy JSON' }).click();
    await expect(viewer.getByRole('status')).toHaveText('Copied JSON (secrets hidden)');
    const masked = JSON.parse(await readClipboard(page)) as Record<string, unknown>;
    expect(masked.authcode).toBe('[hidden]');
    expect(masked.domainName).toBe('acme-widgets.net');

    await viewer.getByRole('button', { name: 'Reveal secrets' }).click();
    await expect(viewer.getByText(`"${secret}"`)).toBeVisible();
    await viewer.getByRole('button', { name: 'Copy value of $.authcode' }).click();
    expect(await readClipboard(page)).toBe(secret);
    await viewer.getByRole('button', { name: 'Hide secrets' }).click();
    await expect(page.getByText(secret)).toHaveCount(0);

    // Default depth: root and its children open, deeper nodes folded.
    const registrant = viewer.getByRole('button', { name: /^registrant: / });
    await expect(registrant).toHaveAttribute('aria-expanded', 'false');
    await expect(registrant).toContainText('{…} 7 keys');
    await expect(viewer.getByText('"Jane Smith"')).toHaveCount(0);
    await registrant.click();
    await expect(registrant).toHaveAttribute('aria-expanded', 'true');
    await expect(viewer.getByText('"Jane Smith"')).toBeVisible();
    const address = viewer.getByRole('button', { name: /^address: / });
    await address.click();
    await expect(viewer.getByText('"Amsterdam"')).toBeVisible();

    await viewer
      .getByRole('button', { name: 'Copy path $.contacts.registrant.address.city' })
      .click();
    await expect(viewer.getByRole('status')).toHaveText(
      'Copied path $.contacts.registrant.address.city',
    );
    expect(await readClipboard(page)).toBe('$.contacts.registrant.address.city');
    await viewer
      .getByRole('button', { name: 'Copy value of $.contacts.registrant.address.lines' })
      .click();
    expect(JSON.parse(await readClipboard(page))).toEqual(['Keizersgracht 100', '3rd floor']);

    // Fold again, then everything.
    await registrant.click();
    await expect(viewer.getByText('"Jane Smith"')).toHaveCount(0);
    await viewer.getByRole('button', { name: 'Expand all' }).click();
    await expect(viewer.getByText('52.3731')).toBeVisible();
    await expect(viewer.getByText('"Latn"')).toBeVisible();
    await viewer.getByRole('button', { name: 'Collapse all' }).click();
    await expect(viewer.getByRole('button', { name: /^Command: / })).toHaveAttribute(
      'aria-expanded',
      'false',
    );
    await expect(viewer.getByText('"acme-widgets.net"')).toHaveCount(0);

    const download = page.waitForEvent('download');
    await viewer.getByRole('button', { name: 'Download' }).click();
    expect((await download).suggestedFilename()).toBe('process-1000015-command.json');
  });
});

test.describe('error, waiting, domain link, deviations, minimal', () => {
  test('error section: type and message up front, the whole object below', async ({ page }) => {
    await openProcess(page, 1000007);
    await expect(page.getByRole('navigation', { name: 'Sections' }).getByRole('link')).toHaveText([
      'Times',
      'Error',
      'Money',
      'Billables',
      'Command',
    ]);
    const error = region(page, 'Error');
    const summary = error.getByRole('paragraph').first();
    await expect(summary).toHaveText('ProviderErrorObject exists', { useInnerText: false });
    await expect(summary.getByRole('code')).toHaveText('ProviderError');
    const viewer = error.getByRole('group', { name: 'Error' });
    await expect(viewer.getByText('"pir"')).toBeVisible();
    await expect(viewer.getByText('2302')).toBeVisible();
    await expect(viewer.getByText('"PIR-88412093"')).toBeVisible();
  });

  test('waiting-for section explains every resume type', async ({ page }) => {
    await openProcess(page, 1000010);
    const waiting = region(page, 'What it is waiting for').getByRole('listitem');
    await expect(waiting).toHaveText([
      'Resend possible RESEND: The approval mail can be sent again.',
      'Cancel possible CANCEL: The process can still be cancelled.',
      'Registry PROVIDER: Waiting for the registry (provider) to answer.',
    ]);
    await openProcess(page, 1000014);
    await expect(region(page, 'What it is waiting for')).toContainText(
      'REGISTRY_CALLBACK: This resume type is not in the API documentation',
    );
  });

  test('a domain process links to the transfer status of its domain', async ({ page }) => {
    await openProcess(page, 1000010);
    // No account number remembered yet: the link opens the transfer lookup with the domain filled in.
    await page.getByRole('link', { name: 'Transfer status of example.com' }).click();
    await expect(page).toHaveURL(/\/\?domain=example\.com$/);
    const transferLookup = page.getByRole('region', { name: 'Transfer', exact: true });
    await expect(transferLookup.getByLabel('Domain name')).toHaveValue('example.com');
    await transferLookup.getByLabel('Account number').fill('acct12345');
    await transferLookup.getByRole('button', { name: 'Show transfer' }).click();
    await expect(page).toHaveURL(/\/transfers\/acct12345\/example\.com$/);

    // With the account remembered the link goes straight to the transfer page.
    await openProcess(page, 1000006);
    await page.getByRole('link', { name: 'Transfer status of oldcorp.net' }).click();
    await expect(page).toHaveURL(/\/transfers\/acct12345\/oldcorp\.net$/);
    await expect(page.getByRole('heading', { level: 1 })).toContainText('oldcorp.net');

    // A process whose identifier is not a domain has no such link.
    await openProcess(page, 1000008);
    await expect(page.getByRole('link', { name: /^Transfer status of/ })).toHaveCount(0);
  });

  test('an off-spec answer lists how it differs from the documentation', async ({ page }) => {
    await openProcess(page, 1000014);
    const notice = page.getByRole('complementary', { name: 'Differences from the documentation' });
    await expect(notice.getByRole('listitem')).toHaveText([
      'Status "PAUSED_BY_REGISTRY" is not one of the documented statuses.',
      'Undocumented fields: registryTicket, priority.',
    ]);
    await openProcess(page, 1000012);
    await expect(
      page.getByRole('complementary', { name: 'Differences from the documentation' }),
    ).toHaveCount(0);
  });

  test('a minimal process shows no optional sections and does not crash', async ({ page }) => {
    await openProcess(page, 1000011);
    await expect(statusBadge(page)).toContainText('Completed');
    await expect(page.getByText('domain · update · minimal.nl')).toBeVisible();
    await expect(page.getByRole('navigation', { name: 'Sections' }).getByRole('link')).toHaveText([
      'Times',
      'Money',
      'Command',
    ]);
    for (const name of ['What it is waiting for', 'Error', /^Billables/]) {
      await expect(region(page, name)).toHaveCount(0);
    }
    await expect(page.getByTestId('status-detail')).toHaveCount(0);
    await expect(
      page.getByRole('complementary', { name: 'Differences from the documentation' }),
    ).toHaveCount(0);
    // A finished process without start or update times does not claim they are still to come.
    await expect(region(page, 'Times').getByText('not yet')).toHaveCount(0);
    await expect(region(page, 'Command').getByText('"ns1.acme-dns.net"')).toBeVisible();
  });
});

test.describe('failures', () => {
  test('a bare 404 and a 400 ObjectDoesNotExist both say "Not found", without retry', async ({
    page,
  }) => {
    for (const id of [404000, 777777]) {
      const requests = recordApiRequests(page);
      await openProcess(page, id);
      await expect(errorAlert(page).getByRole('heading', { name: 'Not found' })).toBeVisible();
      await expect(errorAlert(page)).toContainText(`There is no process ${id}`);
      await expect(errorAlert(page).getByRole('button', { name: 'Retry' })).toHaveCount(0);
      expect(requests).toHaveLength(1);
    }
  });

  test('401: the console server’s credentials are blamed, not the user', async ({ page }) => {
    const requests = recordApiRequests(page);
    const answered = page.waitForResponse((r) => r.url().endsWith('/api/rtr/v2/processes/401001'));
    await openProcess(page, 401001);
    const alert = errorAlert(page);
    // The reference a user quotes is the id of the failed answer (the console logs it).
    const requestId = (await answered).headers()['x-request-id'];
    expect(requestId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    await expect(alert.getByText(/^Reference:/)).toHaveText(`Reference: ${requestId}`);
    await expect(alert.getByRole('heading')).toHaveText(
      "The console's Realtime Register credentials were rejected",
    );
    await expect(alert).toContainText('configured on the console server');
    await expect(alert).toContainText('This is not about your own login');
    await expect(alert).toContainText('AuthenticationError');
    await expect(alert.getByRole('button', { name: 'Retry' })).toHaveCount(0);
    expect(requests).toHaveLength(1);
  });

  test('403: the console’s account may not read the process', async ({ page }) => {
    await openProcess(page, 403001);
    const alert = errorAlert(page);
    await expect(alert.getByRole('heading')).toHaveText(
      "The console's Realtime Register account may not read this",
    );
    await expect(alert).toContainText('not allowed to read process 403001 (HTTP 403)');
    await expect(alert).toContainText('You are not authorized to access process 403001');
    await expect(alert.getByRole('button', { name: 'Retry' })).toHaveCount(0);
  });

  test(
    '429: says it is retrying, honours Retry-After, then explains the rate limit',
    PAUSES_UPSTREAM,
    async ({ page }) => {
      test.setTimeout(30_000);
      const requests = recordApiRequests(page);
      const started = Date.now();
      await openProcess(page, 429001);
      await expect(
        page.getByRole('status').filter({ hasText: 'Retrying automatically' }),
      ).toHaveText(
        /The API is limiting requests \(HTTP 429\)\. The API asked to wait 2 s\. Retrying automatically/,
      );
      const alert = errorAlert(page);
      await expect(alert.getByRole('heading', { name: 'Too many requests' })).toBeVisible({
        timeout: 15_000,
      });
      // Three retries, each 2 s after the previous answer.
      expect(Date.now() - started).toBeGreaterThanOrEqual(5_500);
      expect(requests).toHaveLength(4);
      await expect(alert).toContainText('it asked to wait 2 s');
      await expect(alert.getByRole('button', { name: 'Retry' })).toBeVisible();
    },
  );

  for (const [id, status, type] of [
    [500001, 500, 'InternalSRSError'],
    [502001, 502, 'ProviderConnectionError'],
  ] as const) {
    test(`${status}: the API had a problem, retried automatically and with Retry`, async ({
      page,
    }) => {
      const requests = recordApiRequests(page);
      const ids: string[] = [];
      page.on('response', (r) => {
        if (r.url().endsWith(`/api/rtr/v2/processes/${id}`))
          ids.push(r.headers()['x-request-id'] ?? '');
      });
      await openProcess(page, id);
      await expect(
        page.getByRole('status').filter({ hasText: 'Retrying automatically' }),
      ).toContainText(/Attempt [123] failed: /);
      const alert = errorAlert(page);
      await expect(
        alert.getByRole('heading', { name: 'The Realtime Register API had a problem' }),
      ).toBeVisible({ timeout: 15_000 });
      await expect(alert).toContainText(`(HTTP ${status})`);
      await expect(alert.getByRole('code').first()).toHaveText(type);
      // The first attempt and three retries; the reference is the last attempt's.
      expect(requests).toHaveLength(4);
      await expect.poll(() => ids.length).toBe(4);
      await expect(alert.getByText(/^Reference:/)).toHaveText(`Reference: ${ids.at(-1)}`);
      await alert.getByRole('button', { name: 'Retry' }).click();
      await expect.poll(() => requests.length).toBeGreaterThan(4);
    });
  }

  test('503 ProviderUnavailable shows the maintenance window', async ({ page }) => {
    await openProcess(page, 503001);
    const alert = errorAlert(page);
    await expect(alert.getByRole('heading', { name: 'The registry is unavailable' })).toBeVisible({
      timeout: 15_000,
    });
    await expect(alert).toContainText('is in maintenance');
    await expect(alert).toContainText(
      /Maintenance window: .*\d{4}.*\d{2}:00.* – .*\d{4}.*\d{2}:00/,
    );
    await expect(alert).toContainText(
      'Provider verisign is unavailable due to scheduled maintenance',
    );
    await expect(alert.getByRole('button', { name: 'Retry' })).toBeVisible();
  });

  test('504: the server gives up after its timeout, retried once', async ({ page }) => {
    const requests = recordApiRequests(page);
    await openProcess(page, 504001);
    const alert = errorAlert(page);
    await expect(alert.getByRole('heading', { name: 'No answer in time' })).toBeVisible({
      timeout: 15_000,
    });
    await expect(alert).toContainText('did not answer within 1.5 s');
    expect(requests).toHaveLength(2);
    await expect(alert.getByRole('button', { name: 'Retry' })).toBeVisible();
  });

  test('network down: a connection problem, and Retry recovers', async ({ page }) => {
    await page.route('**/api/**', (route) => route.abort('internetdisconnected'));
    await openProcess(page, 1000004);
    const alert = errorAlert(page);
    await expect(alert.getByRole('heading', { name: 'Connection problem' })).toBeVisible({
      timeout: 15_000,
    });
    await expect(alert).toContainText('Your browser could not reach the console server');
    await page.unrouteAll();
    await alert.getByRole('button', { name: 'Retry' }).click();
    await expect(statusBadge(page)).toContainText('Completed');
    await expect(errorAlert(page)).toHaveCount(0);
  });

  test('520001 malformed JSON: the console says what was wrong and shows the start of the text', async ({
    page,
  }) => {
    await openProcess(page, 520001);
    const alert = errorAlert(page);
    await expect(
      alert.getByRole('heading', { name: 'Unexpected answer from the API' }),
    ).toBeVisible({ timeout: 15_000 });
    await expect(alert).toContainText('The Realtime Register API answered invalid JSON');
    await expect(alert.getByText('{"id": 520001, "status": "RUN')).toBeVisible();
    await expect(alert.getByRole('button', { name: 'Retry' })).toBeVisible();
  });

  test('520002 schema mismatch: names the wrong fields and shows the raw answer', async ({
    page,
  }) => {
    await openProcess(page, 520002);
    const alert = errorAlert(page);
    await expect(
      alert.getByRole('heading', { name: 'Unexpected answer from the API' }),
    ).toBeVisible({ timeout: 15_000 });
    await expect(alert.getByRole('heading', { name: 'What did not match' })).toBeVisible();
    await expect(alert).toContainText(/→ at status/);
    await expect(alert).toContainText(/→ at createdDate/);
    await expect(alert.getByText(/"status": 3,/)).toBeVisible();
    await expect(alert.getByText(/"createdDate": "yesterday"/)).toBeVisible();
  });

  test('API text is rendered as text, never as HTML', async ({ page }) => {
    const html = '<img src="/x.png" onerror="window.__injected=1"><b>bold</b>';
    await page.route('**/api/rtr/v2/processes/777001', (route) =>
      route.fulfill({
        contentType: 'application/json',
        body: JSON.stringify({
          id: 777001,
          user: '<i>acme</i>/<u>jsmith</u>',
          customer: '<script>window.__injected=2</script>',
          status: '<em>ODD</em>',
          statusDetail: html,
          createdDate: '2026-11-01T00:00:00Z',
          type: 'domain',
          identifier: '<b>x</b>.com',
          action: 'create',
          command: { note: html },
          error: { type: '<b>T</b>', message: html },
          billables: [{ product: '<b>p</b>', action: '<i>A</i>', quantity: 1, amount: 1 }],
        }),
      }),
    );
    await page.route('**/api/rtr/v2/processes/777002', (route) =>
      route.fulfill({
        status: 400,
        contentType: 'application/json',
        body: JSON.stringify({ type: '<b>Bad</b>', message: html }),
      }),
    );

    await openProcess(page, 777001);
    await expect(page.getByTestId('status-detail')).toHaveText(html);
    await expect(statusBadge(page)).toContainText('<em>ODD</em>');
    await expect(page.getByText('<script>window.__injected=2</script>')).toBeVisible();
    await expect(region(page, 'Error').getByText(html).first()).toBeVisible();
    await expect(region(page, /^Billables/).getByRole('cell', { name: '<b>p</b>' })).toBeVisible();

    await openProcess(page, 777002);
    await expect(errorAlert(page)).toContainText(html);
    await expect(errorAlert(page).getByRole('code').first()).toHaveText('<b>Bad</b>');

    await expect(page.locator('main img, main b, main script, main em')).toHaveCount(0);
    expect(
      await page.evaluate(() => (window as { __injected?: unknown }).__injected),
    ).toBeUndefined();
  });
});

test.describe('sharing and deep links', () => {
  test('Copy link reproduces id, section and time zone; the link opens cold the same', async ({
    page,
    context,
  }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await openProcess(page, 1000012);
    await page
      .getByRole('navigation', { name: 'Sections' })
      .getByRole('link', { name: 'Money' })
      .click();
    await expect(page).toHaveURL(/#money$/);
    await showTimesIn(page, 'UTC');
    await page.getByRole('button', { name: 'Copy link to this view' }).click();
    await expect(page.getByRole('button', { name: 'Copy link to this view' })).toHaveText('Copied');
    const link = await readClipboard(page);
    const url = new URL(link);
    expect(url.pathname).toBe('/processes/1000012');
    expect(url.searchParams.get('tz')).toBe('utc');
    expect(url.hash).toBe('#money');

    // A colleague opens it cold: a fresh context with no remembered choice, in another zone.
    const browser = context.browser()!;
    const colleague = await browser.newContext({ timezoneId: 'America/New_York', locale: 'en-US' });
    try {
      const cold = await colleague.newPage();
      await cold.goto(link);
      await expect(cold.getByRole('radio', { name: 'UTC' })).toBeChecked();
      await expect(region(cold, 'Times').getByText('28 Oct 2026, 00:00:00 UTC')).toBeVisible();
      await expect(region(cold, 'Money').getByRole('heading', { name: 'Money' })).toBeInViewport();
      expect(await cold.evaluate(() => window.scrollY)).toBeGreaterThan(0);
    } finally {
      await colleague.close();
    }
  });

  test('a cold deep link with a hash scrolls to that section', async ({ page }) => {
    await page.goto('/processes/1000012#money');
    const money = region(page, 'Money');
    await expect(money.getByRole('heading', { name: 'Money' })).toBeInViewport();
    await expect(
      page.getByRole('heading', { level: 1, name: 'Process 1000012' }),
    ).not.toBeInViewport();
  });

  test('recent lookups on the home page', async ({ page }) => {
    await openProcess(page, 1000012);
    await expect(statusBadge(page)).toBeVisible();
    await openProcess(page, 1000007);
    await expect(statusBadge(page)).toBeVisible();
    await openProcess(page, 404000);
    await expect(errorAlert(page)).toBeVisible();
    await page.goto('/');
    const recent = page.getByRole('region', { name: 'Recent lookups' });
    // Most recent first; a process that was not found is not remembered.
    await expect(recent.getByRole('link')).toHaveText(['Process 1000007', 'Process 1000012']);
    await recent.getByRole('link', { name: 'Process 1000012' }).click();
    await expect(page).toHaveURL(/\/processes\/1000012$/);
  });
});

test.describe('accessibility', () => {
  test('axe: a running process with money, billables and a command', async ({ page }) => {
    await openProcess(page, 1000015);
    await expect(page.getByRole('switch', { name: /^Live updates/ })).toBeVisible();
    await expect(page.getByRole('group', { name: 'Command' })).toBeVisible();
    await expectNoAxeViolations(page);
  });

  test('axe: a final process with an error section', async ({ page }) => {
    await openProcess(page, 1000007);
    await expect(region(page, 'Error').getByRole('group', { name: 'Error' })).toBeVisible();
    await expect(page.getByRole('region', { name: /^Billables, / })).toBeVisible();
    await expectNoAxeViolations(page);
  });

  test('axe: an error state', async ({ page }) => {
    await openProcess(page, 520002);
    await expect(errorAlert(page)).toBeVisible({ timeout: 15_000 });
    await expectNoAxeViolations(page);
  });

  test('axe: the home page with recent lookups and a refused input', async ({ page }) => {
    await openProcess(page, 1000004);
    await expect(statusBadge(page)).toBeVisible();
    await page.goto('/');
    await expect(page.getByRole('region', { name: 'Recent lookups' })).toBeVisible();
    await homeLookup(page).getByLabel('Process id').fill('-5');
    await homeLookup(page).getByLabel('Process id').press('Enter');
    await expect(homeLookup(page).getByRole('alert')).toBeVisible();
    await expectNoAxeViolations(page);
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
