import { PROCESS_ID_TOO_LARGE, processIdParamSchema } from '../contract/process-id.ts';

export type ProcessIdExtraction =
  | { ok: true; id: number; /** set when the id was picked out of other text */ foundIn?: string }
  | { ok: false; reason: string };

/**
 * Finds the process id in what people paste: `46069000`, ` #46069000 `, a console or API URL,
 * or a log line such as `process 46069000 failed`. Refuses anything that is not clearly one id.
 */
export function extractProcessId(input: string): ProcessIdExtraction {
  const text = input.trim();
  if (text === '') return { ok: false, reason: 'Enter a process id.' };

  const plain = text.replace(/^#\s*/, '').replace(/[\s,._']/g, (c) => (c === '.' ? c : ''));
  if (/^-\d/.test(plain)) return { ok: false, reason: 'A process id cannot be negative.' };
  if (/^\d+\.\d+$/.test(plain)) return { ok: false, reason: 'A process id is a whole number.' };
  if (/^\d+$/.test(plain)) return checkDigits(plain);

  const fromUrl = /\/processes\/(\d+)(?:[/?#]|$)/i.exec(text)?.[1];
  if (fromUrl) return withSource(checkDigits(fromUrl), text);

  const labelled = /\bprocess(?:[ _-]?id)?\b\s*[:=#]?\s*#?(\d+)\b/i.exec(text)?.[1];
  if (labelled) return withSource(checkDigits(labelled), text);

  // Standalone integers only: not part of a date, time, decimal, version or word.
  const candidates = [...text.matchAll(/(?<![\w.:/-])\d+(?![\w.:/-]|\.\d)/g)].map((m) => m[0]);
  const unique = [...new Set(candidates)];
  if (unique.length === 1) return withSource(checkDigits(unique[0]!), text);
  if (unique.length > 1) {
    return {
      ok: false,
      reason: `Found several numbers (${unique.slice(0, 4).join(', ')}): enter just the process id.`,
    };
  }
  return { ok: false, reason: 'No process id found: a process id is a positive whole number.' };
}

function checkDigits(digits: string): ProcessIdExtraction {
  const normalised = digits.replace(/^0+(?=\d)/, '');
  if (/^0+$/.test(normalised)) return { ok: false, reason: 'A process id is greater than zero.' };
  const parsed = processIdParamSchema.safeParse(normalised);
  if (!parsed.success) return { ok: false, reason: PROCESS_ID_TOO_LARGE };
  return { ok: true, id: parsed.data };
}

function withSource(result: ProcessIdExtraction, text: string): ProcessIdExtraction {
  return result.ok ? { ...result, foundIn: text } : result;
}
