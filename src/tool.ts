// The tool contract (DESIGN §3): what a tool declares and what its handler receives.
// Handlers never import clients and never call the policy: the dispatcher decides, then
// hands the handler its backends through ctx.

import type { Logger } from 'pino';
import { z } from 'zod';
import type { Backends } from './backends/types.ts';
import type { Impact, Principal, Target, ToolKind } from './types.ts';

export interface Clock {
  now(): Date;
}

export interface Progress {
  progress: number;
  total?: number;
  message?: string;
}

export interface ToolContext {
  backends: Backends;
  signal: AbortSignal;
  logger: Logger;
  clock: Clock;
  callId: string;
  principal: Principal;
  /** Reports progress to the client when it sent a progress token; a no-op otherwise. */
  progress(p: Progress): Promise<void>;
  /**
   * Frees the client's HTTP stream during a long wait (SEP-1699 polling): the client
   * reconnects and gets the result when it is ready. A no-op where the transport cannot.
   */
  releaseStream(): void;
}

/** What target() and impact() get: the backends and clock, no signal or principal. */
export type ResolveContext = Pick<ToolContext, 'backends' | 'clock' | 'logger'>;

export interface TargetContext {
  rolloutInProgress?: boolean;
}

export interface ToolAnnotations {
  /** mutate only: may the tool destroy or lose state? Defaults to true (fail closed). */
  destructive?: boolean;
  idempotent?: boolean;
  /** Reaches systems outside the cluster (cloud APIs, third parties). */
  openWorld?: boolean;
}

// biome-ignore lint/suspicious/noExplicitAny: the registry holds tools of every input shape
type AnyObject = z.ZodObject<any>;

export interface ToolDefinition<I extends AnyObject = AnyObject, O extends AnyObject = AnyObject> {
  name: string;
  title: string;
  description: string;
  kind: ToolKind;
  input: I;
  output: O;
  annotations?: ToolAnnotations;
  /**
   * JSONPaths of the output (e.g. `$.events[*].message`) that carry text from the observed
   * systems or from other principals: untrusted data, marked in every result
   * (src/shape/untrusted.ts). Required wherever such text appears; checked against `output` at start.
   */
  untrusted?: readonly string[];
  target: (args: z.output<I>, ctx: ResolveContext) => Target | Promise<Target>;
  /** Required for mutate tools: the blast-radius estimate the policy sees. */
  impact?: (args: z.output<I>, ctx: ResolveContext) => Impact | Promise<Impact>;
  /** Facts about the target for the policy's `context` (e.g. a rollout already in progress). */
  context?: (args: z.output<I>, ctx: ResolveContext) => TargetContext | Promise<TargetContext>;
  /** Mutate tools: state to record in the audit log before the action runs. */
  snapshot?: (args: z.output<I>, ctx: ResolveContext) => Promise<unknown>;
  /**
   * The result is what the action did (a command's output, its exit code): the shaped,
   * redacted result is recorded with `action.executed`, not only its size.
   */
  auditResult?: boolean;
  handler: (ctx: ToolContext, args: z.output<I>) => Promise<z.input<O>>;
}

const TOOL_NAME = /^[a-z][a-z0-9]*(_[a-z0-9]+)+$/;
/** Fields the gate adds to every result (budget, redaction, dry-run decision, untrusted paths). */
const GATE_OUTPUT_KEYS = ['truncated', 'redactions', 'policy', 'untrusted'] as const;

/**
 * Arguments every mutate tool takes (DESIGN §3); spread into the tool's input shape. Their
 * meaning is told once, in the server instructions (src/server/mcp.ts), not in every tool:
 * `reason` is why the agent wants the change (the approver and the audit log read it);
 * `dryRun` shows what would change and what the policy would decide, and changes nothing.
 */
export const mutateArgs = {
  reason: z.string().trim().min(3).max(2000),
  dryRun: z.boolean().default(false),
};

/**
 * Declares a tool. Checks the contract at definition time so a malformed tool fails at
 * start, not on its first call.
 */
export function defineTool<I extends AnyObject, O extends AnyObject>(
  def: ToolDefinition<I, O>,
): ToolDefinition<I, O> {
  const problems: string[] = [];
  if (!TOOL_NAME.test(def.name)) problems.push('name must be snake_case <area>_<resource>[_<verb>]');
  if (def.input._zod.def.catchall?._zod.def.type !== 'never')
    problems.push('input must be z.object({...}).strict()');
  if ('approvalId' in def.input.shape)
    problems.push('"approvalId" is reserved for the gate (the re-call after approval)');
  for (const key of GATE_OUTPUT_KEYS) {
    if (key in def.output.shape) problems.push(`output key "${key}" is reserved for the gate`);
  }
  if (def.kind === 'mutate') {
    for (const key of Object.keys(mutateArgs)) {
      if (!(key in def.input.shape))
        problems.push(`mutate tool input must include "${key}" (spread mutateArgs)`);
    }
    if (!def.impact) problems.push('mutate tool must declare impact()');
  } else if (def.kind !== 'read') {
    problems.push(`kind must be "read" or "mutate", got ${JSON.stringify(def.kind)}`);
  }
  if (problems.length) throw new Error(`tool ${def.name}: ${problems.join('; ')}`);
  return def;
}

export type AnyTool = ToolDefinition<AnyObject, AnyObject>;
