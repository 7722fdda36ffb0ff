import { describe, expect, it } from 'vitest';
import { applyBudget, DEFAULT_MAX_BYTES } from '../../../src/shape/budget.ts';

const bytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value));
/** What the client receives: the value with the truncation metadata at the top level. */
const delivered = (result: { value: object; truncated?: object }) =>
  result.truncated ? { ...result.value, truncated: result.truncated } : result.value;

function pods(count: number) {
  return Array.from({ length: count }, (_, i) => ({ name: `web-${i}`, phase: 'Running', restarts: i % 4 }));
}

describe('applyBudget', () => {
  it('returns small output unchanged, without metadata', () => {
    const value = { pods: pods(3), note: 'fine' };
    const result = applyBudget(value, DEFAULT_MAX_BYTES);
    expect(result).toEqual({ value });
    expect(result.value).toBe(value);
  });

  it('keeps the first items of a long list and says how many were omitted', () => {
    const value = { namespace: 'shop', pods: pods(1000) };
    const result = applyBudget(value, 2048);

    expect(bytes(delivered(result))).toBeLessThanOrEqual(2048);
    const kept = result.value.pods;
    expect(kept.length).toBeGreaterThan(5);
    expect(kept).toEqual(pods(kept.length));
    expect(result.value.namespace).toBe('shop');
    expect(result.truncated).toMatchObject({
      originalBytes: bytes(value),
      keptBytes: bytes(result.value),
      omitted: [{ path: '$.pods', items: 1000 - kept.length }],
    });
    expect(result.truncated!.hint).toMatch(/narrow the query.*cursor.*raise maxBytes/);
  });

  it('keeps the head and tail of a long string', () => {
    const log = `FIRST LINE\n${'x'.repeat(100_000)}\nLAST LINE`;
    const result = applyBudget({ log }, 4096);

    expect(bytes(delivered(result))).toBeLessThanOrEqual(4096);
    const kept = result.value.log;
    expect(kept.startsWith('FIRST LINE\n')).toBe(true);
    expect(kept.endsWith('\nLAST LINE')).toBe(true);
    const omittedChars = Number(kept.match(/…\[(\d+) chars omitted\]…/)![1]);
    expect(result.truncated!.omitted).toEqual([{ path: '$.log', chars: omittedChars }]);
    expect(kept.length - `…[${omittedChars} chars omitted]…`.length + omittedChars).toBe(log.length);
  });

  it('never drops object keys, cutting nested lists and strings instead', () => {
    const value = {
      summary: { total: 400, failing: 2 },
      'weird key': pods(200),
      deployments: [
        { name: 'api', events: Array.from({ length: 300 }, (_, i) => `event ${i} ${'.'.repeat(40)}`) },
      ],
    };
    const result = applyBudget(value, 3000);

    expect(bytes(delivered(result))).toBeLessThanOrEqual(3000);
    expect(Object.keys(result.value)).toEqual(Object.keys(value));
    expect(Object.keys(result.value.deployments[0]!)).toEqual(['name', 'events']);
    expect(result.value.summary).toEqual(value.summary);
    const paths = result.truncated!.omitted.map((o) => o.path).sort();
    expect(paths).toEqual(['$.deployments[0].events', '$["weird key"]']);
  });

  it('is deterministic', () => {
    const value = { a: pods(300), b: 'y'.repeat(20_000), c: [pods(50), pods(80)] };
    expect(applyBudget(value, 5000)).toEqual(applyBudget(value, 5000));
  });

  it('does not modify its input', () => {
    const value = { pods: pods(500) };
    applyBudget(value, 1024);
    expect(value.pods).toHaveLength(500);
  });

  it('lists at most 20 cuts and counts the rest in the hint', () => {
    const value = Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`field${i}`, 'z'.repeat(2000)]));
    const result = applyBudget(value, 16_384);
    expect(bytes(delivered(result))).toBeLessThanOrEqual(16_384);
    expect(result.truncated!.omitted).toHaveLength(20);
    expect(result.truncated!.hint).toContain('(40 more cuts not listed)');
  });

  it('does not split a surrogate pair when cutting a string', () => {
    const result = applyBudget({ text: '😀'.repeat(5000) }, 2048);
    const kept = result.value.text.replace(/…\[\d+ chars omitted\]…/, '');
    expect(kept).toMatch(/^(?:😀)+$/u);
  });
});
