import { useMemo, useState, type ReactNode } from 'react';
import { jsonPath } from '../lib/json-path.ts';
import { buttonClass } from './ui/button.tsx';
import { containsSecrets, hideSecrets, isSecretEntry } from '../lib/secrets.ts';

type Segment = string | number;

export interface JsonViewProps {
  value: unknown;
  /** Names the viewer for assistive technology and labels the root node. */
  label: string;
  /** Levels open at first: 2 = the root and its direct children. */
  defaultExpandDepth?: number;
  /** File name for "Download". */
  fileName?: string;
}

/** What every node needs from the viewer. */
interface Tree {
  isOpen(path: string, depth: number): boolean;
  toggle(path: string, open: boolean): void;
  reveal: boolean;
  copy(text: string, what: string): void;
}

const PAGE = 100;
const TOOL = buttonClass({ size: 'sm' });
// At least 24 × 24 px (WCAG 2.5.8), although they sit in a line of text.
const ACTION = buttonClass({ variant: 'ghost', size: 'xs', className: 'font-sans align-middle' });
const COLOURS: Record<string, string> = {
  string: 'text-syntax-string',
  number: 'text-syntax-number',
  boolean: 'text-syntax-boolean',
};

function stringify(value: unknown, reveal: boolean): string {
  return JSON.stringify(value, reveal ? undefined : hideSecrets, 2) ?? String(value);
}

/**
 * A foldable, keyboard-accessible tree of a JSON value with copy actions and masked secrets.
 * Children of folded nodes are not rendered; long arrays and objects are shown 100 at a time.
 */
export function JsonView({
  value,
  label,
  defaultExpandDepth = 2,
  fileName = 'data.json',
}: JsonViewProps) {
  // A node is open when toggled open, else when shallower than `depth` (∞ = all, 0 = none).
  const [depth, setDepth] = useState(defaultExpandDepth);
  const [toggled, setToggled] = useState(() => new Map<string, boolean>());
  const [reveal, setReveal] = useState(false);
  const [message, setMessage] = useState<[string, number]>(['', 0]);
  const secrets = useMemo(() => containsSecrets(value), [value]);

  const say = (text: string) => setMessage(([, n]) => [text, n + 1]);
  const copy = async (text: string, what: string) => {
    try {
      await navigator.clipboard.writeText(text);
      say(`Copied ${what}`);
    } catch {
      say(`Could not copy ${what}`);
    }
  };
  const foldAll = (d: number) => {
    setDepth(d);
    setToggled(new Map());
  };
  const download = () => {
    const url = URL.createObjectURL(
      new Blob([stringify(value, reveal)], { type: 'application/json' }),
    );
    const a = document.createElement('a');
    a.href = url;
    a.download = fileName;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url));
  };

  const tree: Tree = {
    isOpen: (path, d) => toggled.get(path) ?? d < depth,
    toggle: (path, open) => setToggled((m) => new Map(m).set(path, open)),
    reveal,
    copy: (text, what) => void copy(text, what),
  };

  return (
    <div role="group" aria-label={label} className="font-mono text-sm">
      <div className="mb-2 flex flex-wrap items-center gap-2 font-sans">
        <button type="button" className={TOOL} onClick={() => foldAll(Infinity)}>
          Expand all
        </button>
        <button type="button" className={TOOL} onClick={() => foldAll(0)}>
          Collapse all
        </button>
        <button
          type="button"
          className={TOOL}
          onClick={() =>
            tree.copy(
              stringify(value, reveal),
              secrets && !reveal ? 'JSON (secrets hidden)' : 'JSON',
            )
          }
        >
          Copy JSON
        </button>
        <button type="button" className={TOOL} onClick={download}>
          Download
        </button>
        {secrets && (
          <button type="button" className={TOOL} onClick={() => setReveal(!reveal)}>
            {reveal ? 'Hide secrets' : 'Reveal secrets'}
          </button>
        )}
        <span role="status" className="text-fg-muted">
          <span key={message[1]}>{message[0]}</span>
        </span>
      </div>
      <ul>
        <Node name={label} segments={[]} value={value} depth={0} tree={tree} />
      </ul>
    </div>
  );
}

interface NodeProps {
  name: ReactNode;
  segments: Segment[];
  value: unknown;
  depth: number;
  tree: Tree;
}

function Node({ name, segments, value, depth, tree }: NodeProps) {
  const [limit, setLimit] = useState(PAGE);
  const path = jsonPath(segments);
  const key = segments.at(-1);
  const masked = !tree.reveal && typeof key === 'string' && isSecretEntry(key, value);
  const container = !masked && typeof value === 'object' && value !== null ? value : null;
  const isArray = Array.isArray(container);
  const open = container !== null && tree.isOpen(path, depth);
  const size = container ? (isArray ? container.length : Object.keys(container).length) : 0;
  const title = (
    <>
      <span className={typeof key === 'number' ? 'text-fg-muted' : 'text-fg'}>{name}</span>
      {': '}
    </>
  );

  return (
    <li>
      <div className="group break-all pl-4">
        {container ? (
          <button
            type="button"
            aria-expanded={open}
            onClick={() => tree.toggle(path, !open)}
            className="-ml-4 rounded text-left hover:bg-surface-muted"
          >
            <span aria-hidden="true" className="inline-block w-4 text-fg-muted">
              {open ? '▾' : '▸'}
            </span>
            {title}
            {open ? (
              isArray ? (
                '['
              ) : (
                '{'
              )
            ) : (
              <span className="text-fg-muted">
                {isArray ? '[…]' : '{…}'} {size} {isArray ? 'item' : 'key'}
                {size === 1 ? '' : 's'}
              </span>
            )}
          </button>
        ) : (
          <>
            {title}
            {masked ? (
              <span className="text-fg-muted">
                <span aria-hidden="true">••••••••</span>{' '}
                <span className="font-sans text-xs italic">(hidden secret)</span>
              </span>
            ) : (
              <span className={COLOURS[typeof value] ?? 'text-fg-muted'}>
                {typeof value === 'string' ? JSON.stringify(value) : String(value)}
              </span>
            )}
          </>
        )}
        <span className="ml-2 inline-flex gap-1 opacity-0 group-focus-within:opacity-100 group-hover:opacity-100 pointer-coarse:opacity-100">
          <button
            type="button"
            className={ACTION}
            disabled={masked}
            title={masked ? 'Reveal secrets to copy this value' : undefined}
            aria-label={`Copy value of ${path}`}
            onClick={() =>
              tree.copy(typeof value === 'string' ? value : stringify(value, tree.reveal), path)
            }
          >
            Copy value
          </button>
          <button
            type="button"
            className={ACTION}
            aria-label={`Copy path ${path}`}
            onClick={() => tree.copy(path, `path ${path}`)}
          >
            Copy path
          </button>
        </span>
      </div>
      {open && container && (
        <>
          <ul className="ml-2 border-l border-line pl-2">
            {Object.entries(container)
              .slice(0, limit)
              .map(([k, v]) => (
                <Node
                  key={k}
                  name={k}
                  segments={[...segments, isArray ? Number(k) : k]}
                  value={v}
                  depth={depth + 1}
                  tree={tree}
                />
              ))}
            {size > limit && (
              <li className="py-1 pl-4 font-sans">
                <button type="button" className={TOOL} onClick={() => setLimit(limit + PAGE)}>
                  Show {Math.min(PAGE, size - limit)} more
                </button>{' '}
                <span className="text-fg-muted">
                  {limit} of {size} shown
                </span>
              </li>
            )}
          </ul>
          <div aria-hidden="true" className="pl-4">
            {isArray ? ']' : '}'}
          </div>
        </>
      )}
    </li>
  );
}
