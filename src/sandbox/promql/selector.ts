// Series selectors outside queries: the `match[]` parameter of /api/v1/series, /labels and
// /label/<name>/values, read with the PromQL parser as Prometheus reads them.

import { parseSelectorMatchers } from './parse.ts';
import type { LabelMatcher } from './storage.ts';

/** The matchers of `up{job="api"}` or `{__name__=~"http_.*"}`; anything else is a bad_data PromqlError. */
export function parseSeriesSelector(text: string): LabelMatcher[] {
  return parseSelectorMatchers(text);
}
