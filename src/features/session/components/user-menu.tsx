import { useQuery } from '@tanstack/react-query';
import { NavLink } from 'react-router';
import { SIGN_OUT_PATH } from '../../../contract/session.ts';
import { buttonClass } from '../../../components/ui/button.tsx';
import { sessionQueries } from '../queries.ts';
import { useStopOnSignOut } from '../stop-for-sign-in.ts';
import { SignedOutAlert } from './signed-out-alert.tsx';

/*
 * The header's account part, loaded after the page (it is not needed to show it). Until the
 * console answers /api/session, and when it cannot (an older server answers 404), nothing shows.
 */

/**
 * Who is signed in, and Sign out where the console can end the session (OIDC); and, when the
 * session ends mid-use, the app's one "signed out" alert (it needs no session answer).
 */
export default function UserMenu() {
  useStopOnSignOut();
  return (
    <>
      <UserChip />
      <SignedOutAlert />
    </>
  );
}

function UserChip() {
  const { data } = useQuery(sessionQueries.current());
  if (!data) return null;
  const { user, canSignOut } = data;
  return (
    <div className="flex items-center gap-3 text-sm" data-testid="user-menu">
      {user.admin && (
        <NavLink
          to="/audit"
          className={({ isActive }) =>
            isActive
              ? 'font-medium text-link underline underline-offset-4'
              : 'text-fg-muted hover:text-link hover:underline'
          }
        >
          Audit trail
        </NavLink>
      )}
      {/* AUTH_MODE=none: no one signed in; the one local operator uses the console. */}
      <span className="text-fg-muted">
        {data.mode === 'none' ? (
          'Local operator'
        ) : (
          <>
            Signed in as{' '}
            <span className="font-medium text-fg" title={user.email}>
              {user.name ?? user.email}
            </span>
          </>
        )}
      </span>
      {canSignOut && (
        // A real form: works without script, and the browser sends the Origin the server checks.
        <form method="post" action={SIGN_OUT_PATH}>
          <button type="submit" className={buttonClass({ size: 'sm' })}>
            Sign out
          </button>
        </form>
      )}
    </div>
  );
}
