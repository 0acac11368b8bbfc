import { describe, expect, it, vi } from 'vitest';
import { forgetFailedLoads, retryableLoad } from './retryable-load.ts';

describe('retryableLoad', () => {
  it('loads once, and gives the value synchronously once loaded', async () => {
    const load = vi.fn(() => Promise.resolve({ answer: 42 }));
    const code = retryableLoad(load);
    expect(code.loaded()).toBeUndefined();
    const first = code.load();
    expect(code.load()).toBe(first);
    expect(code.loaded()).toBeUndefined();
    await first;
    expect(code.loaded()).toEqual({ answer: 42 });
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('keeps a failure until forgetFailedLoads(), then tries again', async () => {
    const load = vi
      .fn<() => Promise<string>>()
      .mockRejectedValueOnce(new Error('chunk gone'))
      .mockResolvedValueOnce('ok');
    const code = retryableLoad(load);
    await expect(code.load()).rejects.toThrow('chunk gone');
    await expect(code.load()).rejects.toThrow('chunk gone');
    expect(code.loaded()).toBeUndefined();
    forgetFailedLoads();
    expect(await code.load()).toBe('ok');
    expect(code.loaded()).toBe('ok');
    expect(load).toHaveBeenCalledTimes(2);
  });
});
