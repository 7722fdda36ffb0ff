// Prometheus regexes: RE2, through the one module that runs callers' patterns
// (src/regex.ts), anchored as Prometheus anchors label matchers and label_replace (its
// `^(?:pattern)$` is `testWhole`/`matchWhole`). A range query matches the same few patterns
// thousands of times, so compiled patterns are cached.

import { cachedPattern, type Pattern, PatternError } from '../../regex.ts';
import { PromqlError } from './errors.ts';

/** The compiled pattern; one RE2 refuses is a bad_data error naming it, in RE2's own words. */
export function promRegex(pattern: string): Pattern {
  try {
    return cachedPattern(pattern);
  } catch (error) {
    if (!(error instanceof PatternError)) throw error;
    throw new PromqlError(
      'bad_data',
      `invalid regular expression ${JSON.stringify(pattern)}: ${error.detail}`,
    );
  }
}
