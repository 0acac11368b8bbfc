import type { Plugin } from 'vite';

/*
 * React Router's production build creates its components with bare `React.forwardRef(…)` and
 * `React.memo(…)` calls and then assigns each a `displayName`: to a bundler both are side
 * effects, so every one of them stays in the bundle, used or not. For the console that is
 * <Form> (with useSubmit and the form-encoding helpers) and the data router's memoised routes,
 * about 1.3 KB gzip on every page. This plugin makes each such initializer, with its
 * displayName, one expression marked pure, the change proposed upstream in
 * remix-run/react-router#15299; a component that is used is built exactly as before.
 *
 * Lines are kept where they were (the source maps stay right). If a React Router update changes
 * the shape, nothing is rewritten and the bundle budget (scripts/bundle-budget.ts) says so.
 */

const WITH_DISPLAY_NAME =
  /^var (\w+) = (React\d*\.(?:forwardRef|memo)\([\s\S]*?^\);?)\n\1\.displayName = ("[^"\n]*");$/gm;
const ONE_LINE_MEMO = /^var (\w+) = (React\d*\.memo\([\w$.]*\);)$/gm;

/** `code` with React Router's component initializers marked pure (see above). */
export function markComponentsPure(code: string): string {
  return code
    .replace(
      WITH_DISPLAY_NAME,
      (_all, name: string, init: string, displayName: string) =>
        `var ${name} = /* @__PURE__ */ (() => { const c = ${init}\nc.displayName = ${displayName}; return c; })();`,
    )
    .replace(ONE_LINE_MEMO, 'var $1 = /* @__PURE__ */ $2');
}

export const REACT_ROUTER_PRODUCTION =
  /[\\/]node_modules[\\/]react-router[\\/]dist[\\/]production[\\/]/;

/** Applies markComponentsPure to React Router's production build (which builds alias to). */
export function pureReactRouterComponents(): Plugin {
  return {
    name: 'pure-react-router-components',
    apply: 'build',
    transform: {
      filter: { id: REACT_ROUTER_PRODUCTION },
      handler(code) {
        const pure = markComponentsPure(code);
        return pure === code ? null : { code: pure, map: null };
      },
    },
  };
}
