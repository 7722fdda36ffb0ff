import { describe, expect, it } from 'vitest';
import { parseDuration, parseSince } from '../../../src/duration.ts';

describe('parseDuration', () => {
  it.each([
    ['500ms', 500],
    ['30s', 30_000],
    ['15m', 900_000],
    ['1h', 3_600_000],
    ['24h', 86_400_000],
    ['7d', 604_800_000],
    ['1h30m', 5_400_000],
    ['1.5h', 5_400_000],
    ['2w', 1_209_600_000],
  ])('%s is %d ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(['', '15', 'm', '15 minutes', '-5m', '1y', '1h 30m'])('rejects %j, naming it', (text) => {
    expect(() => parseDuration(text)).toThrow(`invalid duration ${JSON.stringify(text)}`);
  });
});

describe('parseSince', () => {
  const now = new Date('2024-05-01T12:00:00Z');

  it('reads a duration as that long before now', () => {
    expect(parseSince('1h', now).toISOString()).toBe('2024-05-01T11:00:00.000Z');
    expect(parseSince('7d', now).toISOString()).toBe('2024-04-24T12:00:00.000Z');
  });

  it('reads RFC 3339 timestamps with a zone', () => {
    expect(parseSince('2024-04-30T08:15:00Z', now).toISOString()).toBe('2024-04-30T08:15:00.000Z');
    expect(parseSince('2024-04-30T10:15:00.5+02:00', now).toISOString()).toBe('2024-04-30T08:15:00.500Z');
  });

  it('rejects anything else, naming the text', () => {
    expect(() => parseSince('yesterday', now)).toThrow('invalid time "yesterday"');
    expect(() => parseSince('2024-04-30', now)).toThrow('invalid time "2024-04-30"');
    expect(() => parseSince('2024-13-45T99:00:00Z', now)).toThrow('invalid time');
  });
});
