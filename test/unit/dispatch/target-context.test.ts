// A tool's context() feeds the policy's `context` (e.g. rolloutInProgress), so a bundle can
// refuse a change while a rollout of the same target is under way.

import { writeFileSync } from 'node:fs';
import pino from 'pino';
import { expect, it } from 'vitest';
import { z } from 'zod';
import { createApp } from '../../../src/app.ts';
import { defineTool, mutateArgs } from '../../../src/tool.ts';
import { makeWorld } from '../../helpers/world.ts';

let rolling = false;
const poke = defineTool({
  name: 'test_thing_poke',
  title: 'Poke',
  description: 'test tool',
  kind: 'mutate',
  input: z.object({ ...mutateArgs }).strict(),
  output: z.object({ poked: z.boolean() }),
  target: () => ({ kind: 'Deployment', namespace: 'staging', name: 'web', environment: 'staging' }),
  impact: () => ({ pods: 1 }),
  context: () => ({ rolloutInProgress: rolling }),
  handler: async () => ({ poked: true }),
});

it('denies while the target reports a rollout in progress, allows once it is done', async () => {
  const world = makeWorld();
  writeFileSync(
    world.policyPath,
    `apiVersion: opswarden.dev/v1
kind: PolicyBundle
metadata: { name: rollout-test, version: 1.0.0 }
spec:
  mode: enforce
  defaults: { read: allow, mutate: allow }
  rules:
    - name: not-during-a-rollout
      match: context.rolloutInProgress && request.kind == "mutate"
      effect: deny
      message: A rollout is in progress on this target; wait for it or roll it back.
`,
  );
  const app = createApp({ config: world.config, extraTools: [poke], logger: pino({ level: 'silent' }) });
  const call = () =>
    app.call({
      tool: 'test_thing_poke',
      args: { reason: 'testing the rollout guard' },
      principal: { id: 'a', type: 'agent', roles: [], transport: 'in-memory' },
    });
  try {
    rolling = true;
    const denied = await call();
    expect(denied.isError).toBe(true);
    expect(denied.text).toContain('not-during-a-rollout');
    rolling = false;
    expect((await call()).isError).toBe(false);
  } finally {
    await app.close();
    world.cleanup();
  }
});
