// Whether a label value satisfies a label matcher, with Prometheus semantics: regexes are
// fully anchored and a missing label is the empty string.

import { promRegex } from './regex.ts';
import type { LabelMatcher } from './storage.ts';

export function matcherAccepts(matcher: LabelMatcher, value: string): boolean {
  switch (matcher.type) {
    case '=':
      return value === matcher.value;
    case '!=':
      return value !== matcher.value;
    case '=~':
      return promRegex(matcher.value).testWhole(value);
    case '!~':
      return !promRegex(matcher.value).testWhole(value);
  }
}

/** Whether every matcher accepts the series' labels. */
export function labelsMatch(
  matchers: readonly LabelMatcher[],
  labels: Readonly<Record<string, string>>,
): boolean {
  return matchers.every((matcher) => matcherAccepts(matcher, labels[matcher.name] ?? ''));
}
