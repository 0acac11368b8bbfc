/**
 * The development OpenID provider's pages: sign-in, errors, sign-out. Plain HTML with one small
 * stylesheet allowed by its hash, no script, every dynamic value escaped.
 */
import { createHash } from 'node:crypto';
import { escapeHtml as e } from './http.ts';
import type { DevOidcUser } from './oidc-users.ts';

// Colours chosen for contrast (text ≥ 7:1, links and the error ≥ 4.5:1 on white), in both
// schemes: the page follows the system's light or dark preference.
const STYLE = `
:root { color-scheme: light dark; --fg: #111827; --bg: #ffffff; --muted: #374151; --line: #d1d5db; --accent: #1d4ed8; --err-fg: #991b1b; --err-bg: #fef2f2; }
@media (prefers-color-scheme: dark) { :root { --fg: #f9fafb; --bg: #111827; --muted: #d1d5db; --line: #4b5563; --accent: #93c5fd; --err-fg: #fecaca; --err-bg: #450a0a; } }
body { font: 16px/1.5 system-ui, sans-serif; margin: 2rem auto; max-width: 32rem; padding: 0 1rem; color: var(--fg); background: var(--bg); }
a { color: var(--accent); }
label { display: block; font-weight: 600; margin-top: 1rem; }
input { display: block; box-sizing: border-box; width: 100%; font: inherit; padding: .5rem; margin-top: .25rem; border: 1px solid var(--muted); border-radius: .25rem; color: inherit; background: var(--bg); }
button { font: inherit; font-weight: 600; margin-top: 1.25rem; padding: .5rem 1.25rem; border: 0; border-radius: .25rem; color: #ffffff; background: #1d4ed8; cursor: pointer; }
button.secondary { color: var(--fg); background: transparent; border: 1px solid var(--muted); margin-left: .5rem; }
:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
.error { border: 1px solid var(--err-fg); color: var(--err-fg); background: var(--err-bg); padding: .5rem .75rem; border-radius: .25rem; }
.note { border-left: 4px solid var(--line); padding-left: .75rem; color: var(--muted); }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: .25rem .5rem; border-bottom: 1px solid var(--line); }
`;
const STYLE_HASH = `'sha256-${createHash('sha256').update(STYLE).digest('base64')}'`;

/**
 * The Content-Security-Policy of every page the provider answers: nothing may load or run but the
 * stylesheet above, and forms may only post to the provider and redirect on to a registered
 * client (browsers apply `form-action` to the redirects after a submission too).
 */
export function pageCsp(formTargets: readonly string[]): string {
  return [
    "default-src 'none'",
    `style-src ${STYLE_HASH}`,
    `form-action 'self' ${formTargets.join(' ')}`.trim(),
    "frame-ancestors 'none'",
    "base-uri 'none'",
  ].join('; ');
}

function page(title: string, main: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${e(title)} · sandbox development provider</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${main}
</main>
</body>
</html>
`;
}

const NOTE = `<p class="note">This is the Registrar Console sandbox's <strong>development OpenID provider</strong>.
It knows only the test users below, whose passwords are public: it is never used when the console
reads a real API.</p>`;

function usersTable(users: readonly DevOidcUser[]): string {
  const rows = users
    .map(
      (u) =>
        `<tr><td><code>${e(u.email)}</code></td><td><code>${e(u.password)}</code></td><td>${e(u.name)}</td></tr>`,
    )
    .join('\n');
  return `<h2>Test users</h2>
<table>
<thead><tr><th scope="col">E-mail</th><th scope="col">Password</th><th scope="col">Name</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>`;
}

export const WRONG_CREDENTIALS = 'E-mail or password is wrong.';

export interface LoginPageInput {
  /** Where the form posts. */
  action: string;
  /** The link that cancels the sign-in (the client gets `access_denied`). */
  abortHref: string;
  /** The client's id, shown so the user knows what they sign in to. */
  clientId: string;
  /** What the user typed last time, kept after a wrong password. */
  email?: string;
  error?: boolean;
  users: readonly DevOidcUser[];
}

export function renderLoginPage(input: LoginPageInput): string {
  const invalid = input.error ? ' aria-invalid="true" aria-describedby="signin-error"' : '';
  const error = input.error
    ? `<p class="error" id="signin-error" role="alert">${e(WRONG_CREDENTIALS)}</p>\n`
    : '';
  // With an error, the password is what to retype; otherwise start at the e-mail.
  const focusEmail = input.error ? '' : ' autofocus';
  const focusPassword = input.error ? ' autofocus' : '';
  return page(
    'Sign in',
    `<h1>Sign in</h1>
<p>to <strong>${e(input.clientId)}</strong></p>
${NOTE}
${error}<form method="post" action="${e(input.action)}">
<label for="email">E-mail</label>
<input id="email" name="email" type="email" autocomplete="username" required spellcheck="false" value="${e(input.email ?? '')}"${invalid}${focusEmail}>
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password" required${invalid}${focusPassword}>
<button type="submit">Sign in</button>
</form>
<p><a href="${e(input.abortHref)}">Cancel and return to the application</a></p>
${usersTable(input.users)}`,
  );
}

/** A page that explains a refusal: a heading, a sentence, and the machine-readable code if any. */
export function renderMessagePage(input: {
  title: string;
  message: string;
  error?: string;
  description?: string;
}): string {
  const details =
    input.error === undefined
      ? ''
      : `<p>Error: <code>${e(input.error)}</code>${
          input.description ? ` (${e(input.description)})` : ''
        }</p>\n`;
  return page(input.title, `<h1>${e(input.title)}</h1>\n<p>${e(input.message)}</p>\n${details}`);
}

/** RP-initiated logout: `form` is oidc-provider's hidden form (its action and anti-CSRF token). */
export function renderLogoutPage(form: string): string {
  return page(
    'Sign out',
    `<h1>Sign out of the development provider?</h1>
${form}
<button type="submit" form="op.logoutForm" name="logout" value="yes" autofocus>Yes, sign me out</button>
<button type="submit" form="op.logoutForm" class="secondary">No, stay signed in</button>`,
  );
}

export function renderLogoutSuccessPage(): string {
  return renderMessagePage({
    title: 'Signed out',
    message: 'You are signed out of the development provider.',
  });
}
