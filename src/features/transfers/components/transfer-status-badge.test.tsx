import { cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { TransferStatusBadge } from './transfer-status-badge.tsx';

afterEach(cleanup);

function badge(status: number, description?: string) {
  const { container } = render(<TransferStatusBadge status={{ status, description }} />);
  return container.firstElementChild as HTMLElement;
}

describe('TransferStatusBadge', () => {
  it.each([
    [7, 'in-progress', "Waiting for the owner's approval", 'progress', '●'],
    [14, 'succeeded', 'Transferred: the domain is active here', 'success', '✓'],
    [12, 'failed', 'Failed: the registry reported an error', 'danger', '✕'],
    [16, 'other', 'No transfer for this domain', 'neutral', '–'],
    [42, 'unknown', 'Unknown status (code 42)', 'warning', '?'],
  ])('code %i: %s in words, shape and a tone', (code, outcome, label, tone, icon) => {
    const el = badge(code);
    expect(el.dataset.outcome).toBe(outcome);
    expect(el.textContent).toBe(`${icon}${label}`);
    expect(el.dataset.tone).toBe(tone);
    expect(el.className).toContain(`bg-${tone}-muted`);
    expect(el.className).toContain(`text-${tone}-fg`);
    expect(el.querySelector('[aria-hidden="true"]')?.textContent).toBe(icon);
  });

  it('tells the two meanings of code 2 apart by the description', () => {
    expect(badge(2, 'transfer request cancelled').dataset.outcome).toBe('failed');
    cleanup();
    expect(badge(2, 'queued for manual review').dataset.outcome).toBe('in-progress');
  });
});
