// One clock per answer: approval tickets as tools read them carry the world's time (a
// sandbox scenario's, at its speed), while the store keeps and enforces the gate's.

import { describe, expect, it } from 'vitest';
import type { Approval } from '../../../src/approvals/store.ts';
import { worldTimeApprovals } from '../../../src/approvals/world-view.ts';
import { worldTime } from '../../../src/world-time.ts';

const gateNow = Date.parse('2026-12-07T20:00:00Z');
const worldNow = Date.parse('2026-04-25T14:30:00Z');
const gate = { now: () => new Date(gateNow) };
const world = { now: () => new Date(worldNow) };

const ticket = {
  id: 'apr-1',
  status: 'approved',
  createdAt: '2026-12-07T19:59:00.000Z',
  expiresAt: '2026-12-07T20:15:00.000Z',
  decidedAt: '2026-12-07T19:59:30.000Z',
  executeBy: '2026-12-07T20:04:30.000Z',
} as Approval;

describe('world time', () => {
  it('maps gate times to the world clock at its speed, and back', () => {
    const time = worldTime({ clock: gate, worldClock: world, timeScale: 60 });
    expect(time.same).toBe(false);
    // 15 gate minutes ahead are 15 hours of a world running 60 times faster.
    expect(time.isoToWorld('2026-12-07T20:15:00.000Z')).toBe('2026-04-26T05:30:00.000Z');
    expect(time.toGate(new Date('2026-04-26T05:30:00.000Z')).toISOString()).toBe('2026-12-07T20:15:00.000Z');
  });

  it('leaves times alone when the world is the gate', () => {
    const time = worldTime({ clock: gate, worldClock: gate, timeScale: 1 });
    expect(time.same).toBe(true);
    expect(time.isoToWorld(ticket.expiresAt)).toBe(ticket.expiresAt);
  });

  it('shows every time of a ticket in the world clock and nothing else changed', () => {
    const store = { get: (id: string) => (id === ticket.id ? ticket : undefined) };
    const view = worldTimeApprovals(store, worldTime({ clock: gate, worldClock: world, timeScale: 1 }));
    expect(view.get('apr-1')).toEqual({
      ...ticket,
      createdAt: '2026-04-25T14:29:00.000Z',
      expiresAt: '2026-04-25T14:45:00.000Z',
      decidedAt: '2026-04-25T14:29:30.000Z',
      executeBy: '2026-04-25T14:34:30.000Z',
    });
    expect(ticket.expiresAt, 'the stored ticket keeps the gate time').toBe('2026-12-07T20:15:00.000Z');
    expect(view.get('apr-2')).toBeUndefined();
  });
});
