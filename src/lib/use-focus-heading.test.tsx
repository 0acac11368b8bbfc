import { act, cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useRef, useState, type ReactNode } from 'react';
import { Link, MemoryRouter, Route, Routes, useNavigate } from 'react-router';
import { afterEach, describe, expect, it } from 'vitest';
import { useFocusHeadingOnNavigate } from './use-focus-heading.ts';

function Shell({ children }: { children: ReactNode }) {
  const main = useRef<HTMLElement>(null);
  useFocusHeadingOnNavigate(main);
  return (
    <>
      <nav>
        <Link to="/b">To B</Link>
        <Link to="/late">To late</Link>
        <Replace />
      </nav>
      <main ref={main}>{children}</main>
    </>
  );
}

function Replace() {
  const navigate = useNavigate();
  return (
    <button type="button" onClick={() => void navigate('/b', { replace: true })}>
      Replace
    </button>
  );
}

/** A page whose heading changes element once its data "arrives", like a loading state. */
function LatePage() {
  const [loaded, setLoaded] = useState(false);
  return loaded ? (
    <h1 key="loaded">Loaded</h1>
  ) : (
    <>
      <h1 key="loading">Loading</h1>
      <button type="button" onClick={() => setLoaded(true)}>
        Arrive
      </button>
    </>
  );
}

function App() {
  return (
    <MemoryRouter initialEntries={['/a']}>
      <Shell>
        <Routes>
          <Route path="/a" element={<h1>Page A</h1>} />
          <Route path="/b" element={<h1>Page B</h1>} />
          <Route path="/late" element={<LatePage />} />
        </Routes>
      </Shell>
    </MemoryRouter>
  );
}

afterEach(cleanup);

describe('useFocusHeadingOnNavigate', () => {
  it('leaves focus alone on the first load', () => {
    render(<App />);
    expect(screen.getByRole('heading', { name: 'Page A' })).not.toHaveFocus();
    expect(document.body).toHaveFocus();
  });

  it('moves focus to the new page heading after a link is followed', async () => {
    const user = userEvent.setup();
    render(<App />);
    await user.click(screen.getByRole('link', { name: 'To B' }));
    expect(screen.getByRole('heading', { name: 'Page B' })).toHaveFocus();
  });

  it('not for a replace navigation (a redirect or a filter change)', async () => {
    const user = userEvent.setup();
    render(<App />);
    await user.click(screen.getByRole('button', { name: 'Replace' }));
    expect(screen.getByRole('heading', { name: 'Page B' })).not.toHaveFocus();
  });

  it('follows the heading when the page swaps it for another', async () => {
    const user = userEvent.setup();
    render(<App />);
    await user.click(screen.getByRole('link', { name: 'To late' }));
    expect(screen.getByRole('heading', { name: 'Loading' })).toHaveFocus();
    await act(() => {
      screen.getByRole('button', { name: 'Arrive' }).click();
    });
    // The MutationObserver reacts after the DOM change.
    await act(() => Promise.resolve());
    expect(screen.getByRole('heading', { name: 'Loaded' })).toHaveFocus();
  });
});
