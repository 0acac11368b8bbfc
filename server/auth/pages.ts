import type { Context } from 'hono';
import { html } from 'hono/html';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { SIGN_IN_PATH, SIGN_OUT_PATH } from '../../src/contract/session.ts';

/*
 * The few pages the server itself renders around sign-in (the SPA is only served to someone the
 * console lets in): refused, not allowed, signed out, sign-in failed. Plain semantic HTML, every
 * value escaped by hono/html, the console's colours in both themes (public/theme.js picks the
 * same theme as the SPA; the CSP allows no inline style, so the stylesheet is a file).
 */

export const PAGE_CSS_PATH = '/auth/page.css';

// Values from src/index.css (light, then [data-theme='dark']): AA contrast in both.
export const PAGE_CSS = `:root{color-scheme:light;--canvas:#f8fafc;--surface:#fff;--fg:#0f172b;--muted:#45556c;--line:#cad5e2;--accent:#193cb8;--accent-hover:#1c398e;--accent-fg:#fff;--focus:#155dfc}
[data-theme='dark']{color-scheme:dark;--canvas:#020618;--surface:#0f172b;--fg:#f1f5f9;--muted:#cad5e2;--line:#45556c;--accent:#8ec5ff;--accent-hover:#bedbff;--accent-fg:#020618;--focus:#51a2ff}
*{box-sizing:border-box}
body{margin:0;min-height:100vh;background:var(--canvas);color:var(--fg);font:16px/1.5 ui-sans-serif,system-ui,-apple-system,'Segoe UI',Roboto,sans-serif}
main{max-width:36rem;margin:4rem auto;padding:2rem;background:var(--surface);border:1px solid var(--line);border-radius:.5rem}
h1{margin:0 0 1rem;font-size:1.5rem}
p{margin:0 0 1rem;color:var(--fg)}
.muted{color:var(--muted)}
.actions{display:flex;gap:1rem;align-items:center;margin-top:1.5rem}
form{margin:0}
a{color:var(--accent)}
.button{display:inline-block;padding:.5rem 1rem;border:1px solid var(--accent);border-radius:.375rem;background:var(--accent);color:var(--accent-fg);font:inherit;text-decoration:none;cursor:pointer}
.button:hover{background:var(--accent-hover)}
a:focus-visible,.button:focus-visible{outline:2px solid var(--focus);outline-offset:2px}
`;

type Html = ReturnType<typeof html>;

export interface PageOptions {
  status: ContentfulStatusCode;
  title: string;
  body: Html;
  actions?: Html;
}

/** Answers one of the sign-in pages: never cached, nothing of it stored by the browser. */
export async function page(c: Context, options: PageOptions): Promise<Response> {
  const document = await html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
        <script src="/theme.js"></script>
        <link rel="stylesheet" href="${PAGE_CSS_PATH}" />
        <title>${options.title} · Registrar Console</title>
      </head>
      <body>
        <main>
          <h1>${options.title}</h1>
          ${options.body}
          ${options.actions ? html`<div class="actions">${options.actions}</div>` : ''}
        </main>
      </body>
    </html> `;
  c.header('Cache-Control', 'no-store');
  return c.html(document, options.status);
}

export const signOutButton = html`<form method="post" action="${SIGN_OUT_PATH}">
  <button class="button" type="submit">Sign out</button>
</form>`;

export function signInLink(returnTo: string, label = 'Sign in'): Html {
  const href = `${SIGN_IN_PATH}?returnTo=${encodeURIComponent(returnTo)}`;
  return html`<a class="button" href="${href}">${label}</a>`;
}

/** A signed-in user outside AUTH_ALLOWED_EMAILS / AUTH_ALLOWED_DOMAINS: who, and a way out. */
export function notAllowedPage(c: Context, email: string, canSignOut: boolean) {
  return page(c, {
    status: 403,
    title: 'Not allowed',
    body: html`<p>You are signed in as <strong>${email}</strong>.</p>
      <p>
        This account is not allowed to use this Registrar Console. Ask the people who run it to add
        your address or domain, or
        ${canSignOut ? 'sign out and sign in with another account' : 'sign in with another account'}.
      </p>`,
    actions: canSignOut ? signOutButton : undefined,
  });
}

/** AUTH_MODE=proxy: the request did not come through the trusted proxy, or it named nobody. */
export function proxyRefusedPage(c: Context, reason: string) {
  return page(c, {
    status: 403,
    title: 'Access refused',
    body: html`<p>${reason}</p>
      <p class="muted">
        This console is reached through its sign-in proxy only. Open it by the address you were
        given for it.
      </p>`,
  });
}

export function signedOutPage(c: Context) {
  return page(c, {
    status: 200,
    title: 'Signed out',
    body: html`<p>You are signed out of the Registrar Console.</p>
      <p class="muted">
        Your sign-in provider may still remember you: on a shared computer, sign out there too.
      </p>`,
    actions: signInLink('/', 'Sign in again'),
  });
}

/** The sign-in could not be completed: what happened, and a fresh start. */
export function signInFailedPage(
  c: Context,
  status: ContentfulStatusCode,
  reason: string,
  returnTo = '/',
) {
  return page(c, {
    status,
    title: 'Sign-in failed',
    body: html`<p>${reason}</p>`,
    actions: signInLink(returnTo, 'Try again'),
  });
}
