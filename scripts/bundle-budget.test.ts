// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { criticalFiles, type Manifest } from './bundle-budget.ts';

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
    imports: ['_shared.js', '_react.js'],
    dynamicImports: ['src/heavy.tsx'],
  },
  '_shared.js': { file: 'assets/shared.js', imports: ['_react.js'], css: ['assets/shared.css'] },
  'src/heavy.tsx': { file: 'assets/heavy.js' },
  'src/other.tsx': { file: 'assets/other.js' },
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
