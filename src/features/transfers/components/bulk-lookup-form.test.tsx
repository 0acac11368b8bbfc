import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it } from 'vitest';
import { BulkLookupForm } from './bulk-lookup-form.tsx';

afterEach(cleanup);

function renderForm(initialDomains: string) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <MemoryRouter>
        <BulkLookupForm initialAccount="acct12345" initialDomains={initialDomains} />
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

const names = (count: number) =>
  Array.from({ length: count }, (_, i) => `bulk-${i + 1}.com`).join('\n');

describe('BulkLookupForm', () => {
  it('shows a list of a few hundred names as text to edit', () => {
    renderForm(names(500));
    expect(screen.getByLabelText('Domain names')).toHaveValue(names(500));
  });

  it('keeps a list of thousands behind a button, which opens it as text to edit', async () => {
    renderForm(names(5_000));
    expect(screen.queryByRole('textbox', { name: 'Domain names' })).toBeNull();
    expect(screen.getByText(/5000 names from the link/)).toBeInTheDocument();
    const open = screen.getByRole('button', { name: 'Show and edit the list' });
    expect(open).toHaveAttribute('aria-expanded', 'false');
    await userEvent.click(open);
    const list = screen.getByRole('textbox', { name: 'Domain names' });
    expect(list).toHaveValue(names(5_000));
    expect(list).toHaveFocus();
  });
});
