// The npm package's ES module build (not Node's deprecated built-in of the same name).
declare module 'punycode/punycode.es6.js' {
  export function toUnicode(domain: string): string;
  export function toASCII(domain: string): string;
}
