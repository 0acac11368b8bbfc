import { useLocation } from 'react-router';
import { sharedTimeZone } from '../lib/time.ts';
import { useTimeZone } from '../lib/use-time-zone.ts';
import { CopyButton } from './copy-button.tsx';

/**
 * The link reproduces what is shown: same page, same section (#hash), same times: "local"
 * becomes the sender's own zone by name, since the reader's local zone may be another.
 */
export function CopyLinkButton() {
  const location = useLocation();
  const [timeZone] = useTimeZone();
  return (
    <CopyButton
      label="Copy link to this view"
      text={() => {
        const params = new URLSearchParams(location.search);
        params.set('tz', sharedTimeZone(timeZone));
        return `${window.location.origin}${location.pathname}?${params}${location.hash}`;
      }}
      variant="primary"
      size="md"
    >
      Copy link
    </CopyButton>
  );
}
