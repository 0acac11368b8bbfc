/*
 * Text squeezed into a URL: deflate-raw (CompressionStream, built into browsers and Node) and
 * base64url (RFC 4648 §5, no padding), so it needs no escaping in a URL fragment.
 */

const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const DECODE = new Map([...BASE64URL].map((char, i) => [char, i]));

export function toBase64url(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const chars = Math.min(4, Math.ceil(((bytes.length - i) * 8) / 6));
    for (let c = 0; c < chars; c++) out += BASE64URL[(n >> (18 - 6 * c)) & 63];
  }
  return out;
}

/** The bytes of a base64url text; undefined when it is not one. */
export function fromBase64url(text: string): Uint8Array | undefined {
  if (text.length % 4 === 1) return undefined;
  const bytes = new Uint8Array(Math.floor((text.length * 6) / 8));
  let bits = 0;
  let value = 0;
  let at = 0;
  for (const char of text) {
    const digit = DECODE.get(char);
    if (digit === undefined) return undefined;
    value = ((value << 6) | digit) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes[at++] = (value >> bits) & 0xff;
    }
  }
  return bytes;
}

async function readAll(stream: ReadableStream<Uint8Array>, maxBytes: number): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let length = 0;
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    length += value.length;
    if (length > maxBytes) {
      await reader.cancel();
      throw new Error(`more than ${maxBytes} bytes`);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(length);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

function through(bytes: Uint8Array, transform: CompressionStream | DecompressionStream) {
  const source = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(bytes);
      controller.close();
    },
  });
  return source.pipeThrough(transform as ReadableWritablePair<Uint8Array, Uint8Array>);
}

/** `text` as UTF-8, deflate-raw compressed, in base64url. */
export async function compressText(text: string): Promise<string> {
  const bytes = new TextEncoder().encode(text);
  return toBase64url(
    await readAll(through(bytes, new CompressionStream('deflate-raw')), Number.POSITIVE_INFINITY),
  );
}

/**
 * The text compressText made; throws when `encoded` is not one, or inflates to more than
 * `maxBytes` (a link cannot make the page swallow gigabytes).
 */
export async function decompressText(encoded: string, maxBytes: number): Promise<string> {
  const bytes = fromBase64url(encoded);
  if (!bytes) throw new Error('not base64url');
  const inflated = await readAll(through(bytes, new DecompressionStream('deflate-raw')), maxBytes);
  return new TextDecoder('utf-8', { fatal: true }).decode(inflated);
}
