// memoryStorage as the engine and the sandbox's metric store rely on it: Prometheus matcher
// semantics (anchored regexes, a missing label is ""), several matchers intersected, samples
// cut to [mint, maxt] and series without samples there left out.

import { describe, expect, it } from 'vitest';
import { memoryStorage } from '../../../../src/sandbox/promql/memory-storage.ts';
import type { LabelMatcher, StoredSeries } from '../../../../src/sandbox/promql/storage.ts';

function series(labels: Record<string, string>, times: number[]): StoredSeries {
  return { labels, timestamps: times, values: times.map((t) => t / 1000) };
}

const storage = memoryStorage([
  series({ __name__: 'up', job: 'api', instance: 'a' }, [0, 1000, 2000, 3000]),
  series({ __name__: 'up', job: 'db', instance: 'b' }, [0, 1000, 2000]),
  series({ __name__: 'up', instance: 'c' }, [5000]),
  series({ __name__: 'http_requests_total', job: 'api', code: '500' }, [0, 1000]),
]);

function names(matchers: LabelMatcher[], mint = 0, maxt = 10_000): string[] {
  return storage
    .select(matchers, mint, maxt)
    .map((one) => `${one.labels.__name__}/${one.labels.job ?? '-'}/${one.labels.instance ?? one.labels.code}`)
    .sort();
}

describe('memoryStorage', () => {
  it('selects by equality and by regex on the metric name, anchored', () => {
    expect(names([{ name: '__name__', type: '=', value: 'up' }])).toEqual(['up/-/c', 'up/api/a', 'up/db/b']);
    expect(names([{ name: '__name__', type: '=~', value: 'http_.*' }])).toEqual([
      'http_requests_total/api/500',
    ]);
    expect(names([{ name: '__name__', type: '=~', value: 'http' }])).toEqual([]);
  });

  it('treats a missing label as the empty string for every matcher type', () => {
    const up: LabelMatcher = { name: '__name__', type: '=', value: 'up' };
    expect(names([up, { name: 'job', type: '=', value: '' }])).toEqual(['up/-/c']);
    expect(names([up, { name: 'job', type: '!=', value: 'api' }])).toEqual(['up/-/c', 'up/db/b']);
    expect(names([up, { name: 'job', type: '=~', value: 'api|' }])).toEqual(['up/-/c', 'up/api/a']);
    expect(names([up, { name: 'job', type: '!~', value: '.+' }])).toEqual(['up/-/c']);
  });

  it('intersects several matchers', () => {
    expect(
      names([
        { name: 'job', type: '=', value: 'api' },
        { name: 'code', type: '=~', value: '5..' },
      ]),
    ).toEqual(['http_requests_total/api/500']);
  });

  it('returns only the samples inside [mint, maxt] and leaves out series without any', () => {
    const [api] = storage.select(
      [
        { name: '__name__', type: '=', value: 'up' },
        { name: 'job', type: '=', value: 'api' },
      ],
      1000,
      2000,
    );
    expect(Array.from(api!.timestamps)).toEqual([1000, 2000]);
    expect(Array.from(api!.values)).toEqual([1, 2]);
    expect(names([{ name: '__name__', type: '=', value: 'up' }], 4000, 6000)).toEqual(['up/-/c']);
  });

  it('rejects an invalid regex naming it', () => {
    expect(() => storage.select([{ name: 'job', type: '=~', value: '(' }], 0, 1)).toThrow(
      /invalid regular expression "\("/,
    );
  });
});
