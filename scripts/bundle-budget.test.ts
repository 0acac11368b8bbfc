// @vitest-environment node
import { describe, expect, it } from 'vitest';
import {
  criticalFiles,
  FIRST_RENDER_CEILING,
  ON_DEMAND,
  ROUTE_BUDGETS,
  routeFiles,
  type Manifest,
} from './bundle-budget.ts';

const manifest: Manifest = {
  'index.html': {
    file: 'assets/index.js',
    isEntry: true,
    imports: ['_react.js'],
    dynamicImports: ['src/page.tsx', 'src/other.tsx'],
    css: ['assets/index.css'],
  },
  '_react.js': { file: 'assets/react.js' },
  'src/page.tsx': {
    file: 'assets/page.js',
    imports: ['_shared.js', '_react.js', 'index.html'],
    dynamicImports: ['src/heavy.tsx', 'src/on-click.ts'],
  },
  '_shared.js': {
    file: 'assets/shared.js',
    imports: ['_react.js'],
    css: ['assets/shared.css'],
    dynamicImports: ['src/error.tsx'],
  },
  'src/heavy.tsx': {
    file: 'assets/heavy.js',
    imports: ['_table.js', 'src/page.tsx'],
    dynamicImports: ['src/heavier.tsx', 'src/page.tsx'],
    css: ['assets/heavy.css'],
  },
  '_table.js': { file: 'assets/table.js' },
  'src/heavier.tsx': { file: 'assets/heavier.js', imports: ['_shared.js'] },
  'src/on-click.ts': { file: 'assets/on-click.js', imports: ['_big.js'] },
  '_big.js': { file: 'assets/big.js' },
  'src/error.tsx': { file: 'assets/error.js' },
  'src/other.tsx': { file: 'assets/other.js', dynamicImports: ['src/other-lazy.tsx'] },
  'src/other-lazy.tsx': { file: 'assets/other-lazy.js' },
};

const options = {
  onDemand: { 'src/on-click.ts': 'on click', 'src/error.tsx': 'on error' },
  otherRoutes: ['src/other.tsx'],
};

describe('criticalFiles', () => {
  it('takes the entry, the page and their static imports, not lazy chunks', () => {
    expect(criticalFiles(manifest, 'src/page.tsx')).toEqual([
      'assets/index.css',
      'assets/index.js',
      'assets/page.js',
      'assets/react.js',
      'assets/shared.css',
      'assets/shared.js',
    ]);
  });

  it('fails loudly for a module missing from the build', () => {
    expect(() => criticalFiles(manifest, 'src/gone.tsx')).toThrow(/not in the build manifest/);
  });
});

describe('routeFiles', () => {
  const files = routeFiles(manifest, 'src/page.tsx', options);

  it('counts first render as criticalFiles does', () => {
    expect(files.firstRender).toEqual(criticalFiles(manifest, 'src/page.tsx'));
  });

  it('adds the lazy sections, transitively, with their static imports and CSS', () => {
    expect(files.lazySections).toEqual(['src/heavy.tsx', 'src/heavier.tsx']);
    expect(files.settled).toEqual([
      'assets/heavier.js',
      'assets/heavy.css',
      'assets/heavy.js',
      'assets/index.css',
      'assets/index.js',
      'assets/page.js',
      'assets/react.js',
      'assets/shared.css',
      'assets/shared.js',
      'assets/table.js',
    ]);
  });

  it('leaves out what is on demand only, and other routes with their lazy sections', () => {
    for (const file of ['assets/on-click.js', 'assets/big.js', 'assets/error.js']) {
      expect(files.settled).not.toContain(file);
    }
    expect(files.settled).not.toContain('assets/other.js');
    expect(files.settled).not.toContain('assets/other-lazy.js');
  });

  it('counts a lazy chunk nobody explained', () => {
    const unexplained = routeFiles(manifest, 'src/page.tsx', { ...options, onDemand: {} });
    expect(unexplained.lazySections).toEqual([
      'src/heavy.tsx',
      'src/on-click.ts',
      'src/error.tsx',
      'src/heavier.tsx',
    ]);
    expect(unexplained.settled).toContain('assets/big.js');
  });

  it('is deterministic', () => {
    expect(routeFiles(manifest, 'src/page.tsx', options)).toEqual(files);
  });

  it('fails loudly for an on-demand entry or route that is not in the build', () => {
    expect(() =>
      routeFiles(manifest, 'src/page.tsx', { ...options, onDemand: { 'src/gone.ts': 'x' } }),
    ).toThrow(/src\/gone\.ts is not in the build manifest/);
  });
});

describe('the budgets', () => {
  it('are 125 KB before the process list renders (issue 11) and 150 KB once settled', () => {
    expect(ROUTE_BUDGETS.find((r) => r.route === '/processes')).toMatchObject({
      module: 'src/app/routes/process-list-route.tsx',
      firstRender: 125_000,
      settled: 150_000,
    });
  });

  it('give every route its own first-render figure, none above the 135 KB ceiling', () => {
    expect(new Set(ROUTE_BUDGETS.map((r) => r.module)).size).toBe(ROUTE_BUDGETS.length);
    for (const route of ROUTE_BUDGETS) {
      expect(route.firstRender).toBeLessThanOrEqual(FIRST_RENDER_CEILING);
      expect(route.settled).toBe(150_000);
    }
    expect(FIRST_RENDER_CEILING).toBe(135_000);
  });

  it('say why each on-demand chunk is left out', () => {
    for (const why of Object.values(ON_DEMAND)) expect(why.length).toBeGreaterThan(10);
  });
});
