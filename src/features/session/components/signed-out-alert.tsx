import { createPortal } from 'react-dom';
import { useLocation } from 'react-router';
import { SIGN_IN_PATH } from '../../../contract/session.ts';
import { Alert } from '../../../components/ui/alert.tsx';
import { useSignedOut } from '../../../lib/signed-out.ts';
import { keepFragmentForSignIn } from '../../../lib/fragment-across-sign-in.ts';

/**
 * Once an API answer said the session is gone (401 ConsoleUnauthenticated): one alert for the
 * whole app, at the bottom of the page header (the layout keeps no room for it: shell bytes).
 * The page stays as it is; signing in comes back to this very URL: its path and query through
 * the sign-in, its fragment (a bulk list's, thousands of names) kept by the tab meanwhile.
 */
export function SignedOutAlert() {
  const signedOut = useSignedOut();
  const { pathname, search, hash } = useLocation();
  const header = document.querySelector('body header');
  if (!signedOut || !header) return null;
  const target = `${pathname}${search}`;
  return createPortal(
    <div className="px-4 pb-3">
      <Alert tone="warning" role="alert" className="mx-auto max-w-6xl">
        You were signed out. {/* A page of the server, not of the SPA: a full navigation. */}
        <a
          href={`${SIGN_IN_PATH}?returnTo=${encodeURIComponent(target)}`}
          onClick={() => keepFragmentForSignIn(target, hash)}
          className="font-medium underline"
        >
          Sign in again
        </a>
      </Alert>
    </div>,
    header,
  );
}
