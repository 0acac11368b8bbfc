import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactElement } from 'react';
import { afterEach, describe, expect, it, vi, type Mock } from 'vitest';
import { JsonView } from './json-view.tsx';

const command = {
  domainName: 'example.com',
  authcode: 'S3cr3t!',
  period: 12,
  autoRenew: true,
  privacyProtect: null,
  contacts: {
    registrant: 'reg-1',
    admin: [{ handle: 'adm-1', email: 'admin@example.com' }],
  },
  ns: ['ns1.example.net', 'ns2.example.net'],
  'odd key': 'x',
};

function setup(
  ui: ReactElement,
  writeText: Mock<(text: string) => Promise<void>> = vi.fn(() => Promise.resolve()),
) {
  const user = userEvent.setup();
  // After setup(): user-event installs its own clipboard stub, which this one replaces.
  Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
  return { user, writeText, ...render(ui) };
}

const toggle = (name: RegExp) => screen.getByRole('button', { name });

/** jsdom has no object URLs and cannot navigate: record the blobs and the clicked anchor. */
function stubDownload() {
  const blobs: Blob[] = [];
  const revoke = vi.fn();
  Object.assign(URL, {
    createObjectURL: (blob: Blob) => `blob:test/${blobs.push(blob)}`,
    revokeObjectURL: revoke,
  });
  const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
  return { blobs, revoke, anchor: () => click.mock.contexts.at(-1) as HTMLAnchorElement };
}

afterEach(cleanup);

describe('JsonView', () => {
  it('opens the root and its children and folds deeper nodes', () => {
    setup(<JsonView value={command} label="Command" />);
    expect(screen.getByRole('group', { name: 'Command' })).toBeInTheDocument();
    expect(toggle(/^Command/).getAttribute('aria-expanded')).toBe('true');
    expect(toggle(/^contacts/).getAttribute('aria-expanded')).toBe('true');
    expect(toggle(/^ns/).getAttribute('aria-expanded')).toBe('true');
    expect(toggle(/^admin/).getAttribute('aria-expanded')).toBe('false');
    expect(toggle(/^admin/).textContent).toContain('[…] 1 item');
    expect(screen.getByText('"ns1.example.net"')).toBeInTheDocument();
    expect(screen.queryByText('"admin@example.com"')).not.toBeInTheDocument();
  });

  it('colours primitives by type and keeps the original key order', () => {
    setup(<JsonView value={{ z: 'a', y: 1, x: false, w: null }} label="Data" />);
    expect(screen.getByText('"a"').className).toContain('text-syntax-string');
    expect(screen.getByText('1').className).toContain('text-syntax-number');
    expect(screen.getByText('false').className).toContain('text-syntax-boolean');
    expect(screen.getByText('null').className).toContain('text-fg-muted');
    const keys = screen.getAllByRole('listitem').slice(1);
    expect(keys.map((li) => li.textContent?.slice(0, 1))).toEqual(['z', 'y', 'x', 'w']);
  });

  it('honours defaultExpandDepth', () => {
    setup(<JsonView value={command} label="Command" defaultExpandDepth={0} />);
    expect(toggle(/^Command/).getAttribute('aria-expanded')).toBe('false');
    expect(toggle(/^Command/).textContent).toContain('{…} 8 keys');
    expect(screen.getAllByRole('listitem')).toHaveLength(1);
  });

  it('folds and unfolds by click and by keyboard', async () => {
    const { user } = setup(<JsonView value={command} label="Command" />);
    await user.click(toggle(/^admin/));
    expect(toggle(/^admin/).getAttribute('aria-expanded')).toBe('true');
    expect(toggle(/^0/).getAttribute('aria-expanded')).toBe('false');

    await user.click(toggle(/^contacts/));
    expect(toggle(/^contacts/).getAttribute('aria-expanded')).toBe('false');
    expect(toggle(/^contacts/).textContent).toContain('{…} 2 keys');
    expect(screen.queryByText('"reg-1"')).not.toBeInTheDocument();

    // Every control is a real button in the Tab order; Enter and Space toggle.
    toggle(/^Command/).focus();
    await user.tab();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Copy value of $' }));
    await user.tab();
    await user.tab();
    expect(document.activeElement).toBe(
      screen.getByRole('button', { name: 'Copy value of $.domainName' }),
    );
    toggle(/^contacts/).focus();
    await user.keyboard('{Enter}');
    expect(toggle(/^contacts/).getAttribute('aria-expanded')).toBe('true');
    await user.keyboard(' ');
    expect(toggle(/^contacts/).getAttribute('aria-expanded')).toBe('false');
  });

  it('expands and collapses everything', async () => {
    const { user } = setup(<JsonView value={command} label="Command" />);
    await user.click(screen.getByRole('button', { name: 'Expand all' }));
    expect(screen.getByText('"admin@example.com"')).toBeInTheDocument();
    const toggles = document.querySelectorAll('[aria-expanded]');
    expect([...toggles].map((b) => b.getAttribute('aria-expanded'))).toEqual(
      Array(toggles.length).fill('true'),
    );
    await user.click(screen.getByRole('button', { name: 'Collapse all' }));
    expect(toggle(/^Command/).getAttribute('aria-expanded')).toBe('false');
    expect(screen.getAllByRole('listitem')).toHaveLength(1);
    await user.click(toggle(/^Command/));
    expect(toggle(/^contacts/).getAttribute('aria-expanded')).toBe('false');
  });

  it('copies values and paths and announces it', async () => {
    const { user, writeText } = setup(<JsonView value={command} label="Command" />);
    await user.click(toggle(/^admin/));
    await user.click(toggle(/^0/));

    await user.click(screen.getByRole('button', { name: 'Copy value of $.domainName' }));
    expect(writeText).toHaveBeenLastCalledWith('example.com');
    expect(screen.getByRole('status').textContent).toBe('Copied $.domainName');

    await user.click(screen.getByRole('button', { name: 'Copy value of $.period' }));
    expect(writeText).toHaveBeenLastCalledWith('12');

    await user.click(screen.getByRole('button', { name: 'Copy value of $.contacts.admin[0]' }));
    expect(writeText).toHaveBeenLastCalledWith(
      '{\n  "handle": "adm-1",\n  "email": "admin@example.com"\n}',
    );

    await user.click(screen.getByRole('button', { name: 'Copy path $.contacts.admin[0].email' }));
    expect(writeText).toHaveBeenLastCalledWith('$.contacts.admin[0].email');
    expect(screen.getByRole('status').textContent).toBe('Copied path $.contacts.admin[0].email');

    await user.click(screen.getByRole('button', { name: 'Copy path $["odd key"]' }));
    expect(writeText).toHaveBeenLastCalledWith('$["odd key"]');

    await user.click(screen.getByRole('button', { name: 'Copy path $.ns[1]' }));
    expect(writeText).toHaveBeenLastCalledWith('$.ns[1]');
  });

  it('announces a failed copy', async () => {
    const writeText = vi.fn((_text: string) => Promise.reject(new Error('denied')));
    const { user } = setup(<JsonView value={{ a: 1 }} label="Data" />, writeText);
    await user.click(screen.getByRole('button', { name: 'Copy path $.a' }));
    expect(screen.getByRole('status').textContent).toBe('Could not copy path $.a');
    await user.click(screen.getByRole('button', { name: 'Copy JSON' }));
    expect(screen.getByRole('status').textContent).toBe('Could not copy JSON');
  });

  it('copies the whole value pretty-printed', async () => {
    const { user, writeText } = setup(<JsonView value={{ a: [1, { b: 'c' }] }} label="Data" />);
    await user.click(screen.getByRole('button', { name: 'Copy JSON' }));
    expect(writeText).toHaveBeenCalledWith(JSON.stringify({ a: [1, { b: 'c' }] }, null, 2));
    expect(screen.getByRole('status').textContent).toBe('Copied JSON');
  });

  it('masks secrets until revealed, in the tree and in copies', async () => {
    const { user, writeText } = setup(<JsonView value={command} label="Command" />);
    expect(screen.queryByText(/S3cr3t/)).not.toBeInTheDocument();
    expect(screen.getByText('(hidden secret)')).toBeInTheDocument();
    const copySecret = () => screen.getByRole('button', { name: 'Copy value of $.authcode' });
    expect(copySecret()).toHaveProperty('disabled', true);

    await user.click(screen.getByRole('button', { name: 'Copy JSON' }));
    const masked = JSON.parse(writeText.mock.lastCall?.[0] as string) as typeof command;
    expect(masked).toEqual({ ...command, authcode: '[hidden]' });
    expect(screen.getByRole('status').textContent).toBe('Copied JSON (secrets hidden)');

    await user.click(screen.getByRole('button', { name: 'Copy path $.authcode' }));
    expect(writeText).toHaveBeenLastCalledWith('$.authcode');

    await user.click(screen.getByRole('button', { name: 'Reveal secrets' }));
    expect(screen.getByText('"S3cr3t!"')).toBeInTheDocument();
    expect(screen.queryByText('(hidden secret)')).not.toBeInTheDocument();
    await user.click(copySecret());
    expect(writeText).toHaveBeenLastCalledWith('S3cr3t!');
    expect(screen.getByRole('status').textContent).toBe('Copied $.authcode');
    await user.click(screen.getByRole('button', { name: 'Copy JSON' }));
    expect(JSON.parse(writeText.mock.lastCall?.[0] as string)).toEqual(command);

    await user.click(screen.getByRole('button', { name: 'Hide secrets' }));
    expect(screen.queryByText(/S3cr3t/)).not.toBeInTheDocument();
    expect(copySecret()).toHaveProperty('disabled', true);
  });

  it('masks secrets inside a copied subtree and whole secret objects', async () => {
    const value = { contact: { handle: 'h', password: 'pw1' }, authInfo: { pw: 'pw2' } };
    const { user, writeText } = setup(<JsonView value={value} label="Data" />);
    expect(screen.queryByRole('button', { name: /^authInfo/ })).not.toBeInTheDocument();
    expect(screen.getAllByText('(hidden secret)')).toHaveLength(2);
    await user.click(screen.getByRole('button', { name: 'Copy value of $.contact' }));
    expect(JSON.parse(writeText.mock.lastCall?.[0] as string)).toEqual({
      handle: 'h',
      password: '[hidden]',
    });
  });

  it('shows no reveal toggle without secrets', () => {
    setup(<JsonView value={{ authcode: null, domainName: 'example.com' }} label="Data" />);
    expect(screen.queryByRole('button', { name: 'Reveal secrets' })).not.toBeInTheDocument();
  });

  it('downloads the JSON, masked while secrets are hidden', async () => {
    const { blobs, revoke, anchor } = stubDownload();
    const { user } = setup(<JsonView value={command} label="Command" fileName="process-1.json" />);

    await user.click(screen.getByRole('button', { name: 'Download' }));
    expect(anchor().download).toBe('process-1.json');
    expect(anchor().href).toBe('blob:test/1');
    expect(blobs[0]?.type).toBe('application/json');
    expect(JSON.parse(await blobs[0]!.text())).toEqual({ ...command, authcode: '[hidden]' });
    await vi.waitFor(() => expect(revoke).toHaveBeenCalledWith('blob:test/1'));

    await user.click(screen.getByRole('button', { name: 'Reveal secrets' }));
    await user.click(screen.getByRole('button', { name: 'Download' }));
    expect(JSON.parse(await blobs[1]!.text())).toEqual(command);
  });

  it('uses data.json as the default file name', async () => {
    const { anchor } = stubDownload();
    const { user } = setup(<JsonView value={[1]} label="Data" />);
    await user.click(screen.getByRole('button', { name: 'Download' }));
    expect(anchor().download).toBe('data.json');
  });

  it('renders HTML-looking strings as text', () => {
    const html = '<img src=x onerror=alert(1)>';
    const { container } = setup(<JsonView value={{ [html]: html }} label="Data" />);
    expect(screen.getByText(`"${html}"`)).toBeInTheDocument();
    expect(screen.getByText(html)).toBeInTheDocument();
    expect(container.querySelector('img')).toBeNull();
  });

  it('wraps long strings', () => {
    setup(<JsonView value={{ long: 'x'.repeat(5000) }} label="Data" />);
    expect(screen.getByText(`"${'x'.repeat(5000)}"`).closest('.break-all')).toBeInTheDocument();
  });

  it('renders primitives at the root', async () => {
    const { user, writeText } = setup(<JsonView value="just text" label="Answer" />);
    expect(screen.getByText('"just text"')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Copy path $' }));
    expect(writeText).toHaveBeenLastCalledWith('$');
  });

  it('renders no children of folded nodes and pages big arrays', async () => {
    const big = Array.from({ length: 2000 }, (_, i) => ({ id: i }));
    const { user } = setup(<JsonView value={{ items: big }} label="Data" defaultExpandDepth={1} />);
    expect(toggle(/^items/).textContent).toContain('[…] 2000 items');
    expect(screen.getAllByRole('listitem')).toHaveLength(2);

    // Role queries are slow on hundreds of rows: label and text queries keep this test quick.
    await user.click(toggle(/^items/));
    const list = () => [...screen.getAllByRole('list')[2]!.children];
    expect(list()).toHaveLength(101);
    expect(screen.getByText('100 of 2000 shown')).toBeInTheDocument();
    expect(screen.getByLabelText('Copy path $.items[99]')).toBeInTheDocument();
    expect(screen.queryByLabelText('Copy path $.items[100]')).not.toBeInTheDocument();

    await user.click(screen.getByText('Show 100 more'));
    expect(list()).toHaveLength(201);
    expect(screen.getByLabelText('Copy path $.items[199]')).toBeInTheDocument();

    await user.click(screen.getByText('Expand all'));
    expect(list()).toHaveLength(201);
    expect(screen.getByLabelText('Copy path $.items[199].id')).toBeInTheDocument();
    // Hundreds of rows in jsdom take seconds on a busy two-core machine; the work is bounded.
  }, 30_000);

  it('offers only the remainder on the last page', async () => {
    const { user } = setup(
      <JsonView value={Array.from({ length: 150 }, (_, i) => i)} label="Data" />,
    );
    await user.click(screen.getByRole('button', { name: 'Show 50 more' }));
    expect(screen.queryByRole('button', { name: /more$/ })).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Copy value of $[149]' })).toBeInTheDocument();
  });
});
