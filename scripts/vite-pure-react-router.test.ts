// @vitest-environment node
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { markComponentsPure } from './vite-pure-react-router.ts';

const source = `var Link = React10.forwardRef(
  function LinkWithRef({ to }, ref) {
    return React10.createElement("a", { href: to, ref });
  }
);
Link.displayName = "Link";
var MemoizedDataRoutes = React3.memo(DataRoutes2);
function helper() {
  return 1;
}
`;

/** Runs `code` with a stand-in React and returns what its vars hold. */
function evaluate(code: string) {
  const react = {
    forwardRef: (render: unknown) => ({ $$typeof: 'forward_ref', render }),
    memo: (type: unknown) => ({ $$typeof: 'memo', type }),
    createElement: () => null,
  };
  const run = new Function(
    'React10',
    'React3',
    'DataRoutes2',
    `${code}\nreturn { Link, MemoizedDataRoutes };`,
  ) as (...args: unknown[]) => Record<string, Record<string, unknown>>;
  return run(react, react, 'DataRoutes2');
}

describe('markComponentsPure', () => {
  const pure = markComponentsPure(source);

  it('makes a component and its displayName one pure expression', () => {
    expect(pure).toContain('var Link = /* @__PURE__ */ (() => { const c = React10.forwardRef(');
    expect(pure).toContain('c.displayName = "Link"; return c; })();');
    expect(pure).not.toMatch(/^Link\.displayName/m);
  });

  it('marks a bare memo call pure', () => {
    expect(pure).toContain('var MemoizedDataRoutes = /* @__PURE__ */ React3.memo(DataRoutes2);');
  });

  it('builds the same components as before', () => {
    const before = evaluate(source);
    const after = evaluate(pure);
    expect(after.Link).toMatchObject({ $$typeof: 'forward_ref', displayName: 'Link' });
    expect(JSON.stringify(after)).toBe(JSON.stringify(before));
    expect(String(after.Link!.render)).toBe(String(before.Link!.render));
  });

  it('keeps every line where it was (the source maps stay right)', () => {
    expect(pure.split('\n')).toHaveLength(source.split('\n').length);
    expect(pure.split('\n')[7]).toBe('function helper() {');
  });

  it('leaves other code alone', () => {
    const other = 'var x = React.createContext(null);\nx.displayName = "X";\n';
    expect(markComponentsPure(other)).toBe(other);
  });

  it("still fits the installed React Router's production build", () => {
    const dir = join(import.meta.dirname, '../node_modules/react-router/dist/production');
    const code = readdirSync(dir)
      .filter((file) => /^chunk-.*\.mjs$/.test(file))
      .map((file) => readFileSync(join(dir, file), 'utf8'))
      .join('\n');
    const pureCode = markComponentsPure(code);
    for (const name of ['Link', 'NavLink', 'Form']) {
      expect(pureCode).toContain(`var ${name} = /* @__PURE__ */ (() => {`);
      expect(pureCode).not.toMatch(new RegExp(`^${name}\\.displayName`, 'm'));
    }
    expect(pureCode.split('\n')).toHaveLength(code.split('\n').length);
  });
});
