// The telemetry front the gate talks to (src/telemetry/index.ts), with the SDK side
// replaced by a recorder: what a call records (step names and times, error classes, never
// messages), that nothing loads before a call has finished, and that whatever the SDK side
// does (never loads, fails to load, throws) a call's outcome and timing are its own and
// the stop is bounded by telemetry.otlp.timeout.

import pino from 'pino';
import { describe, expect, it } from 'vitest';
import type { CallOutcome } from '../../../src/dispatch/result.ts';
import {
  type CallExporter,
  createTelemetry,
  type FinishedCall,
  NO_TELEMETRY,
} from '../../../src/telemetry/index.ts';
import type { Principal } from '../../../src/types.ts';

const principal: Principal = { id: 'claude-agent', type: 'agent', roles: [], transport: 'in-memory' };
const ok: CallOutcome = { isError: false, text: '{}', callId: 'c-1', outcome: 'ok', effect: 'allow' };
const config = (timeout = '3s') => ({
  otlp: { endpoint: 'http://127.0.0.1:1', headers: {}, serviceName: 'opswarden', timeout },
});

function recorder(): CallExporter & { calls: FinishedCall[]; shutdowns: number } {
  const calls: FinishedCall[] = [];
  return {
    calls,
    shutdowns: 0,
    export(call) {
      calls.push(call);
    },
    async shutdown() {
      this.shutdowns++;
    },
  };
}

function logged(): { logger: pino.Logger; lines: () => Record<string, unknown>[] } {
  const lines: string[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => lines.push(line) });
  return { logger, lines: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

const never = new Promise<never>(() => {});

describe('NO_TELEMETRY (telemetry off)', () => {
  it('runs the gate as it is: outcomes, errors and step values pass through', async () => {
    const outcome = await NO_TELEMETRY.call({ principal }, async (span) => {
      expect(span.step('validate', () => 41) + 1).toBe(42);
      expect(await span.step('handler', async () => 'done')).toBe('done');
      return ok;
    });
    expect(outcome).toBe(ok);
    const boom = new Error('boom');
    await expect(NO_TELEMETRY.call({ principal }, async () => Promise.reject(boom))).rejects.toBe(boom);
  });
});

describe('createTelemetry', () => {
  it('records the steps in order, by error class only, and loads the SDK side on the first finished call', async () => {
    const exporter = recorder();
    let loads = 0;
    const telemetry = createTelemetry(config(), {
      logger: pino({ level: 'silent' }),
      version: '1.2.3',
      load: async () => {
        loads++;
        return exporter;
      },
    });
    expect(loads).toBe(0);

    class BackendError extends Error {}
    const outcome = await telemetry.call({ principal }, async (span) => {
      span.identify({ tool: 'k8s_pods_list', kind: 'read', callId: 'c-1' });
      span.step('validate', () => ({ success: true }));
      await span.step('resolve', async () => {});
      span.decided({ effect: 'allow', matched: [], bundle: { name: 'default', version: '1', digest: 'x' } });
      const err = new BackendError('pods "ghp_s3cr3t" not found');
      err.name = 'ghp_s3cr3t';
      await expect(span.step('handler', async () => Promise.reject(err))).rejects.toBe(err);
      expect(() =>
        span.step('shape', () => {
          throw new TypeError('cannot read ghp_s3cr3t');
        }),
      ).toThrow(TypeError);
      return { ...ok, isError: true, outcome: 'error' };
    });
    expect(outcome.outcome).toBe('error');
    await telemetry.close();

    expect(loads).toBe(1);
    const [call] = exporter.calls;
    expect(call).toMatchObject({ tool: 'k8s_pods_list', errorType: 'tool_error' });
    expect(call!.steps.map((s) => [s.name, s.errorType])).toEqual([
      ['validate', undefined],
      ['resolve', undefined],
      ['handler', 'BackendError'],
      ['shape', 'TypeError'],
    ]);
    for (const [i, step] of call!.steps.entries()) {
      expect(step.end).toBeGreaterThanOrEqual(step.start);
      if (i > 0) expect(step.start).toBeGreaterThanOrEqual(call!.steps[i - 1]!.end);
    }
    expect(call!.attributes).toMatchObject({
      'opswarden.outcome': 'error',
      'opswarden.policy.effect': 'allow',
    });
    expect(JSON.stringify(call)).not.toContain('ghp_s3cr3t');
    expect(exporter.shutdowns).toBe(1);
  });

  it('records a call the gate threw out of (an unknown tool) without its name', async () => {
    const exporter = recorder();
    const telemetry = createTelemetry(config(), {
      logger: pino({ level: 'silent' }),
      version: '1',
      load: async () => exporter,
    });
    class ProtocolError extends Error {}
    await expect(
      telemetry.call({ principal }, async () => {
        throw new ProtocolError('unknown tool: ghp_s3cr3t');
      }),
    ).rejects.toThrow(ProtocolError);
    await telemetry.close();
    expect(exporter.calls[0]).toMatchObject({ errorType: 'ProtocolError', steps: [] });
    expect(exporter.calls[0]!.tool).toBeUndefined();
    expect(JSON.stringify(exporter.calls[0])).not.toContain('ghp_s3cr3t');
  });

  it('never slows or fails a call while the SDK side will not load, and stops within the timeout', async () => {
    const { logger, lines } = logged();
    const telemetry = createTelemetry(config('200ms'), { logger, version: '1', load: () => never });
    for (let i = 0; i < 20; i++) {
      const started = performance.now();
      expect(await telemetry.call({ principal }, async () => ok)).toBe(ok);
      expect(performance.now() - started).toBeLessThan(50);
    }
    const stopping = performance.now();
    await telemetry.close();
    expect(performance.now() - stopping).toBeLessThan(200 + 250 + 200);
    expect(lines().map((l) => l.msg)).toContain(
      'telemetry: spans not flushed within telemetry.otlp.timeout; the rest are dropped',
    );
  });

  it('keeps calls while the SDK side loads, up to a bound, and says how many it dropped', async () => {
    const { logger, lines } = logged();
    const exporter = recorder();
    let loaded!: (e: CallExporter) => void;
    const telemetry = createTelemetry(config(), {
      logger,
      version: '1',
      load: () => new Promise((resolve) => (loaded = resolve)),
    });
    for (let i = 0; i < 600; i++) await telemetry.call({ principal }, async () => ok);
    loaded(exporter);
    await telemetry.call({ principal }, async () => ok);
    expect(exporter.calls).toHaveLength(512 + 1);
    expect(lines().find((l) => l.dropped)).toMatchObject({ dropped: 88 });
    await telemetry.close();
  });

  it('logs once when the SDK side fails to load, and calls go on', async () => {
    const { logger, lines } = logged();
    let loads = 0;
    const telemetry = createTelemetry(config(), {
      logger,
      version: '1',
      load: async () => {
        loads++;
        throw new Error('Cannot find package @opentelemetry/sdk-trace');
      },
    });
    for (let i = 0; i < 5; i++) expect(await telemetry.call({ principal }, async () => ok)).toBe(ok);
    await telemetry.close();
    expect(loads).toBe(1);
    expect(lines().filter((l) => l.level === 50)).toHaveLength(1);
  });

  it('keeps a call whose spans cannot be made or sent', async () => {
    const { logger, lines } = logged();
    const telemetry = createTelemetry(config(), {
      logger,
      version: '1',
      load: async () => ({
        export() {
          throw new Error('exporter broke');
        },
        shutdown: () => Promise.reject(new Error('shutdown broke')),
      }),
    });
    for (let i = 0; i < 3; i++) expect(await telemetry.call({ principal }, async () => ok)).toBe(ok);
    await telemetry.close();
    const failures = lines().filter((l) => l.msg === 'telemetry: a call could not be turned into spans');
    expect(failures).toHaveLength(3);
  });

  it('records nothing once closed', async () => {
    const exporter = recorder();
    const telemetry = createTelemetry(config(), {
      logger: pino({ level: 'silent' }),
      version: '1',
      load: async () => exporter,
    });
    await telemetry.call({ principal }, async () => ok);
    await telemetry.close();
    await telemetry.call({ principal }, async () => ok);
    expect(exporter.calls).toHaveLength(1);
  });
});
