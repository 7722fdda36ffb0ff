// A run whose lease another replica took stops where it is: it calls no further tool and
// records nothing (the holder goes on); once the lease is let go, a replica adopts the run
// and finishes it without repeating what ran. The other replica is played by rewriting the
// lease in the store, as its claim would.

import { afterEach, expect, it } from 'vitest';
import { agent } from '../../helpers/world.ts';
import { type EngineHarness, runbook, scaleStep, startEngine, until } from './engine-harness.ts';

let h: EngineHarness;
afterEach(async () => {
  await h?.close();
});

const run = { principal: agent, reason: 'runbook lease test', dryRun: false };

const slow = runbook('slow', [
  scaleStep('up', { namespace: 'staging', name: 'checkout', replicas: 5 }, 'settle'),
  { id: 'settle', title: 'Settle for ten minutes', kind: 'wait', durationMs: 600_000, next: 'down' },
  scaleStep('down', { namespace: 'staging', name: 'checkout', replicas: 2 }, 'resolved'),
]);

function setLease(id: string, owner: string, untilMs: number): void {
  h.app.db
    .prepare('UPDATE runbook_executions SET lease_owner = ?, lease_until = ? WHERE id = ?')
    .run(owner, untilMs, id);
}

it('a run whose lease was taken calls no further tool and records nothing; its adopter finishes it once', async () => {
  h = startEngine([slow]);
  const { id } = h.service.start('slow', {}, run);
  await until(h.service, id, (s) => s.currentStep === 'settle');
  setLease(id, 'another-replica', Date.now() + 60_000);
  await new Promise((r) => setTimeout(r, 1_000)); // the 600 ms wait is over

  expect(h.fleet.scaleCalls).toBe(1);
  const stopped = h.service.status(id)!;
  expect(stopped.state).toBe('running');
  expect(stopped.steps.map((s) => [s.id, s.state])).toEqual([
    ['up', 'done'],
    ['settle', 'running'],
  ]);
  expect(h.app.audit.query({ type: 'runbook.step' }).map((r) => r.data.step)).toEqual(['up']);
  // While the other replica holds it, nobody else adopts it.
  const adopter = h.restart();
  expect((await adopter.wait(id, { timeoutMs: 300 })).state).toBe('running');

  setLease(id, 'another-replica', 0); // it let go (shut down)
  adopter.resume();
  const done = await adopter.wait(id, { timeoutMs: 5_000 });
  expect(done).toMatchObject({ outcome: 'resolved', decidedBy: 'down' });
  expect(done.steps.map((s) => [s.id, s.outcome])).toEqual([
    ['up', 'executed'],
    ['settle', 'waited'],
    ['down', 'executed'],
  ]);
  expect(h.fleet.scaleCalls).toBe(2);
  const executed = h.app.audit.query({ type: 'action.executed', tool: 'fixture_deployment_scale' });
  expect(executed.map((r) => r.callId)).toEqual(done.steps.flatMap((s) => s.callIds));
});

it('a graceful close hands its runs over at once', async () => {
  // A lease far longer than the test: the run is adopted at once only if close() let it go.
  h = startEngine([slow], { leaseMs: 60_000 });
  const { id } = h.service.start('slow', {}, run);
  await until(h.service, id, (s) => s.currentStep === 'settle');
  const other = h.restart(); // a second replica, adopting from now on
  expect(other.status(id)!.state).toBe('running');
  await h.service.close();
  other.resume(); // looks now rather than at its next tick, 20 s away
  const done = await other.wait(id, { timeoutMs: 5_000 });
  expect(done.outcome).toBe('resolved');
  expect(h.fleet.scaleCalls).toBe(2);
});
