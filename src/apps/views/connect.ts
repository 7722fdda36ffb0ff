// What every view does to live in an MCP Apps host, with the official SDK's App class: the
// ui/initialize handshake over postMessage, the host's theme, the tool's arguments and
// result as they arrive, and the one way a view acts: `call`, a tools/call the host makes
// to opswarden for it, which the policy gate judges and the audit log records like any call
// of the host's principal. A view has no network of its own (its CSP allows none) and no
// credential.

import {
  App,
  applyDocumentTheme,
  applyHostStyleVariables,
  type McpUiHostContext,
  PostMessageTransport,
} from '@modelcontextprotocol/ext-apps';
import { h, type Json, replace } from './dom.ts';

export interface ToolResult {
  content?: { type: string; text?: string }[];
  structuredContent?: Json;
  isError?: boolean;
}

export interface ViewRuntime {
  /** The arguments of the call the host shows this view for (empty until it says). */
  args(): Json;
  /** A tools/call through the host; resolves with the result (an error result too). */
  call(name: string, args: Json): Promise<ToolResult>;
  /** Renders a result (an error result as its message) in place of what is shown. */
  show(result: ToolResult): void;
  /** The root element the view renders into. */
  root: HTMLElement;
}

export type Render = (result: ToolResult, view: ViewRuntime) => void;

function applyHost(ctx: McpUiHostContext | undefined): void {
  if (ctx?.theme) applyDocumentTheme(ctx.theme);
  if (ctx?.styles?.variables) applyHostStyleVariables(ctx.styles.variables);
}

/** The text of a result (its first text block), e.g. an error's message. */
export function resultText(result: ToolResult): string {
  return result.content?.find((c) => c.type === 'text')?.text ?? '';
}

/** Renders an error result as what it is: the gate's or the tool's words, shown as text. */
export function renderError(root: HTMLElement, result: ToolResult): void {
  replace(root, h('p', { class: 'error', role: 'alert' }, resultText(result) || 'The tool call failed.'));
}

export function startView(name: string, render: Render): void {
  const root = document.getElementById('view') as HTMLElement;
  let args: Json = {};
  const app = new App({ name: `opswarden-${name}`, version: '1' }, {});
  const view: ViewRuntime = {
    root,
    args: () => args,
    show: (result) => (result.isError ? renderError(root, result) : render(result, view)),
    async call(tool, callArgs) {
      try {
        return (await app.callServerTool({ name: tool, arguments: callArgs })) as ToolResult;
      } catch (err) {
        // The host refused (e.g. a tool its visibility keeps from views) or the call failed.
        return { isError: true, content: [{ type: 'text', text: (err as Error).message }] };
      }
    },
  };
  app.ontoolinput = (params) => {
    args = { ...(params.arguments ?? {}) };
  };
  app.ontoolresult = (result) => view.show(result as ToolResult);
  app.ontoolcancelled = () => replace(root, h('p', { class: 'muted' }, 'The tool call was cancelled.'));
  app.onhostcontextchanged = (ctx) => applyHost(ctx);
  app.onteardown = async () => ({});
  app
    .connect(new PostMessageTransport(window.parent, window.parent))
    .then(() => applyHost(app.getHostContext()))
    .catch((err: Error) =>
      replace(root, h('p', { class: 'error' }, `Could not reach the host: ${err.message}`)),
    );
}

/**
 * A view's one kind of action: a tool call through the host (so through the gate and the
 * audit log), saying on `status` that it runs and why it failed, showing the result when not.
 */
export async function callThroughHost(
  view: ViewRuntime,
  status: HTMLElement,
  call: { tool: string; args: Record<string, unknown>; busy: string; failed: string },
): Promise<void> {
  status.textContent = call.busy;
  const next = await view.call(call.tool, call.args);
  status.textContent = next.isError ? resultText(next) || call.failed : '';
  if (!next.isError) view.show(next);
}

/** A button that runs `action` once at a time, saying what it does while it runs. */
export function actionButton(label: string, title: string, action: () => Promise<void>): HTMLButtonElement {
  const button = h('button', { type: 'button', title }, label);
  button.addEventListener('click', () => {
    if (button.disabled) return;
    button.disabled = true;
    button.setAttribute('aria-busy', 'true');
    action()
      .catch((err: unknown) => console.error(err))
      .finally(() => {
        button.disabled = false;
        button.removeAttribute('aria-busy');
      });
  });
  return button;
}
