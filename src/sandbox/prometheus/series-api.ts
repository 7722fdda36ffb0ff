// /api/v1/series, /api/v1/labels and /api/v1/label/<name>/values over the series storage:
// `match[]` selectors (each with a matcher that rejects the empty string, as Prometheus
// requires), optional start and end, results sorted as Prometheus sorts them. Errors keep
// Prometheus's wording, where only /series names the `match[]` parameter.

import { compareLabels, type Labels, labelsKey } from '../promql/labels.ts';
import { matcherAccepts } from '../promql/matcher.ts';
import { parseSeriesSelector } from '../promql/selector.ts';
import type { LabelMatcher, SeriesStorage } from '../promql/storage.ts';
import { badData, fromPromqlError, invalidParam } from './api-error.ts';
import { sortedLabels } from './api-format.ts';
import { type Form, MAX_TIME, MIN_TIME, optionalTime } from './params.ts';

const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const EVERY_SERIES: LabelMatcher[] = [{ name: '__name__', type: '=~', value: '.+' }];
const EMPTY_MATCH = 'match[] must contain at least one non-empty matcher';

export interface Lookup {
  storage: SeriesStorage;
  form: Form;
}

export function seriesResponse({ storage, form }: Lookup): Labels[] {
  if (form.getAll('match[]').length === 0) throw badData('no match[] parameter provided');
  const { start, end } = timeRange(form);
  const sets = matcherSets(form, 'match[]');
  return selectLabels(storage, sets, start, end).sort(compareLabels).map(sortedLabels);
}

export function labelNamesResponse(lookup: Lookup): string[] {
  const names = new Set<string>();
  for (const labels of lookedUp(lookup)) for (const name of Object.keys(labels)) names.add(name);
  return [...names].sort();
}

export function labelValuesResponse(lookup: Lookup, name: string): string[] {
  if (!LABEL_NAME.test(name)) throw badData(`invalid label name: ${JSON.stringify(name)}`);
  const values = new Set<string>();
  for (const labels of lookedUp(lookup)) {
    const value = labels[name];
    if (value !== undefined) values.add(value);
  }
  return [...values].sort();
}

/** The series /labels and /label/<name>/values look at: those matching match[], or all. */
function lookedUp({ storage, form }: Lookup): Labels[] {
  const { start, end } = timeRange(form);
  const sets = matcherSets(form);
  return selectLabels(storage, sets.length ? sets : [EVERY_SERIES], start, end);
}

function timeRange(form: Form): { start: number; end: number } {
  return { start: optionalTime(form, 'start', MIN_TIME), end: optionalTime(form, 'end', MAX_TIME) };
}

/** The parsed match[] selectors; `param` names the parameter in errors where Prometheus does. */
function matcherSets(form: Form, param?: string): LabelMatcher[][] {
  let sets: LabelMatcher[][];
  try {
    sets = form.getAll('match[]').map(parseSeriesSelector);
  } catch (err) {
    throw fromPromqlError(err, param);
  }
  if (sets.some((set) => set.every((m) => matcherAccepts(m, '')))) {
    throw param ? invalidParam(param, EMPTY_MATCH) : badData(EMPTY_MATCH);
  }
  return sets;
}

/** The distinct label sets of the series any matcher set selects. */
function selectLabels(storage: SeriesStorage, sets: LabelMatcher[][], start: number, end: number): Labels[] {
  const byKey = new Map<string, Labels>();
  for (const set of sets) {
    for (const series of storage.select(set, start, end)) byKey.set(labelsKey(series.labels), series.labels);
  }
  return [...byKey.values()];
}
