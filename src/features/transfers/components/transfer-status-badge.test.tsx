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
    [7, 'in-progress', "Waiting for the owner's approval", 'bg-blue-100', '●'],
    [14, 'succeeded', 'Transferred: the domain is active here', 'bg-green-100', '✓'],
    [12, 'failed', 'Failed: the registry reported an error', 'bg-red-100', '✕'],
    [16, 'other', 'No transfer for this domain', 'bg-slate-100', '–'],
    [42, 'unknown', 'Unknown status (code 42)', 'bg-amber-100', '?'],
  ])('code %i: %s in words, shape and AA colours', (code, outcome, label, bg, icon) => {
    const el = badge(code);
    expect(el.dataset.outcome).toBe(outcome);
    expect(el.textContent).toBe(`${icon}${label}`);
    expect(el.className).toContain(bg);
    expect(el.className).toMatch(/text-\w+-900/);
    expect(el.querySelector('[aria-hidden="true"]')?.textContent).toBe(icon);
  });

  it('tells the two meanings of code 2 apart by the description', () => {
    expect(badge(2, 'transfer request cancelled').dataset.outcome).toBe('failed');
    cleanup();
    expect(badge(2, 'queued for manual review').dataset.outcome).toBe('in-progress');
  });
});
