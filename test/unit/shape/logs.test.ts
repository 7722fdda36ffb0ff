import { describe, expect, it } from 'vitest';
import { compilePattern } from '../../../src/regex.ts';
import { jsonBytes } from '../../../src/shape/budget.ts';
import { MAX_FILTERED_CHARS } from '../../../src/shape/logs/collect.ts';
import { templateOf } from '../../../src/shape/logs/mask.ts';
import { type InputLogLine, type ShapedLogs, shapedLogsSchema, shapeLogs } from '../../../src/shape/logs.ts';
import { redact } from '../../../src/shape/redact.ts';

const BUDGET = 12_000;
const lines = (...texts: string[]): InputLogLine[] => texts.map((text) => ({ text }));
const shape = (texts: string[], opts: Partial<Parameters<typeof shapeLogs>[1]> = {}) =>
  shapeLogs(lines(...texts), { maxBytes: BUDGET, ...opts });
const templateTexts = (result: ShapedLogs) => result.templates.map((t) => t.template);

/** A busy service: many distinct info lines, a few errors and warnings among them. */
function* busyService(total: number): Generator<InputLogLine> {
  for (let i = 0; i < total; i++) {
    if (i % 10_007 === 5_000) yield { text: `ERROR payment ${i} declined by issuer: card expired` };
    else if (i % 997 === 13) yield { text: `WARN cache miss ratio ${i % 90}% above 50%` };
    else
      yield {
        text: `INFO handler${i % 40} served GET /items/${i} in ${i % 300}ms for 10.0.${i % 250}.${i % 7}`,
      };
  }
}

describe('templateOf', () => {
  it.each([
    ['GET /api/orders/48213 200 35ms', 'GET /api/orders/<num> <num> <dur>'],
    ['took 1.5s, then 1h2m3s and 350µs', 'took <dur>, then <dur> and <dur>'],
    ['request 6f1c2a9e-4b3d-4e2f-9a1b-2c3d4e5f6a7b done', 'request <uuid> done'],
    ['from 10.42.3.17:51234 and 10.0.0.1', 'from <ip> and <ip>'],
    ['peer [2001:db8::1]:443 and fe80::1ff:fe23:4567:890a', 'peer <ip> and <ip>'],
    ['user alice@example.com logged in', 'user <email> logged in'],
    ['2025-03-14T10:00:00.123Z started at 10:11:12', '<ts> started at <ts>'],
    ['commit 9f86d081884c and addr 0x7f3a', 'commit <hex> and addr <hex>'],
    ['pod checkout-api-7d9f8b6c5-x2k4q restarted', 'pod checkout-api-<hex>-<id> restarted'],
    ['[http-nio-8080-exec-12] handled', '[<id>] handled'],
    ['E0425 10:11:12.123456    1 main.go:42] sync failed', 'E<num> <ts> <num> main.go:<num>] sync failed'],
    ['limit 64Mi for 5xx responses', 'limit <num>Mi for <num>xx responses'],
  ])('masks %j as %j', (line, template) => {
    expect(templateOf(line)).toBe(template);
  });

  it('keeps words, names and versions that carry meaning', async () => {
    expect(templateOf('deadbeef decade v1beta1 utf8 OrderService.java std::vector')).toBe(
      'deadbeef decade v1beta1 utf8 OrderService.java std::vector',
    );
  });

  it('masks a long credential-like token whole, never in part', async () => {
    expect(templateOf('Authorization: Bearer dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe(
      'Authorization: Bearer <id>',
    );
    expect(templateOf('xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx')).toBe('<id>');
  });
});

describe('shapeLogs', () => {
  it('collapses repeated lines into one template with a count, first/last and an example', async () => {
    const result = await shapeLogs(
      Array.from({ length: 300 }, (_, i) => ({
        text: `INFO served /items/${i} in ${i}ms`,
        time: new Date(Date.UTC(2025, 2, 14, 10, 0, i % 60)),
      })),
      { maxBytes: BUDGET },
    );
    expect(result.templates).toEqual([
      {
        template: 'INFO served /items/<num> in <dur>',
        count: 300,
        level: 'info',
        first: '2025-03-14T10:00:00.000Z',
        last: '2025-03-14T10:00:59.000Z',
        example: 'INFO served /items/0 in 0ms',
      },
    ]);
    expect(result).toMatchObject({ totalLines: 300, matchedLines: 300, levels: { info: 300 } });
    expect(result.omitted).toBeUndefined();
  });

  it('gives line numbers as first/last when the lines carry no time', async () => {
    const result = await shape(['boot', 'INFO tick 1', 'INFO tick 2', 'INFO tick 3']);
    expect(result.templates.find((t) => t.template === 'INFO tick <num>')).toMatchObject({
      count: 3,
      first: 'line 2',
      last: 'line 4',
    });
  });

  it('detects levels in the formats services use', async () => {
    const result = await shape([
      'ts=2025-03-14T10:00:00Z level=error msg="db down"',
      '2025/03/14 10:00:00 [warn] 12#0: upstream slow',
      '2025-03-14 10:00:00.001 ERROR 1 --- [main] c.e.App : failed',
      'E0425 10:11:12.123456 1 main.go:42] sync failed',
      'W0425 10:11:12.123456 1 main.go:43] retrying',
      '{"level":50,"time":1710410000000,"msg":"pino error"}',
      '{"severity":"DEBUG","message":"gcp debug"}',
      'panic: runtime error: index out of range',
      'java.lang.IllegalStateException: closed',
      'Traceback (most recent call last):',
      'WARNING:root:disk at 91%',
      'server listening',
    ]);
    expect(result.levels).toEqual({ error: 7, warn: 3, info: 0, debug: 1, unknown: 1 });
  });

  it('groups JSON log lines by message and level, with the time from the line', async () => {
    const json = (i: number, level: string) =>
      JSON.stringify({
        level,
        time: `2025-03-14T10:00:0${i}Z`,
        msg: `order ${1000 + i} shipped`,
        orderId: i,
      });
    const result = await shape([json(1, 'info'), json(2, 'info'), json(3, 'error')]);
    expect(result.templates.map((t) => [t.level, t.template, t.count, t.first, t.last])).toEqual([
      ['error', 'order <num> shipped', 1, '2025-03-14T10:00:03Z', '2025-03-14T10:00:03Z'],
      ['info', 'order <num> shipped', 2, '2025-03-14T10:00:01Z', '2025-03-14T10:00:02Z'],
    ]);
    expect(result.templates[1]!.example).toBe(json(1, 'info'));
  });

  it("adds a JSON line's error to its template and keeps its embedded stack", async () => {
    const line = JSON.stringify({
      level: 'error',
      msg: 'query failed',
      err: {
        message: 'connection refused',
        stack: 'Error: connection refused\n    at Pool.query (pool.js:9:9)',
      },
    });
    const result = await shape([line, line]);
    expect(templateTexts(result)).toEqual(['query failed: connection refused']);
    expect(result.stackTraces).toEqual([
      { header: 'Error: connection refused', frames: ['    at Pool.query (pool.js:9:9)'], count: 2 },
    ]);
  });

  it('lists errors, then warnings, then the rest by count', async () => {
    const result = await shape([
      'INFO a',
      'INFO a',
      'INFO a',
      'WARN b',
      'ERROR c',
      'DEBUG d',
      'DEBUG d',
      'WARN b',
    ]);
    expect(result.templates.map((t) => `${t.level}:${t.template}:${t.count}`)).toEqual([
      'error:ERROR c:1',
      'warn:WARN b:2',
      'info:INFO a:3',
      'debug:DEBUG d:2',
    ]);
  });

  it('keeps the first and last lines as context, without repeating them', async () => {
    const result = await shape(Array.from({ length: 20 }, (_, i) => `line ${i}`));
    expect(result.head).toEqual(['line 0', 'line 1', 'line 2', 'line 3', 'line 4']);
    expect(result.tail).toEqual(['line 15', 'line 16', 'line 17', 'line 18', 'line 19']);
    expect((await shape(['only', 'two'])).tail).toEqual([]);
  });

  describe('stack traces', () => {
    const javaTrace = (orderId: number, line: number) => [
      `ERROR Failed to process order ${orderId}`,
      'java.lang.NullPointerException: order is null',
      `\tat com.example.OrderService.process(OrderService.java:${line})`,
      '\tat com.example.OrderController.post(OrderController.java:17)',
      'Caused by: java.io.IOException: boom',
      '\t... 12 more',
    ];

    it('groups Java traces under the line above the first frame and counts identical ones', async () => {
      const result = await shape([...javaTrace(1, 42), 'INFO ok', ...javaTrace(2, 42), ...javaTrace(3, 43)]);
      expect(result.stackTraces).toEqual([
        {
          header: 'java.lang.NullPointerException: order is null',
          frames: [
            '\tat com.example.OrderService.process(OrderService.java:42)',
            '\tat com.example.OrderController.post(OrderController.java:17)',
            'Caused by: java.io.IOException: boom',
            '\t... 12 more',
          ],
          count: 3,
        },
      ]);
      // Frames are not templates of their own; the lines around them are.
      expect(templateTexts(result)).toEqual([
        'ERROR Failed to process order <num>',
        'java.lang.NullPointerException: order is null',
        'INFO ok',
      ]);
      expect(result.levels.error).toBe(6);
      expect(result.matchedLines).toBe(19);
    });

    it('names a Python traceback by its exception line', async () => {
      const result = await shape([
        'Traceback (most recent call last):',
        '  File "/app/main.py", line 10, in <module>',
        '    main()',
        "ValueError: invalid literal for int() with base 10: 'abc'",
        'INFO next',
      ]);
      expect(result.stackTraces).toEqual([
        {
          header: "ValueError: invalid literal for int() with base 10: 'abc'",
          frames: ['  File "/app/main.py", line 10, in <module>', '    main()'],
          count: 1,
        },
      ]);
      expect(templateTexts(result)).toContain("ValueError: invalid literal for int() with base <num>: 'abc'");
    });

    it('keeps a Go panic with its goroutine dump', async () => {
      const result = await shape([
        'panic: runtime error: invalid memory address or nil pointer dereference',
        '[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x4a1b2c]',
        '',
        'goroutine 1 [running]:',
        'main.handler(0xc000010000)',
        '\t/app/main.go:42 +0x1d',
        'exit status 2',
        'INFO restarted',
      ]);
      expect(result.stackTraces).toHaveLength(1);
      expect(result.stackTraces[0]).toMatchObject({
        header: 'panic: runtime error: invalid memory address or nil pointer dereference',
        count: 1,
      });
      expect(result.stackTraces[0]!.frames).toEqual([
        '[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x4a1b2c]',
        'goroutine 1 [running]:',
        'main.handler(0xc000010000)',
        '\t/app/main.go:42 +0x1d',
        'exit status 2',
      ]);
      expect(templateTexts(result)).toEqual([
        'panic: runtime error: invalid memory address or nil pointer dereference',
        'INFO restarted',
      ]);
    });

    it('keeps interleaved traces of merged pods apart', async () => {
      const result = await shapeLogs(
        [
          { source: 'api-1', text: 'java.lang.IllegalStateException: pool closed' },
          { source: 'api-2', text: 'java.util.ConcurrentModificationException' },
          { source: 'api-1', text: '\tat com.example.Pool.get(Pool.java:10)' },
          { source: 'api-2', text: '\tat java.util.HashMap.forEach(HashMap.java:1)' },
        ],
        { maxBytes: BUDGET },
      );
      expect(result.stackTraces.map((t) => [t.header, t.frames])).toEqual([
        ['java.lang.IllegalStateException: pool closed', ['\tat com.example.Pool.get(Pool.java:10)']],
        ['java.util.ConcurrentModificationException', ['\tat java.util.HashMap.forEach(HashMap.java:1)']],
      ]);
      expect(result.templates[0]!.sources).toEqual(['api-1']);
      expect(result.tail).toEqual([]);
      expect(result.head[0]).toBe('[api-1] java.lang.IllegalStateException: pool closed');
    });
  });

  describe('filters', () => {
    const log = [
      'DEBUG cache warm',
      'INFO request served',
      'WARN slow request',
      'ERROR request failed',
      'java.lang.RuntimeException: boom',
      '\tat com.example.Handler.run(Handler.java:3)',
      'plain line without level',
    ];

    it('keeps lines at minLevel and above; a line without level counts as info', async () => {
      const warn = await shape(log, { minLevel: 'warn' });
      expect(templateTexts(warn)).toEqual([
        'ERROR request failed',
        'java.lang.RuntimeException: boom',
        'WARN slow request',
      ]);
      expect(warn).toMatchObject({ totalLines: 7, matchedLines: 4 });
      expect(warn.stackTraces).toHaveLength(1);
      expect(templateTexts(await shape(log, { minLevel: 'info' }))).toContain('plain line without level');
    });

    it('keeps lines matching the regex, and frames follow the line they belong to', async () => {
      const result = await shape(log, { filter: compilePattern('request|RuntimeException') });
      expect(templateTexts(result)).toEqual([
        'ERROR request failed',
        'java.lang.RuntimeException: boom',
        'WARN slow request',
        'INFO request served',
      ]);
      expect(result.stackTraces[0]!.frames).toEqual(['\tat com.example.Handler.run(Handler.java:3)']);
      expect((await shape(log, { filter: compilePattern('served') })).stackTraces).toEqual([]);
    });

    it('reads the first 16 KiB of a line for the filter, so one giant line cannot hold the event loop', async () => {
      const giant = `INFO ${'x'.repeat(MAX_FILTERED_CHARS)} needle`;
      const result = await shape([giant, 'INFO needle early'], { filter: compilePattern('needle') });
      expect(result).toMatchObject({ totalLines: 2, matchedLines: 1 });
    });
  });

  describe('the byte budget', () => {
    it('drops info templates with the lowest counts and keeps every error and warning', async () => {
      const result = await shapeLogs(busyService(20_000), { maxBytes: 3_000 });
      expect(jsonBytes(result)).toBeLessThanOrEqual(3_000);
      expect(result.templates.filter((t) => t.level === 'error').map((t) => t.template)).toEqual([
        'ERROR payment <num> declined by issuer: card expired',
      ]);
      expect(result.templates.filter((t) => t.level === 'error')[0]!.count).toBe(2);
      expect(result.templates.some((t) => t.level === 'warn')).toBe(true);
      expect(result.templates.filter((t) => t.level === 'info').length).toBeLessThan(40);
      expect(result.omitted).toMatchObject({
        omittedTemplates: expect.any(Number),
        omittedLines: expect.any(Number),
      });
      expect(result.omitted!.hint).toMatch(/filter.*since.*minLevel.*raw/s);
    });

    it('keeps every distinct error template while the budget allows any', async () => {
      const errors = Array.from(
        { length: 15 },
        (_, i) => `ERROR subsystem ${String.fromCharCode(97 + i)} failed`,
      );
      const noise = Array.from({ length: 5_000 }, (_, i) => `INFO route${i % 500}x handled`);
      const result = await shape([...noise.slice(0, 2_500), ...errors, ...noise.slice(2_500)], {
        maxBytes: 4_000,
      });
      expect(result.templates.filter((t) => t.level === 'error')).toHaveLength(15);
      expect(jsonBytes(result)).toBeLessThanOrEqual(4_000);
    });

    it('gives up error templates with the lowest counts only as a last resort, and says so', async () => {
      const errors = Array.from({ length: 80 }, (_, i) =>
        Array.from(
          { length: i + 1 },
          () => `ERROR component ${'abcdefghijklmnopqrstuvwxyz'[i % 26]}${i} broke`,
        ),
      ).flat();
      const result = await shape(errors, { maxBytes: 2_000 });
      expect(jsonBytes(result)).toBeLessThanOrEqual(2_000);
      const counts = result.templates.map((t) => t.count);
      expect(counts.length).toBeGreaterThan(0);
      expect(Math.min(...counts)).toBeGreaterThan(80 - counts.length - 1);
      expect(result.omitted!.hint).toMatch(/of them errors/);
    });

    it('always fits maxBytes, whatever the budget', async () => {
      const log = [...busyService(30_000)];
      for (const maxBytes of [1_000, 1_500, 2_048, 3_333, 5_000, 8_192, 12_000, 16_384, 40_000]) {
        for (const raw of [false, true]) {
          const result = await shapeLogs(log, { maxBytes, raw });
          expect(jsonBytes(result), `maxBytes ${maxBytes}, raw ${raw}`).toBeLessThanOrEqual(maxBytes);
          expect(result.totalLines).toBe(30_000);
        }
      }
    });

    it('refuses a budget too small for the counts themselves, naming maxBytes', async () => {
      await expect(shape(['x'], { maxBytes: 500 })).rejects.toThrow(
        /maxBytes must be an integer >= 1000, got 500/,
      );
    });
  });

  it('returns the newest raw lines in raw mode, capped by maxBytes, and says how many are left out', async () => {
    const result = await shapeLogs(busyService(5_000), { maxBytes: 2_000, raw: true });
    expect(jsonBytes(result)).toBeLessThanOrEqual(2_000);
    expect(result.templates).toEqual([]);
    expect(result.lines!.length).toBeGreaterThan(5);
    expect(result.lines!.at(-1)).toMatch(/^INFO handler39 served GET \/items\/4999 /);
    expect(result.omitted!.omittedLines).toBe(5_000 - result.lines!.length);
  });

  it('prefixes raw lines with their time and source when the backend gives them apart', async () => {
    const result = await shapeLogs([{ text: 'ready', time: '2025-03-14T10:00:00Z', source: 'web-1' }], {
      maxBytes: BUDGET,
      raw: true,
    });
    expect(result.lines).toEqual(['2025-03-14T10:00:00Z [web-1] ready']);
    expect(result.omitted).toBeUndefined();
  });

  it('lists the sources of a template when several pods are merged', async () => {
    const result = await shapeLogs(
      Array.from({ length: 30 }, (_, i) => ({ text: 'ERROR upstream reset', source: `web-${i % 12}` })),
      { maxBytes: BUDGET },
    );
    // At most ten are kept per template, sorted; the rest are announced.
    expect(result.templates[0]!.sources).toEqual([
      ...Array.from({ length: 10 }, (_, i) => `web-${i}`),
      '+more',
    ]);
  });

  it('keeps an error template even past the cap on distinct templates', async () => {
    const unique = Array.from({ length: 6_000 }, (_, i) => `INFO key ${(i * 7919).toString(36)}q unique`);
    const result = await shape([...unique, 'ERROR disk full'], { maxBytes: 4_000 });
    expect(templateTexts(result)).toContain('ERROR disk full');
    expect(result.omitted!.hint).toMatch(/5000-template limit/);
    expect(result.levels.info).toBe(6_000);
  });

  it('is deterministic', async () => {
    const run = async () => JSON.stringify(await shapeLogs(busyService(20_000), { maxBytes: 4_000 }));
    expect(await run()).toBe(await run());
  });

  it('validates against the output schema it exports', async () => {
    expect(
      shapedLogsSchema.strict().safeParse(await shapeLogs(busyService(5_000), { maxBytes: 3_000 })).success,
    ).toBe(true);
  });

  it('leaves every secret for the redactor to find: none survives shaping then redaction', async () => {
    const secrets = [
      'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk',
      'AKIAIOSFODNN7EXAMPLE',
      'xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx',
      'ghp_abcdefghijklmnopqrstuvwxyz0123456789',
      'S3cr3tPassw0rd',
      'hunter22',
    ];
    const result = await shape([
      `INFO call with Authorization: Bearer ${secrets[0]}`,
      `INFO aws key ${secrets[1]} used`,
      `INFO slack ${secrets[2]}`,
      `INFO github token ${secrets[3]}`,
      `INFO connecting to postgres://app:${secrets[4]}@db:5432/orders`,
      `INFO login password=${secrets[5]} accepted`,
    ]);
    const text = JSON.stringify(redact(result).value);
    for (const secret of secrets) {
      for (const fragment of secret.split(/[-_]/).filter((f) => f.length >= 6))
        expect(text).not.toContain(fragment);
    }
  });

  it('reads a 100,000-line log in one pass and keeps its rare errors', async () => {
    const result = await shapeLogs(busyService(100_000), { maxBytes: BUDGET });
    expect(result.totalLines).toBe(100_000);
    expect(result.matchedLines).toBe(100_000);
    expect(result.levels).toEqual({ error: 10, warn: 101, info: 99_889, debug: 0, unknown: 0 });
    expect(result.templates[0]).toMatchObject({
      template: 'ERROR payment <num> declined by issuer: card expired',
      count: 10,
      first: 'line 5001',
      last: 'line 95064',
    });
    expect(jsonBytes(result)).toBeLessThanOrEqual(BUDGET);
  });

  it('gives the event loop back as it goes and stops when its signal aborts (a tool timeout)', async () => {
    function* endless(): Generator<InputLogLine> {
      for (let i = 0; ; i++) yield { text: `INFO handler served GET /items/${i}` };
    }
    const controller = new AbortController();
    let ticks = 0;
    const ticker = setInterval(() => {
      if (++ticks === 3) controller.abort(new Error('stopped after 3 timer ticks'));
    }, 1);
    try {
      // A loop that never yielded would spin here for ever: the timer could not fire.
      await expect(shapeLogs(endless(), { maxBytes: BUDGET, signal: controller.signal })).rejects.toThrow(
        'stopped after 3 timer ticks',
      );
    } finally {
      clearInterval(ticker);
    }
  });
});
