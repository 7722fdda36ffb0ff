// Matchers as users type them for am_silence_create and am_alerts_list: the four
// operators, quoting, and errors that quote the bad matcher; and Alertmanager's matching
// rules (anchored regexes, missing label = empty string) that dry runs rely on.

import { describe, expect, it } from 'vitest';
import {
  formatMatcher,
  matchesLabels,
  parseMatcher,
  parseMatchers,
} from '../../../src/backends/alertmanager/matchers.ts';

describe('parseMatcher', () => {
  it('reads the four operators, quoted and bare values', () => {
    expect(parseMatcher('service="checkout"')).toEqual({
      name: 'service',
      value: 'checkout',
      isRegex: false,
      isEqual: true,
    });
    expect(parseMatcher('pod=~"web-.*"')).toMatchObject({ isRegex: true, isEqual: true, value: 'web-.*' });
    expect(parseMatcher('env!=prod')).toMatchObject({ isRegex: false, isEqual: false, value: 'prod' });
    expect(parseMatcher(' severity !~ "info|debug" ')).toMatchObject({
      name: 'severity',
      isRegex: true,
      isEqual: false,
    });
    expect(parseMatcher('msg="say \\"hi\\""').value).toBe('say "hi"');
  });

  it('names the bad matcher and the expected syntax', () => {
    expect(() => parseMatchers(['service="a"', 'alertname~"x"'])).toThrow(
      /bad matcher "alertname~\\"x\\"": expected name="value"/,
    );
    expect(() => parseMatcher('9lives="x"')).toThrow(/bad matcher/);
    expect(() => parseMatcher('pod=~"web-("')).toThrow(/bad matcher "pod=~\\"web-\(\\"": invalid regex/);
  });

  it('formats back to the same text', () => {
    for (const text of ['a="b"', 'a=~"b.*"', 'a!="b"', 'a!~"b|c"']) {
      expect(formatMatcher(parseMatcher(text))).toBe(text);
    }
  });
});

describe('matchesLabels', () => {
  const labels = { alertname: 'HighErrorRate', service: 'checkout', pod: 'checkout-1' };

  it('needs every matcher to hold, with anchored regexes', () => {
    expect(matchesLabels(parseMatchers(['service="checkout"', 'pod=~"checkout-.*"']), labels)).toBe(true);
    expect(matchesLabels(parseMatchers(['pod=~"checkout"']), labels)).toBe(false);
    expect(matchesLabels(parseMatchers(['service="checkout"', 'alertname!="HighErrorRate"']), labels)).toBe(
      false,
    );
  });

  it('treats a missing label as the empty string', () => {
    expect(matchesLabels(parseMatchers(['team=""']), labels)).toBe(true);
    expect(matchesLabels(parseMatchers(['team!~".+"']), labels)).toBe(true);
    expect(matchesLabels(parseMatchers(['team="x"']), labels)).toBe(false);
  });
});
