/** The sandbox's human-readable front page: the whole fixture catalogue, plus how to call it. */
import { ACCOUNT_NUMBER_PATTERN } from '../src/contract/account-number.ts';
import { processFixtures, type ProcessFixture } from './fixtures/processes.ts';
import {
  HAPPY_PATH,
  HAPPY_PATH_STEP_STARTS_MS,
  LIFECYCLE_STEP_DURATION_MS,
  TRANSFER_STATUS_NAMES,
  transferCatalogue,
} from './fixtures/transfers.ts';
import { escapeHtml } from './http.ts';
import { DEV_OIDC_USERS } from './oidc-users.ts';

export interface CatalogueProcess {
  id: number;
  group: ProcessFixture['group'];
  summary: string;
}

export function processCatalogue(): CatalogueProcess[] {
  return [...processFixtures].map(([id, f]) => ({ id, group: f.group, summary: f.summary }));
}

export interface IndexPageInput {
  origin: string;
  now: Date;
  epoch: Date;
  /** Shown only when they are the public sandbox defaults. */
  rtrApiKey: string | null;
  hostwayAuthorization: string | null;
}

const PROCESS_GROUP_TITLES: Record<ProcessFixture['group'], string> = {
  status: 'One per documented status',
  shape: 'Shapes and edge cases',
  error: 'Errors and misbehaviour',
};

function table(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const head = headers.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join('');
  const body = rows
    .map((cells) => `<tr>${cells.map((c) => `<td>${c}</td>`).join('')}</tr>`)
    .join('\n');
  return `<table><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

export function renderIndexPage(input: IndexPageInput): string {
  const e = escapeHtml;
  const rtrUrl = `${input.origin}/rtr`;
  const hostwayUrl = `${input.origin}/hostway`;
  const processes = processCatalogue();

  const processSections = (Object.keys(PROCESS_GROUP_TITLES) as ProcessFixture['group'][])
    .map((group) => {
      const rows = processes
        .filter((p) => p.group === group)
        .map((p) => [`<code>${e(String(p.id))}</code>`, e(p.summary)]);
      return `<h3>${e(PROCESS_GROUP_TITLES[group])}</h3>\n${table(['Process id', 'What it shows'], rows)}`;
    })
    .join('\n');
  const processFallback =
    '<p>Any other integer id: 400 <code>ObjectDoesNotExist</code>. A non-integer id: 400 <code>ValidationError</code>.</p>';

  const userRows = DEV_OIDC_USERS.map((u) => [
    `<code>${e(u.email)}</code>`,
    `<code>${e(u.password)}</code>`,
    e(u.name),
  ]);

  const transferRows = transferCatalogue.map((t) => [`<code>${e(t.domain)}</code>`, e(t.summary)]);

  const minutes = (ms: number) =>
    ms >= 3_600_000 ? `${+(ms / 3_600_000).toFixed(2)} h` : `${ms / 60_000} min`;
  const total = HAPPY_PATH_STEP_STARTS_MS.at(-1) ?? 0;
  const lifecycleRows = HAPPY_PATH.map((code, i) => [
    `${code} <code>${e(TRANSFER_STATUS_NAMES[code] ?? '')}</code>`,
    e(minutes(HAPPY_PATH_STEP_STARTS_MS[i] ?? 0)),
    e(i === HAPPY_PATH.length - 1 ? 'for ever' : minutes(LIFECYCLE_STEP_DURATION_MS[code] ?? 0)),
  ]);

  const rtrAuth =
    input.rtrApiKey === null ? 'ApiKey <configured key>' : `ApiKey ${input.rtrApiKey}`;
  const hostwayAuth = input.hostwayAuthorization ?? '<configured value>';
  const curl = [
    `curl -H 'Authorization: ${rtrAuth}' ${rtrUrl}/v2/processes/1000004`,
    `curl -H 'Authorization: ${rtrAuth}' '${rtrUrl}/v2/processes/1000013?fields=status,billables'`,
    `curl -H 'Authorization: ${rtrAuth}' '${rtrUrl}/v2/processes?status=SUSPENDED&order=-createdDate'`,
    `curl -H 'Authorization: ${hostwayAuth}' ${hostwayUrl}/accounts/acct12345/domains/transfers/test.com`,
    `curl -H 'Authorization: ${hostwayAuth}' ${hostwayUrl}/accounts/acct12345/domains/transfers/moving-1.com`,
  ];

  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Registrar Console sandbox</title>
<style>
  body { font: 15px/1.5 system-ui, sans-serif; margin: 2rem auto; max-width: 70rem; padding: 0 1rem; color: #1f2937; }
  table { border-collapse: collapse; width: 100%; margin-bottom: 1.5rem; }
  th, td { text-align: left; padding: .3rem .6rem; border-bottom: 1px solid #e5e7eb; vertical-align: top; }
  th { background: #f3f4f6; }
  code, pre { font-family: ui-monospace, monospace; font-size: 13px; }
  pre { background: #f3f4f6; padding: .75rem; overflow-x: auto; }
  dt { font-weight: 600; }
</style>
</head>
<body>
<h1>Registrar Console sandbox</h1>
<p>A simulator of the Realtime Register REST API v2 (processes) and the Hostway transfer-status API, with deterministic fixtures.</p>
<dl>
  <dt>Realtime Register base URL</dt><dd><code>${e(rtrUrl)}</code> — header <code>Authorization: ${e(rtrAuth)}</code></dd>
  <dt>Hostway base URL</dt><dd><code>${e(hostwayUrl)}</code> — header <code>Authorization: ${e(hostwayAuth)}</code></dd>
  <dt>Simulated clock</dt><dd>now <time datetime="${e(input.now.toISOString())}">${e(input.now.toISOString())}</time>, epoch <time datetime="${e(input.epoch.toISOString())}">${e(input.epoch.toISOString())}</time></dd>
</dl>
<h2>Try it</h2>
<pre>${curl.map(e).join('\n')}</pre>
<h2>Processes: <code>GET /rtr/v2/processes/{processId}</code></h2>
${processSections}
${processFallback}
<h2>Transfers: <code>GET /hostway/accounts/{accountNumber}/domains/transfers/{domainName}</code></h2>
<p>Any account number matching <code>${e(ACCOUNT_NUMBER_PATTERN.source.slice(1, -1))}</code> works, e.g. <code>acct12345</code>. Domain names are case-insensitive.</p>
${table(['Domain', 'What it shows'], transferRows)}
<p>A <code>moving-*.com</code> or <code>failing-*.com</code> lifecycle starts the first time an account asks this sandbox for that domain (each account and domain on its own clock; a restarted sandbox starts them again), and takes its steps in simulated time (<code>SANDBOX_TIME_SCALE</code> speeds it up: at 600, the happy path's ${e(minutes(total))} take ${e(String(+(total / 600 / 60_000).toFixed(1)))} real minutes). <code>statusChangeDate</code> is when the step began. <code>failing-*.com</code> goes from 9 to 13 after the same time at 9.</p>
${table(['Status (happy path)', 'Begins after the first ask', 'Lasts'], lifecycleRows)}
<h2>Sign-in: the development OpenID provider</h2>
<p>With <code>AUTH_MODE=oidc</code>, no <code>OIDC_ISSUER_URL</code> and both APIs on the sandbox, the console signs people in through the sandbox's development OpenID provider (<code>sandbox/oidc-provider.ts</code>), which knows only these test users. Their passwords are public, so it is never used when either API is real.</p>
${table(['E-mail', 'Password', 'Name'], userRows)}
<p>Machine-readable catalogue: <a href="/catalogue.json">/catalogue.json</a></p>
</body>
</html>
`;
}
