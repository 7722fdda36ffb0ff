// Placeholders and the seeded PRNG behind them: every form renders within its bounds, the
// same stream renders the same text, and a mistake is rejected with the placeholder named.

import { describe, expect, it } from 'vitest';
import { compileTemplate, renderTemplate } from '../../../../src/sandbox/scenario/placeholders.ts';
import { streamRandom } from '../../../../src/sandbox/scenario/random.ts';

const render = (text: string, identity = 'line') =>
  renderTemplate(compileTemplate(text), streamRandom(7, identity));

describe('log text placeholders', () => {
  it('renders every form within its bounds', () => {
    for (let i = 0; i < 200; i++) {
      const id = `line-${i}`;
      const n = Number(render('{int:20-90}', id));
      expect(Number.isInteger(n) && n >= 20 && n <= 90).toBe(true);
      const f = render('{float:0.5-2.25}', id);
      expect(f).toMatch(/^\d\.\d{2}$/);
      expect(Number(f)).toBeGreaterThanOrEqual(0.5);
      expect(Number(f)).toBeLessThanOrEqual(2.25);
      expect(render('{uuid}', id)).toMatch(
        /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      );
      expect(render('{hex:12}', id)).toMatch(/^[0-9a-f]{12}$/);
      expect(render('{ip}', id)).toMatch(/^10\.\d{1,3}\.\d{1,3}\.\d{1,3}$/);
      expect(['GET', 'POST', 'PUT']).toContain(render('{pick:GET|POST|PUT}', id));
    }
  });

  it('keeps literal text, including braces that are not placeholders', () => {
    expect(render('payload {"ok":true} {} done {int:5-5}')).toBe('payload {"ok":true} {} done 5');
  });

  it('renders the same text from the same stream and differs across streams', () => {
    const text = 'order={uuid} took {int:1-100000}ms';
    expect(render(text, 'a')).toBe(render(text, 'a'));
    expect(render(text, 'a')).not.toBe(render(text, 'b'));
  });

  it.each([
    ['{status}', /unknown placeholder \{status}/],
    ['{int:9-1}', /placeholder \{int:9-1}: expected \{int:a-b}/],
    ['{int}', /placeholder \{int}: expected/],
    ['{hex:0}', /placeholder \{hex:0}/],
    ['{uuid:4}', /placeholder \{uuid:4}/],
    ['{pick:}', /placeholder \{pick:}/],
  ])('rejects %s', (text, message) => {
    expect(() => compileTemplate(`x ${text} y`)).toThrow(message);
  });
});
