// The redaction corpus through the redactor alone, in every form a secret takes in on-call
// data: the shape's own line, `NAME=value`, `NAME: value` (YAML), a JSON object key, a
// Kubernetes env entry, and a `name:`/`value:` pair split over two log lines. Counts are
// printed; test/security/redaction.test.ts runs the same corpus through a whole server.

import { describe, expect, it } from 'vitest';
import { maskSplitSecrets, redact, redactString } from '../../../src/shape/redact.ts';
import { needles, ORDINARY_LINES, redactionCorpus } from '../../fixtures/redaction-corpus.ts';

const corpus = redactionCorpus();

const FORMS: Record<string, (name: string, value: string, line: string) => string> = {
  line: (_n, _v, line) => redactString(line).text,
  env: (n, v) => redactString(`${n}=${v}`).text,
  yaml: (n, v) => redactString(`${n}: ${JSON.stringify(v)}`).text,
  'json object': (n, v) => JSON.stringify(redact({ [n]: v }).value),
  'env entry': (n, v) => JSON.stringify(redact({ env: [{ name: n, value: v }] }).value),
  'env entry as JSON text': (n, v) => redactString(JSON.stringify({ env: [{ name: n, value: v }] })).text,
  'env entry split over log lines': (n, v) =>
    [...maskSplitSecrets([{ text: `- name: ${n}` }, { text: `  value: ${JSON.stringify(v)}` }])]
      .map((l) => redactString(l.text).text)
      .join('\n'),
};

describe('the redaction corpus', () => {
  it(`has at least 150 shapes across every family (${corpus.length})`, () => {
    expect(corpus.length).toBeGreaterThanOrEqual(150);
    expect(new Set(corpus.map((s) => s.family))).toEqual(
      new Set([
        'cloud',
        'vcs',
        'registry',
        'messaging',
        'payments',
        'observability',
        'data',
        'ai',
        'collab',
        'auth',
        'private-key',
        'url',
        'connection-string',
        'key-value',
        'env-entry',
      ]),
    );
  });

  it('leaks no secret in any form (leak count printed)', () => {
    const leaks: string[] = [];
    for (const shape of corpus) {
      for (const [form, render] of Object.entries(FORMS)) {
        const out = render(shape.env, shape.value, shape.line);
        if (needles(shape.secret).some((n) => out.includes(n))) leaks.push(`${shape.id} (${form}): ${out}`);
      }
    }
    console.log(
      `redaction corpus: ${corpus.length} shapes × ${Object.keys(FORMS).length} forms, ${leaks.length} leaks`,
    );
    expect(leaks).toEqual([]);
  });

  it('masks each line with a count', () => {
    for (const shape of corpus) expect(redactString(shape.line).count, shape.id).toBeGreaterThan(0);
  });

  it('leaves ordinary lines as they are (false-positive count printed)', () => {
    const altered = ORDINARY_LINES.filter((line) => redactString(line).text !== line);
    console.log(`false positives: ${altered.length} of ${ORDINARY_LINES.length} ordinary lines`);
    expect(altered).toEqual([]);
    expect(redact({ lines: ORDINARY_LINES }).redactions).toBe(0);
  });

  it('leaves ordinary values under vague names readable: a key that is a resource path, a cache key', () => {
    const ordinary = {
      target: { key: 'Deployment/orders/order-sync' },
      cache: { key: 'checkout-service/pricing-rules' },
    };
    expect(redact(ordinary)).toEqual({ value: ordinary, redactions: 0 });
  });
});
