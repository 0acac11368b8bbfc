import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { PROCESS_STATUSES } from '../../../api/rtr-schemas.ts';
import { StatusBadge } from './status-badge.tsx';

afterEach(cleanup);

describe('StatusBadge', () => {
  it('shows the plain label with its explanation and tone', () => {
    const { container } = render(<StatusBadge status="IN_DOUBT" />);
    const badge = container.firstElementChild as HTMLElement;
    expect(badge.textContent).toBe('In doubt');
    expect(badge.dataset.tone).toBe('danger');
    expect(badge.title).toMatch(/Realtime Register support must resolve it/);
    expect(badge.className).toContain('bg-danger-muted');
    expect(badge.className).toContain('text-danger-fg');
  });

  it('hides the decorative dot from assistive technology', () => {
    const { container } = render(<StatusBadge status="COMPLETED" />);
    const dot = container.querySelector('[aria-hidden="true"]');
    expect(dot).toBeInTheDocument();
    expect(dot?.textContent).toBe('');
  });

  it('gives each tone its own colours', () => {
    const pills = new Map<string, string>();
    for (const status of PROCESS_STATUSES) {
      const { container, unmount } = render(<StatusBadge status={status} />);
      const badge = container.firstElementChild as HTMLElement;
      pills.set(badge.dataset.tone ?? '', badge.className.match(/bg-\w+-muted/)?.[0] ?? '');
      unmount();
    }
    const colours = [...pills.values()];
    expect(colours).not.toContain('');
    expect(new Set(colours).size).toBe(pills.size);
  });

  it('shows an unknown status verbatim, neutral, marked as undocumented', () => {
    const { container } = render(<StatusBadge status="PENDING_PAYMENT" />);
    const badge = container.firstElementChild as HTMLElement;
    expect(screen.getByText('PENDING_PAYMENT', { exact: false })).toBe(badge);
    expect(badge.textContent).toBe('PENDING_PAYMENT(undocumented)');
    expect(badge.dataset.tone).toBe('neutral');
    expect(badge.className).toContain('bg-neutral-muted');
  });

  it('says so when the status is empty', () => {
    const { container } = render(<StatusBadge status="" />);
    expect(container.textContent).toBe('(empty status)(undocumented)');
  });
});
